import { describe, expect, it } from 'vitest';
import { originPieces } from './origin-display.js';

describe('originPieces', () => {
  it('breaks only after the scheme and after the dots, keeping host and port together', () => {
    expect(originPieces('http://rrkah-fqaaa-aaaaa-aaaaq-cai.localhost:4943')).toEqual([
      'http://',
      'rrkah-fqaaa-aaaaa-aaaaq-cai.',
      'localhost:4943',
    ]);
    expect(originPieces('https://identity.ic0.app')).toEqual([
      'https://',
      'identity.',
      'ic0.',
      'app',
    ]);
    expect(originPieces('http://localhost:8080')).toEqual(['http://', 'localhost:8080']);
    expect(originPieces('http://[::1]:8080')).toEqual(['http://', '[::1]:8080']);
  });

  it('puts back exactly the origin it was given', () => {
    for (const o of ['https://a.b.c.icp0.io', 'http://x.localhost:1', 'not an origin']) {
      expect(originPieces(o).join('')).toBe(o);
    }
  });
});
