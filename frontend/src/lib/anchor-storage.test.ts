import { describe, expect, it } from 'vitest';
import {
  ANCHORS_KEY,
  AnchorStorage,
  MAX_KNOWN_ANCHORS,
  USER_NUMBER_KEY,
} from './anchor-storage.js';
import { MemoryStorage } from './fake-storage.test-support.js';

describe('AnchorStorage', () => {
  it('stores the last used anchor under the spec key user_number', () => {
    const mem = new MemoryStorage();
    const s = new AnchorStorage(mem);
    expect(s.lastUsed()).toBeUndefined();
    s.remember(10_000n);
    expect(mem.getItem(USER_NUMBER_KEY)).toBe('10000');
    expect(s.lastUsed()).toBe(10_000n);
  });

  it('keeps a most-recent-first list without duplicates, capped', () => {
    const s = new AnchorStorage(new MemoryStorage());
    s.remember(1n);
    s.remember(2n);
    s.remember(1n);
    expect(s.knownAnchors()).toEqual([1n, 2n]);
    for (let i = 100n; i < 120n; i++) s.remember(i);
    expect(s.knownAnchors()).toHaveLength(MAX_KNOWN_ANCHORS);
    expect(s.knownAnchors()[0]).toBe(119n);
  });

  it('logout forgets user_number but keeps the list; forget removes entirely', () => {
    const s = new AnchorStorage(new MemoryStorage());
    s.remember(5n);
    s.remember(6n);
    s.forgetLastUsed();
    expect(s.lastUsed()).toBeUndefined();
    expect(s.knownAnchors()).toEqual([6n, 5n]);
    s.remember(6n);
    s.forget(6n);
    expect(s.lastUsed()).toBeUndefined();
    expect(s.knownAnchors()).toEqual([5n]);
  });

  it('tolerates corrupt data', () => {
    const mem = new MemoryStorage();
    mem.setItem(USER_NUMBER_KEY, 'abc');
    mem.setItem(ANCHORS_KEY, '{not json');
    const s = new AnchorStorage(mem);
    expect(s.lastUsed()).toBeUndefined();
    expect(s.knownAnchors()).toEqual([]);
    mem.setItem(ANCHORS_KEY, JSON.stringify(['7', 8, null, '-1', '99999999999999999999999', '9']));
    mem.setItem(USER_NUMBER_KEY, '10');
    expect(s.knownAnchors()).toEqual([10n, 7n, 9n]);
    s.remember(11n);
    expect(s.knownAnchors()).toEqual([11n, 10n, 7n, 9n]);
  });

  it('works without storage and when storage throws', () => {
    const none = new AnchorStorage(null);
    none.remember(1n);
    expect(none.lastUsed()).toBeUndefined();
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const s = new AnchorStorage(throwing);
    expect(() => s.remember(1n)).not.toThrow();
    expect(s.knownAnchors()).toEqual([]);
    expect(() => s.forget(1n)).not.toThrow();
  });
});
