import { describe, expect, it } from 'vitest';
import { FrontendError } from '../lib/errors.js';
import { createAlertSlot, createTask, poll } from './task.js';

describe('poll', () => {
  it('returns the first defined value', async () => {
    let n = 0;
    const r = await poll(async () => (++n === 3 ? 'found' : undefined), {
      intervalMs: 1,
      sleep: async () => {},
    });
    expect(r).toEqual({ kind: 'done', value: 'found' });
    expect(n).toBe(3);
  });

  it('gives up at the deadline', async () => {
    let t = 0;
    const r = await poll(async () => undefined, {
      intervalMs: 1000,
      deadline: 3000,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    expect(r).toEqual({ kind: 'timeout' });
    expect(t).toBe(3000);
  });

  it('stops when aborted', async () => {
    const ctl = new AbortController();
    const r = await poll(
      async () => {
        ctl.abort();
        return 'late';
      },
      { intervalMs: 1, signal: ctl.signal },
    );
    expect(r).toEqual({ kind: 'aborted' });
  });
});

describe('tasks sharing an alert slot', () => {
  const quiet = () => {
    // run() logs the error it catches; keep the test output clean.
    const warn = console.warn;
    console.warn = () => {};
    return () => void (console.warn = warn);
  };

  it('show one alert at a time: the latest error replaces the previous one', async () => {
    const restore = quiet();
    const slot = createAlertSlot();
    const a = createTask(slot);
    const b = createTask(slot);
    await a.run(() => Promise.reject(new FrontendError('passkey_already_registered')));
    expect(a.error()?.code).toBe('passkey_already_registered');
    await b.run(() => Promise.reject(new FrontendError('invalid_device')));
    expect(a.error()).toBeUndefined();
    expect(b.error()?.code).toBe('invalid_device');
    expect(slot.current()?.error.code).toBe('invalid_device');
    restore();
  });

  it('dismiss the alert when any of them starts, and clear only their own', async () => {
    const restore = quiet();
    const slot = createAlertSlot();
    const a = createTask(slot);
    const b = createTask(slot);
    a.setError(new FrontendError('unreachable'));
    b.clearError();
    expect(a.error()?.code).toBe('unreachable');
    let seen: unknown = 'not run';
    await b.run(async () => {
      seen = slot.current();
    });
    expect(seen).toBeUndefined();
    expect(a.error()).toBeUndefined();
    restore();
  });

  it('keep separate alerts without a shared slot', async () => {
    const a = createTask();
    const b = createTask();
    a.setError(new FrontendError('unreachable'));
    b.setError(new FrontendError('wrong_code'));
    expect([a.error()?.code, b.error()?.code]).toEqual(['unreachable', 'wrong_code']);
  });
});
