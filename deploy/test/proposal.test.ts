// The NNS proposal payloads promote and rollback write for an NNS-controlled production: what the
// voters see must pin exactly the release's module and the argument the upgrade runs with.
import { createHash } from 'node:crypto';
import { IDL } from '@dfinity/candid';
import { initArgTypes } from '@ii/canister/candid';
import { II_CANISTER_ID, NNS_ROOT_CANISTER_ID } from '@ii/client';
import { describe, expect, it } from 'vitest';
import type { Running } from '../src/pipeline.js';
import { installCodeProposal } from '../src/proposal.js';
import type { Manifest, Release } from '../src/release.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A release as readRelease returns it, around `wasm` (a few bytes stand for the module). */
function release(version: string, commit: string, wasm: Uint8Array): Release {
  const manifest: Manifest = {
    version,
    gitCommit: commit,
    wasmSha256: sha256(wasm),
    candidSha256: sha256(new TextEncoder().encode(`service : {} // ${version}`)),
    recordFormatVersion: 1,
    readsRecordFormats: [1],
    flavor: 'production',
    frontendAssets: {},
  };
  return { dir: `/releases/${version}`, manifest, wasm };
}

const OLD = release('1.1.0', 'a'.repeat(40), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
const NEW = release('1.2.0', 'b'.repeat(40), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 9]));
const running = (r: Release): Running => ({
  moduleHash: r.manifest.wasmSha256,
  controllers: [NNS_ROOT_CANISTER_ID],
  release: r.manifest,
});

describe('installCodeProposal', () => {
  const promote = installCodeProposal(II_CANISTER_ID, NEW, running(OLD));
  const rollback = installCodeProposal(II_CANISTER_ID, OLD, running(NEW));

  it("upgrades the canister to exactly the release's module", () => {
    for (const [p, r] of [
      [promote, NEW],
      [rollback, OLD],
    ] as const) {
      const action = p.action.InstallCode;
      expect(action.canister_id).toBe(II_CANISTER_ID);
      expect(action.install_mode).toBe('upgrade');
      expect(action.wasm_module_hash).toBe(r.manifest.wasmSha256);
      expect(action.wasm_module_hash).toBe(sha256(r.wasm));
      expect(action.skip_stopping_before_installing).toBe(false);
      expect(p.title).toBe(`Upgrade Internet Identity to ${r.manifest.version}`);
    }
    expect(promote.action.InstallCode.wasm_module_hash).not.toBe(
      rollback.action.InstallCode.wasm_module_hash,
    );
  });

  it('carries the upgrade argument (opt InternetIdentityInit = null) and its sha256', () => {
    const action = promote.action.InstallCode;
    // A copy: IDL.decode reads the bytes from the start of their ArrayBuffer, not at a Buffer's offset.
    const arg = new Uint8Array(Buffer.from(action.arg_hex, 'hex'));
    // Candid: the "DIDL" magic, then the argument decodes as the empty option (keep every setting).
    expect(Buffer.from(arg.subarray(0, 4)).toString('latin1')).toBe('DIDL');
    expect(IDL.decode(initArgTypes, arg)).toEqual([[]]);
    expect(action.arg_hash).toBe(sha256(arg));
    expect(rollback.action.InstallCode.arg_hex).toBe(action.arg_hex);
  });

  it('says in its summary where from, where to, both hashes and how to verify the module', () => {
    expect(promote.summary).toContain(`from 1.1.0 to 1.2.0 (commit ${NEW.manifest.gitCommit})`);
    expect(rollback.summary).toContain(`from 1.2.0 to 1.1.0 (commit ${OLD.manifest.gitCommit})`);
    expect(promote.summary).toContain(`Wasm sha256: ${NEW.manifest.wasmSha256}`);
    expect(promote.summary).toContain(`sha256: ${promote.action.InstallCode.arg_hash}`);
    expect(promote.summary).toContain(
      `npx ii-deploy verify --network ic --canister ${II_CANISTER_ID} --commit ${NEW.manifest.gitCommit}`,
    );
  });

  it('names the running module by its hash when no release built here has it', () => {
    const unknown = installCodeProposal(II_CANISTER_ID, NEW, {
      moduleHash: 'c'.repeat(64),
      controllers: [],
    });
    expect(unknown.summary).toContain(`from ${'c'.repeat(64)} to 1.2.0`);
    const empty = installCodeProposal(II_CANISTER_ID, NEW, { moduleHash: null, controllers: [] });
    expect(empty.summary).toContain('from nothing to 1.2.0');
  });
});
