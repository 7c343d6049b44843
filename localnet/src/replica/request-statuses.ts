import type { Principal } from '@dfinity/principal';
import type { CallResult } from './reject.js';
import type { CertifiedState } from './certified-state.js';

/** A finished or running ingress message, as read_state reports it. */
export interface RequestStatus {
  status: 'received' | 'processing' | 'replied' | 'rejected' | 'done';
  result?: CallResult;
  sender: Principal;
  expiry: bigint;
  /** Instructions the called canister executed for the call up to its response (all its messages). */
  instructions?: bigint;
}

/** How long a `done` request status is kept before it is forgotten. */
const DONE_RETENTION_NS = 5n * 60n * 1_000_000_000n;

/**
 * The statuses of ingress messages by request id (hex): received → processing → replied/rejected
 * (certified at the end of the round they finish in) → done after their ingress expiry → forgotten.
 */
export class RequestStatuses {
  readonly byId = new Map<string, RequestStatus>();
  readonly #state: CertifiedState;
  #finished: string[] = [];
  #expiries: Array<{ expiry: bigint; requestId: string }> = [];
  #nextExpiryCheck = 0n;

  constructor(state: CertifiedState) {
    this.#state = state;
  }

  get(requestId: string): RequestStatus | undefined {
    return this.byId.get(requestId);
  }

  /** Records a new request as received; false when the same request id is already known. */
  receive(requestId: string, sender: Principal, expiry: bigint): boolean {
    if (this.byId.has(requestId)) return false;
    this.byId.set(requestId, { status: 'received', sender, expiry });
    this.#expiries.push({ expiry, requestId });
    return true;
  }

  /** The called canister started executing the request. */
  processing(requestId: string): void {
    const entry = this.byId.get(requestId);
    if (entry) entry.status = 'processing';
  }

  /** The request has its response; it is certified when the round ends (takeFinished). */
  finish(requestId: string, result: CallResult, instructions?: bigint): void {
    const status = this.byId.get(requestId);
    if (!status) return;
    status.status = result.kind === 'reply' ? 'replied' : 'rejected';
    status.result = result;
    if (instructions !== undefined) status.instructions = instructions;
    this.#finished.push(requestId);
  }

  /** The requests that finished since the last call. */
  takeFinished(): Set<string> {
    return new Set(this.#finished.splice(0));
  }

  /**
   * After its ingress expiry a request's status becomes `done` and its reply is dropped, as on the
   * IC; `DONE_RETENTION_NS` later it is forgotten, so a long-running localnet does not grow forever.
   * Checked once a second: a linear pass is cheaper than keeping the list ordered on every submit.
   * Writes the changes into the state tree; returns whether there were any.
   */
  expire(now: bigint): boolean {
    if (now < this.#nextExpiryCheck || this.#expiries.length === 0) return false;
    this.#nextExpiryCheck = now + 1_000_000_000n;
    let changed = false;
    const keep: Array<{ expiry: bigint; requestId: string }> = [];
    for (const entry of this.#expiries) {
      const status = this.byId.get(entry.requestId);
      if (!status) continue;
      if (entry.expiry > now || status.status === 'received' || status.status === 'processing') {
        keep.push(entry);
      } else if (status.status !== 'done') {
        status.status = 'done';
        status.result = undefined;
        this.#state.setRequestDone(Buffer.from(entry.requestId, 'hex'));
        keep.push({ expiry: entry.expiry + DONE_RETENTION_NS, requestId: entry.requestId });
        changed = true;
      } else {
        this.byId.delete(entry.requestId);
        this.#state.removeRequest(Buffer.from(entry.requestId, 'hex'));
        changed = true;
      }
    }
    this.#expiries = keep;
    return changed;
  }
}
