// deploy/config/local.yaml describes what `npm start` runs: its ids come from @ii/client, as
// npm start's do, so the config cannot drift from the system it deploys to.
import { fileURLToPath } from 'node:url';
import { II_CANISTER_ID, LOCAL_CANARY_CANISTER_ID } from '@ii/client';
import { describe, expect, it } from 'vitest';
import { loadDeployConfig } from '../src/config.js';

const CONFIG = fileURLToPath(new URL('../config/local.yaml', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('deploy/config/local.yaml', () => {
  const config = loadDeployConfig(CONFIG);

  it('has a canary and a production target at the ids npm start installs', () => {
    expect(Object.keys(config.targets).sort()).toEqual(['canary', 'production']);
    expect(config.targets.canary).toMatchObject({
      role: 'canary',
      canisterId: LOCAL_CANARY_CANISTER_ID,
      probeTarget: 'canary',
    });
    expect(config.targets.production).toMatchObject({
      role: 'production',
      canisterId: II_CANISTER_ID,
      probeTarget: 'production',
      viaProposal: false,
    });
  });

  it("talks to npm start's localnet as its anonymous controller, asking it for its root key", () => {
    for (const t of Object.values(config.targets)) {
      expect(t.network).toBe('http://127.0.0.1:4943');
      expect(t.rootKey).toBe('fetch');
      expect(t.identity).toBe('anonymous');
    }
  });

  it("uses the build's releases folder, npm start's probes config and its Pushgateway", () => {
    expect(config.releases).toBe(`${REPO}releases`);
    expect(config.probes).toBe(`${REPO}.localnet/monitoring/probes.yaml`);
    expect(config.ledger.startsWith(`${REPO}.localnet/`)).toBe(true);
    expect(config.pushgateway).toBe('http://127.0.0.1:9091');
  });
});
