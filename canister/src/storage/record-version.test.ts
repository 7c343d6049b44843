import { describe, expect, it } from 'vitest';
import { LATEST_RECORD_VERSION, RECORD_VERSION, parseRecordVersion } from './record-version.js';

describe('record version switch', () => {
  it('defaults to the production version (1) and accepts the supported ones', () => {
    expect(RECORD_VERSION).toBe(1);
    expect(LATEST_RECORD_VERSION).toBe(2);
    expect(parseRecordVersion(undefined)).toBe(1);
    expect(parseRecordVersion('')).toBe(1);
    expect(parseRecordVersion('1')).toBe(1);
    expect(parseRecordVersion('2')).toBe(2);
  });

  it('fails loudly on anything else', () => {
    for (const bad of ['0', '3', 'v2', '1.5'])
      expect(() => parseRecordVersion(bad)).toThrow(/II_RECORD_VERSION/);
  });
});
