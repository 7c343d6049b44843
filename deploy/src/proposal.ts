/**
 * NNS governance proposal payloads for an NNS-controlled Internet Identity: an InstallCode
 * (upgrade) action pinning the wasm's sha256 and the argument's sha256, with a summary that says
 * how anyone can verify the module. Written to a file; submitting it is the voters' business, and
 * needs no Internet Identity login (the 2022 rollback was slowed because voting did).
 */
import { createHash } from 'node:crypto';
import { encodeInitArg } from '@ii/client';
import type { Running } from './pipeline.js';
import type { Release } from './release.js';

export function installCodeProposal(canisterId: string, release: Release, now: Running) {
  const arg = encodeInitArg(null);
  const m = release.manifest;
  return {
    title: `Upgrade Internet Identity to ${m.version}`,
    summary: [
      `Upgrade ${canisterId} from ${now.release?.version ?? now.moduleHash ?? 'nothing'} to ${m.version} (commit ${m.gitCommit}).`,
      `Wasm sha256: ${m.wasmSha256}. Argument (opt InternetIdentityInit = null) sha256: ${createHash('sha256').update(arg).digest('hex')}.`,
      `Verify: npx ii-deploy verify --network ic --canister ${canisterId} --commit ${m.gitCommit}`,
    ].join('\n\n'),
    action: {
      InstallCode: {
        canister_id: canisterId,
        install_mode: 'upgrade',
        wasm_module_hash: m.wasmSha256,
        arg_hex: Buffer.from(arg).toString('hex'),
        arg_hash: createHash('sha256').update(arg).digest('hex'),
        skip_stopping_before_installing: false,
      },
    },
  };
}
