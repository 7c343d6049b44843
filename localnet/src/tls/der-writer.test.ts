import { describe, expect, it } from 'vitest';
import * as der from './der-writer.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('der', () => {
  it('encodes OIDs, integers and long lengths as X.690 says', () => {
    expect(hex(der.oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(der.uint(2))).toBe('020102');
    expect(hex(der.uint(Uint8Array.of(0x80)))).toBe('02020080'); // positive: leading zero
    expect(hex(der.uint(Uint8Array.of(0, 0, 5)))).toBe('020105'); // minimal
    expect(hex(der.octets(new Uint8Array(200))).slice(0, 6)).toBe('0481c8');
  });

  it('uses UTCTime before 2050 and GeneralizedTime after', () => {
    expect(Buffer.from(der.time(new Date('2030-01-02T03:04:05Z')).slice(2)).toString()).toBe(
      '300102030405Z',
    );
    expect(Buffer.from(der.time(new Date('2051-01-02T03:04:05Z')).slice(2)).toString()).toBe(
      '20510102030405Z',
    );
  });
});
