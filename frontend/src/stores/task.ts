// Busy/error state for one async user action, and cancellable polling.
import { createSignal, type Accessor } from 'solid-js';
import { toIIError, type IIError } from '../lib/errors';

export interface Task {
  busy: Accessor<boolean>;
  error: Accessor<IIError | undefined>;
  setError: (e: unknown) => void;
  clearError: () => void;
  /** Runs `fn` unless one is already running; errors land in `error()` and give `undefined`. */
  run: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
}

export function createTask(): Task {
  const [busy, setBusy] = createSignal(false);
  const [error, setErrorSignal] = createSignal<IIError>();
  return {
    busy,
    error,
    setError: (e) => setErrorSignal(e === undefined ? undefined : toIIError(e)),
    clearError: () => setErrorSignal(undefined),
    run: async (fn) => {
      if (busy()) return undefined;
      setBusy(true);
      setErrorSignal(undefined);
      try {
        return await fn();
      } catch (e) {
        console.warn(e);
        setErrorSignal(toIIError(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}

export interface PollOptions {
  intervalMs: number;
  /** Absolute deadline (ms since epoch); the poll gives up after it. */
  deadline?: number;
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type PollResult<T> = { kind: 'done'; value: T } | { kind: 'timeout' } | { kind: 'aborted' };

/**
 * Calls `attempt` every `intervalMs` until it returns a value other than undefined, the deadline
 * passes or the signal aborts. Errors thrown by `attempt` propagate (the caller decides).
 */
export async function poll<T>(
  attempt: () => Promise<T | undefined>,
  options: PollOptions,
): Promise<PollResult<T>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (;;) {
    if (options.signal?.aborted) return { kind: 'aborted' };
    const value = await attempt();
    if (options.signal?.aborted) return { kind: 'aborted' };
    if (value !== undefined) return { kind: 'done', value };
    if (options.deadline !== undefined && now() >= options.deadline) return { kind: 'timeout' };
    await sleep(options.intervalMs);
  }
}
