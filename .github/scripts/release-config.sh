#!/usr/bin/env bash
# Writes what a release job of .github/workflows/release.yml needs into the folder $1: the deploy
# config (deploy.yaml; mainnet, production NNS-controlled), the probes config, the canary's
# controller key and the probe's canary credentials. Values come from the repository's variables
# and secrets, passed in as environment variables; nothing here prints them, and every file is
# created 0600. See deploy/README.md, "Releasing from GitHub Actions".
set -euo pipefail
dir=${1:?usage: release-config.sh <folder>}
: "${CANARY_CANISTER_ID:?set the repository variable CANARY_CANISTER_ID (your canary clone on mainnet)}"
umask 077
mkdir -p "$dir"
{
  echo "# Written by .github/scripts/release-config.sh; paths are relative to this file."
  echo "releases: $GITHUB_WORKSPACE/releases"
  echo "ledger: ledger.json"
  echo "probes: probes.yaml"
  if [ -n "${PUSHGATEWAY_URL:-}" ]; then echo "pushgateway: $PUSHGATEWAY_URL"; fi
  cat <<YAML
soakSeconds: 300
targets:
  canary:
    role: canary
    network: ic
    canisterId: $CANARY_CANISTER_ID
    identity: canary-controller.pem
    probeTarget: canary
  production:
    role: production
    network: ic
    canisterId: ${PRODUCTION_CANISTER_ID:-rdmx6-jaaaa-aaaaa-aaadq-cai}
    probeTarget: production
    viaProposal: true
YAML
} >"$dir/deploy.yaml"
write() { # write <file> <value>: the value, if given, into a 0600 file
  if [ -n "$2" ]; then printf '%s\n' "$2" >"$dir/$1"; fi
}
write probes.yaml "${PROBES_CONFIG:-}"
write canary-controller.pem "${CANARY_CONTROLLER_PEM:-}"
write canary.credentials.json "${PROBE_CANARY_CREDENTIALS:-}"
