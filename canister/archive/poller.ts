/**
 * The archive pulls from II on its timer: `fetch_entries`, store what is new, then
 * `acknowledge_entries` up to the highest sequence number fetched, so II can drop them from its
 * buffer. A failed call is kept (the last `error_buffer_limit` of them) for `status`; the next
 * tick tries again, and entries fetched twice are stored once.
 */
import type { BufferedArchiveEntryT, CallErrorInfoT, FetchInfoT } from '../src/candid.js';
import type { ArchiveLog } from './archive-log.js';

/** What the archive needs from II (and the clock); archive/main.ts gives the real calls. */
export interface IiPort {
  canisterId(): Uint8Array;
  fetchEntries(): Promise<BufferedArchiveEntryT[]>;
  acknowledgeEntries(sequenceNumber: bigint): Promise<void>;
  now(): bigint;
}

/** A rejected call as the poller records it. */
export interface CallFailure {
  rejectCode: number;
  message: string;
}

export class Poller {
  #running = false;
  #lastFetch: FetchInfoT | undefined;
  #errors: CallErrorInfoT[] = [];

  constructor(
    private readonly log: ArchiveLog,
    private readonly ii: IiPort,
    private readonly errorBufferLimit: number,
    private readonly toPrincipal: (bytes: Uint8Array) => CallErrorInfoT['canister'],
  ) {}

  get lastSuccessfulFetch(): FetchInfoT | undefined {
    return this.#lastFetch;
  }

  get callErrors(): readonly CallErrorInfoT[] {
    return this.#errors;
  }

  /** One pull; a tick while the previous one still waits for II does nothing. */
  async poll(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      let entries: BufferedArchiveEntryT[];
      try {
        entries = await this.ii.fetchEntries();
      } catch (error) {
        this.record('fetch_entries', new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]), error);
        return;
      }
      this.#lastFetch = { timestamp: this.ii.now(), number_of_entries: entries.length };
      if (entries.length === 0) return;
      this.log.append(entries);
      let highest = entries[0]!.sequence_number;
      for (const e of entries) if (e.sequence_number > highest) highest = e.sequence_number;
      try {
        await this.ii.acknowledgeEntries(highest);
      } catch (error) {
        // Kept and fetched again next time; stored once.
        this.record('acknowledge_entries', sequenceArgument(highest), error);
      }
    } finally {
      this.#running = false;
    }
  }

  private record(method: string, argument: Uint8Array, error: unknown): void {
    const failure = asFailure(error);
    this.#errors.push({
      time: this.ii.now(),
      canister: this.toPrincipal(this.ii.canisterId()),
      method,
      argument,
      rejection_code: failure.rejectCode,
      message: failure.message,
    });
    while (this.#errors.length > this.errorBufferLimit) this.#errors.shift();
  }
}

/** `(nat64)` as Candid: what acknowledge_entries was called with. */
function sequenceArgument(n: bigint): Uint8Array {
  const out = [0x44, 0x49, 0x44, 0x4c, 0, 1, 0x78];
  let v = n;
  for (let i = 0; i < 8; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return new Uint8Array(out);
}

/** Azle rejects a call with `{ type: 'CallRejected', rejectCode, rejectMessage }`. */
function asFailure(error: unknown): CallFailure {
  const e = error as { rejectCode?: number; rejectMessage?: string; message?: string };
  return {
    rejectCode: typeof e?.rejectCode === 'number' ? e.rejectCode : 0,
    message: e?.rejectMessage ?? e?.message ?? String(error),
  };
}
