/**
 * The heap-only signature map (II signature_map.rs): the certified tree
 *   <SHA-256(seed)> / <SHA-256(payload)> = leaf ""
 * which certified-data.ts hangs under the label "sig". An entry lives 1 minute
 * (get_delegation must follow prepare_delegation within that); each `add` first prunes at most 50
 * expired entries, so the work of one call stays bounded however many signatures piled up.
 * The map is not persisted: after an upgrade the lead recreates it empty (as II does).
 */
import { toHex } from '../bytes.js';
import type { HashTree } from '../certification/hash-tree.js';
import { LabeledTree } from '../certification/labeled-tree.js';
import { DelegationError } from './errors.js';

export const SIGNATURE_EXPIRATION_PERIOD_NS = 60n * 1_000_000_000n;
export const MAX_SIGS_TO_PRUNE = 50;

const NO_VALUE = new Uint8Array(0);
// Compact the queue array once this many consumed slots sit at its front.
const QUEUE_COMPACTION = 1024;

interface Expiry {
  readonly key: string;
  readonly seedHash: Uint8Array;
  readonly msgHash: Uint8Array;
  readonly expiresAt: bigint;
}

function checkHash(h: Uint8Array, what: string): void {
  if (h.length !== 32) throw new DelegationError('II_ERR_DELEGATION_HASH_LENGTH', what);
}

export class SignatureMap {
  readonly #tree = new LabeledTree();
  /** Current expiry of every live entry, by hex(seedHash ‖ msgHash). */
  readonly #expiresAt = new Map<string, bigint>();
  /** Expiries in insertion order; canister time never decreases, so this is also time order. */
  #queue: Expiry[] = [];
  #head = 0;

  /**
   * Certifies `msgHash` under `seedHash` until `now` + 1 minute, after pruning ≤ 50 expired
   * entries. Adding a live entry again only extends its life (the tree does not change).
   * The caller must then recompute the certified data (the root hash changed).
   */
  add(seedHash: Uint8Array, msgHash: Uint8Array, now: bigint): void {
    checkHash(seedHash, 'seed hash');
    checkHash(msgHash, 'message hash');
    this.pruneExpired(now);
    const key = toHex(seedHash) + toHex(msgHash);
    const expiresAt = now + SIGNATURE_EXPIRATION_PERIOD_NS;
    this.#expiresAt.set(key, expiresAt);
    this.#queue.push({ key, seedHash, msgHash, expiresAt });
    this.#tree.insert([seedHash, msgHash], NO_VALUE);
  }

  /**
   * Removes up to `max` entries whose expiry is ≤ `now`, oldest first; returns how many queue
   * slots it consumed (stale slots of re-added entries count too, keeping the bound strict).
   */
  pruneExpired(now: bigint, max = MAX_SIGS_TO_PRUNE): number {
    let done = 0;
    while (done < max && this.#head < this.#queue.length) {
      const e = this.#queue[this.#head];
      if (e.expiresAt > now) break;
      this.#head++;
      done++;
      if (this.#expiresAt.get(e.key) !== e.expiresAt) continue; // re-added later: still live
      this.#expiresAt.delete(e.key);
      this.#tree.delete([e.seedHash, e.msgHash]);
    }
    if (this.#head >= QUEUE_COMPACTION && this.#head * 2 >= this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return done;
  }

  has(seedHash: Uint8Array, msgHash: Uint8Array): boolean {
    return this.#tree.get([seedHash, msgHash]) !== undefined;
  }

  /**
   * Witness of the `sig` subtree revealing only [seedHash, msgHash] (→ leaf ""), or undefined
   * when the entry is absent (never added, or pruned): get_delegation answers no_such_delegation.
   * Expired-but-unpruned entries are still returned: they are still certified, hence still valid.
   */
  witness(seedHash: Uint8Array, msgHash: Uint8Array): HashTree | undefined {
    return this.#tree.witness([seedHash, msgHash]);
  }

  /** Live signatures (the `signature_count` metric). */
  count(): number {
    return this.#expiresAt.size;
  }

  /** Hash of the `sig` subtree (without the label): input of certifiedDataRoot. O(1). */
  rootHash(): Uint8Array {
    return this.#tree.rootHash();
  }
}
