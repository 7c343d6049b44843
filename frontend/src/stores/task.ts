// Busy/error state for one async user action, and cancellable polling.
import { createSignal, type Accessor } from 'solid-js';
import { toFrontendError, type FrontendError } from '../lib/errors.js';

export interface Task {
  busy: Accessor<boolean>;
  error: Accessor<FrontendError | undefined>;
  setError: (e: unknown) => void;
  clearError: () => void;
  /** Runs `fn` unless one is already running; errors land in `error()` and give `undefined`. */
  run: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
}

/**
 * The one alert a screen shows. Tasks that share a slot replace each other's errors, and starting
 * any of them dismisses the alert, so old alerts never pile up under new ones.
 */
export interface AlertSlot {
  current: Accessor<{ owner: object; error: FrontendError } | undefined>;
  set: (value: { owner: object; error: FrontendError } | undefined) => void;
}

export function createAlertSlot(): AlertSlot {
  const [current, set] = createSignal<{ owner: object; error: FrontendError }>();
  return { current, set: (v) => set(v) };
}

/** A task with its own slot unless given the screen's. */
export function createTask(slot: AlertSlot = createAlertSlot()): Task {
  const [busy, setBusy] = createSignal(false);
  const owner = {};
  const error = () => {
    const c = slot.current();
    return c?.owner === owner ? c.error : undefined;
  };
  const clearError = () => {
    if (slot.current()?.owner === owner) slot.set(undefined);
  };
  return {
    busy,
    error,
    setError: (e) =>
      e === undefined ? clearError() : slot.set({ owner, error: toFrontendError(e) }),
    clearError,
    run: async (fn) => {
      if (busy()) return undefined;
      setBusy(true);
      slot.set(undefined);
      try {
        return await fn();
      } catch (e) {
        console.warn(e);
        slot.set({ owner, error: toFrontendError(e) });
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
