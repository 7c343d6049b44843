/**
 * Whether canister code is running right now, in memory another thread can read: the signal
 * watchdog (src/signal-watchdog.ts) interrupts a message only while one runs, because the main
 * thread cannot see a signal until the message returns.
 */
export const EXECUTION_WATCH = new Int32Array(new SharedArrayBuffer(3 * 4));
/** 1 while a message (or a start function) runs. */
export const WATCH_BUSY = 0;
/** Messages started so far: tells one long message from several short ones. */
export const WATCH_SEQUENCE = 1;
/** Set by the watchdog when it stopped a message. */
export const WATCH_INTERRUPTED = 2;

/** Node's async-context consistency check, switched off while a message runs (see below). */
let asyncCheck: { fields: { [index: number]: number }; index: number; saved: number } | undefined;

/**
 * Terminating JavaScript in the middle of a callback leaves Node's async-context stack unbalanced,
 * and Node's check of it (what --no-force-async-hooks-checks turns off) then aborts the process
 * before any handler runs. The signal watchdog asks for the check to be off while messages run.
 */
export function relaxAsyncChecksDuringExecution(
  fields: { [index: number]: number },
  index: number,
) {
  asyncCheck = { fields, index, saved: fields[index]! };
}

export function enterExecution(): void {
  Atomics.add(EXECUTION_WATCH, WATCH_SEQUENCE, 1);
  Atomics.store(EXECUTION_WATCH, WATCH_BUSY, 1);
  if (asyncCheck) asyncCheck.fields[asyncCheck.index] = 0;
}

export function leaveExecution(): void {
  Atomics.store(EXECUTION_WATCH, WATCH_BUSY, 0);
  if (asyncCheck) asyncCheck.fields[asyncCheck.index] = asyncCheck.saved;
}
