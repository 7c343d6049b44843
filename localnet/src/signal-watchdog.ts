/**
 * Stops a long-running canister message when the process gets SIGTERM or SIGINT.
 *
 * A message runs synchronously on the main thread, so the main thread's signal handlers wait for
 * it (a 40 B-instruction update can take minutes). A worker thread watches the same signals; when
 * one arrives while a message is still running after a short grace period, it terminates the main
 * thread's JavaScript through the inspector (V8 stops wasm at the next loop or call). The message
 * is then abandoned, as if it had never run; the main thread's own handler runs next and saves the
 * state the last finished message committed.
 *
 * Node does not deliver signals to process.on() in workers, so the worker listens through the
 * signal_wrap binding (process.binding is deprecated but kept); the inspector needs no flag.
 */
import { constants } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  EXECUTION_WATCH,
  WATCH_INTERRUPTED,
  relaxAsyncChecksDuringExecution,
} from './wasm/index.js';

/** How long a message may go on after the signal before it is stopped. */
const GRACE_MS = 300;

// CommonJS, run with `eval`, so that it loads the same from src/ (tsx) and dist/.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const inspector = require('node:inspector');
const [BUSY, SEQUENCE, INTERRUPTED] = [0, 1, 2];
const watch = new Int32Array(workerData.watch);
process.noDeprecation = true;
const { Signal } = process.binding('signal_wrap');
for (const signum of workerData.signals) {
  const handle = new Signal();
  handle.onsignal = () => {
    if (!Atomics.load(watch, BUSY)) return;
    const sequence = Atomics.load(watch, SEQUENCE);
    setTimeout(() => {
      // Still the same message: stop it. Otherwise the main thread is already handling the signal.
      if (!Atomics.load(watch, BUSY) || Atomics.load(watch, SEQUENCE) !== sequence) return;
      Atomics.store(watch, INTERRUPTED, 1);
      const session = new inspector.Session();
      session.connectToMainThread();
      session.post('Runtime.terminateExecution', () => session.disconnect());
    }, workerData.graceMs);
  };
  handle.start(signum);
}
`;

export interface SignalWatchdog {
  /** Whether it stopped a running message. */
  readonly interrupted: boolean;
  close(): Promise<void>;
}

export function startSignalWatchdog(
  signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): SignalWatchdog {
  relaxAsyncChecks();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      watch: EXECUTION_WATCH.buffer,
      signals: signals.map((s) => constants.signals[s]),
      graceMs: GRACE_MS,
    },
    stdout: false,
    stderr: false,
  });
  // The worker must never keep the process alive by itself.
  worker.unref();
  return {
    get interrupted() {
      return Atomics.load(EXECUTION_WATCH, WATCH_INTERRUPTED) === 1;
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

/** Node's async hook fields, through the (deprecated, still shipped) async_wrap binding. */
function relaxAsyncChecks(): void {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const binding = (process as unknown as { binding(name: string): unknown }).binding(
      'async_wrap',
    ) as { async_hook_fields: { [index: number]: number }; constants: { kCheck: number } };
    relaxAsyncChecksDuringExecution(binding.async_hook_fields, binding.constants.kCheck);
  } finally {
    process.noDeprecation = quiet;
  }
}
