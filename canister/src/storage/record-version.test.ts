import { describe, expect, it } from 'vitest';
import { LATEST_RECORD_VERSION, RECORD_VERSION, parseRecordVersion } from './record-version.js';

describe('record version switch', () => {
  it('defaults to the production version (3) and accepts the supported ones', () => {
    expect(RECORD_VERSION).toBe(3);
    expect(LATEST_RECORD_VERSION).toBe(3);
    expect(parseRecordVersion(undefined)).toBe(3);
    expect(parseRecordVersion('')).toBe(3);
    expect(parseRecordVersion('1')).toBe(1);
    expect(parseRecordVersion('2')).toBe(2);
    expect(parseRecordVersion('3')).toBe(3);
  });

  it('fails loudly on anything else', () => {
    for (const bad of ['0', '4', 'v2', '1.5'])
      expect(() => parseRecordVersion(bad)).toThrow(/II_RECORD_VERSION/);
  });
});
