import { describe, expect, it } from 'vitest';
import { clampTtl, DEFAULT_TTL_NS, MAX_TTL_NS } from './ttl.js';

describe('clampTtl', () => {
  it('defaults to 30 minutes and caps at 30 days', () => {
    expect(DEFAULT_TTL_NS).toBe(1_800_000_000_000n);
    expect(MAX_TTL_NS).toBe(2_592_000_000_000_000n);
    expect(clampTtl()).toBe(DEFAULT_TTL_NS);
    expect(clampTtl(0n)).toBe(DEFAULT_TTL_NS);
    expect(clampTtl(-5n)).toBe(DEFAULT_TTL_NS);
    expect(clampTtl(8n * 3_600_000_000_000n)).toBe(28_800_000_000_000n);
    expect(clampTtl(MAX_TTL_NS)).toBe(MAX_TTL_NS);
    expect(clampTtl(MAX_TTL_NS + 1n)).toBe(MAX_TTL_NS);
    expect(clampTtl(1n)).toBe(1n);
  });
});
