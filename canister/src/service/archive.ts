/**
 * The archive, II's side (spec `deploy_archive`, `fetch_entries`, `acknowledge_entries`): II
 * creates the archive canister and installs it through the management canister, only with the
 * wasm whose sha256 is `archive_config.module_hash`; once it exists, every anchor operation leaves
 * an entry in a bounded buffer in stable memory (context.ts, `apply`), which the archive pulls
 * on its timer and acknowledges.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { bytesEqual, toHex } from '../bytes.js';
import {
  type ArchiveInitT,
  type BufferedArchiveEntryT,
  type DeployArchiveResultT,
  archiveInitArgTypes,
} from '../candid.js';
import { sha256 } from '../certification/sha256.js';
import { decodeArchiveEntry } from '../storage/index.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './ports.js';

/** How many call errors the archive keeps for `status` (its init argument). */
export const ARCHIVE_ERROR_BUFFER_LIMIT = 100;
/** Entries removed per step of `acknowledge_entries` (each step reads that many). */
const ACKNOWLEDGE_CHUNK = 100;

const message = (error: unknown) =>
  error instanceof Error
    ? error.message
    : typeof error === 'object'
      ? JSON.stringify(error)
      : String(error);

export class Archive {
  /** Heap only: a creation cannot outlive an upgrade (the canister is stopped for it). */
  #creationInProgress = false;

  constructor(private readonly ctx: ServiceContext) {}

  async deploy(wasm: Uint8Array): Promise<DeployArchiveResultT> {
    const ctx = this.ctx;
    await ctx.ensureSalt();
    const config = ctx.state.archiveConfig;
    if (!config)
      return { failed: 'archive deployment is disabled: the init argument set no archive_config' };
    const hash = sha256(wasm);
    if (!bytesEqual(hash, config.moduleHash)) {
      return {
        failed: `invalid wasm module: its sha256 is ${toHex(hash)}, archive_config.module_hash is ${toHex(config.moduleHash)}`,
      };
    }
    let archive = ctx.state.archiveCanister;
    if (!archive) {
      if (this.#creationInProgress) return { creation_in_progress: null };
      this.#creationInProgress = true;
      try {
        const self = Principal.fromUint8Array(ctx.env.canisterId());
        const created = (await ctx.env.management(
          'create_canister',
          [{ settings: [{ controllers: [[self]] }] }],
          ctx.state.canisterCreationCyclesCost ?? 0n,
        )) as { canister_id: Principal };
        archive = created.canister_id.toUint8Array();
        ctx.saveState({
          ...ctx.state,
          archiveCanister: archive,
          archiveSequenceNumber: ctx.state.archiveSequenceNumber ?? 0n,
        });
      } catch (error) {
        return { failed: `creating the archive canister failed: ${message(error)}` };
      } finally {
        this.#creationInProgress = false;
      }
    }
    const canisterId = Principal.fromUint8Array(archive);
    const init: ArchiveInitT = {
      ii_canister: Principal.fromUint8Array(ctx.env.canisterId()),
      max_entries_per_call: config.entriesFetchLimit,
      polling_interval_ns: config.pollingIntervalNs,
      error_buffer_limit: ARCHIVE_ERROR_BUFFER_LIMIT,
    };
    try {
      const status = (await ctx.env.management('canister_status', [
        { canister_id: canisterId },
      ])) as { module_hash: [] | [Uint8Array] };
      // An upgrade even with the same module: the init argument (polling interval, fetch limit)
      // takes effect with a deployment.
      await ctx.env.management('install_code', [
        {
          mode: status.module_hash.length === 0 ? { install: null } : { upgrade: [] },
          canister_id: canisterId,
          wasm_module: wasm,
          arg: new Uint8Array(IDL.encode(archiveInitArgTypes, [init])),
        },
      ]);
    } catch (error) {
      return { failed: `installing the archive failed: ${message(error)}` };
    }
    return { success: canisterId };
  }

  /** Traps unless the caller is this II's archive canister (the spec's rule for both methods). */
  private requireArchive(method: string): void {
    const archive = this.ctx.state.archiveCanister;
    if (!archive || !bytesEqual(archive, this.ctx.env.caller())) {
      throw new ServiceError('Unauthorized', `only the archive canister may call ${method}`);
    }
  }

  /** The oldest buffered entries, at most `entries_fetch_limit`, by sequence number. */
  async fetch(): Promise<BufferedArchiveEntryT[]> {
    await this.ctx.ensureSalt();
    this.requireArchive('fetch_entries');
    const limit = this.ctx.state.archiveConfig?.entriesFetchLimit ?? 0;
    return this.ctx.storage.archiveBufferFirst(limit).map((record) => {
      const decoded = decodeArchiveEntry(record);
      if (!decoded.ok)
        throw new ServiceError(`AnchorRecord${decoded.error.code}`, decoded.error.message);
      const e = decoded.value;
      return {
        anchor_number: e.anchorNumber,
        timestamp: e.timestamp,
        sequence_number: e.sequenceNumber,
        entry: e.entry,
      };
    });
  }

  /** Drops every buffered entry up to `sequenceNumber` (again: nothing to drop, no error). */
  async acknowledge(sequenceNumber: bigint): Promise<void> {
    await this.ctx.ensureSalt();
    this.requireArchive('acknowledge_entries');
    for (;;) {
      const first = this.ctx.storage.archiveBufferFirst(ACKNOWLEDGE_CHUNK);
      let removed = 0;
      for (const record of first) {
        const decoded = decodeArchiveEntry(record);
        if (!decoded.ok)
          throw new ServiceError(`AnchorRecord${decoded.error.code}`, decoded.error.message);
        if (decoded.value.sequenceNumber > sequenceNumber) return;
        this.ctx.storage.archiveBufferRemove(decoded.value.sequenceNumber);
        removed++;
      }
      if (removed < ACKNOWLEDGE_CHUNK) return;
    }
  }
}
