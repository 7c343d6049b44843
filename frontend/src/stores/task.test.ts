import { describe, expect, it } from 'vitest';
import { poll } from './task';

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
