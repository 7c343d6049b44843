import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  DEFAULT_EXPRESSION,
  FALLBACK_EXPR_PATH,
  icCertificateHeader,
  moreSpecificWildcards,
  normalizePath,
  pathSegments,
  responseHash,
} from './certification.js';
import { concatBytes, utf8 } from '../bytes.js';
import { representationIndependentHashOfPairs } from '../certification/representation-independent-hash.js';

const sha = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());

describe('paths', () => {
  it('splits like the verifier', () => {
    expect(pathSegments('/')).toEqual(['']);
    expect(pathSegments('/a')).toEqual(['a']);
    expect(pathSegments('/a/')).toEqual(['a', '']);
    expect(pathSegments('//a//b')).toEqual(['a', 'b']);
    expect(normalizePath('//a//b/')).toBe('/a/b/');
    expect(normalizePath('/')).toBe('/');
    expect(normalizePath('')).toBe('/');
  });

  it('lists more specific wildcards as ic-http-certification does (root fallback)', () => {
    const w = (p: string[]): string[] => ['http_expr', ...p, '<*>'];
    expect(moreSpecificWildcards('/a/b/c', FALLBACK_EXPR_PATH)).toEqual([
      w(['a', 'b', 'c']),
      w(['a', 'b', '']),
      w(['a', 'b']),
      w(['a', '']),
      w(['a']),
    ]);
    expect(moreSpecificWildcards('/', FALLBACK_EXPR_PATH)).toEqual([]);
    expect(moreSpecificWildcards('/a/', FALLBACK_EXPR_PATH)).toEqual([w(['a', '']), w(['a'])]);
    // Responding from the empty wildcard: the root directory wildcard is more specific.
    expect(moreSpecificWildcards('/a', ['http_expr', '<*>'])).toEqual([w(['a']), w([''])]);
  });
});

describe('hashes', () => {
  it('representation-independent hash sorts the pair hashes and encodes nats as leb128', () => {
    const pair = (k: string, v: Uint8Array): Uint8Array => concatBytes([sha(utf8(k)), sha(v)]);
    const a = pair('b', utf8('x'));
    const b = pair(':ic-cert-status', Uint8Array.of(0xc8, 0x01)); // 200
    const expected = sha(Buffer.compare(a, b) < 0 ? concatBytes([a, b]) : concatBytes([b, a]));
    expect(
      representationIndependentHashOfPairs([
        ['b', 'x'],
        [':ic-cert-status', 200n],
      ]),
    ).toEqual(expected);
  });

  it('response hash lowercases names, ignores IC-Certificate, covers the status', () => {
    const body = utf8('hi');
    const h = responseHash(200, [['Content-Type', 'text/plain']], body);
    expect(
      responseHash(
        200,
        [
          ['content-type', 'text/plain'],
          ['IC-Certificate', 'x'],
        ],
        body,
      ),
    ).toEqual(h);
    expect(responseHash(404, [['content-type', 'text/plain']], body)).not.toEqual(h);
    // A repeated header name counts once per occurrence (pairs, not a map).
    const cookie = (n: number): [string, string][] => Array(n).fill(['Set-Cookie', 'a=b']);
    expect(responseHash(200, cookie(2), body)).not.toEqual(responseHash(200, cookie(1), body));
    expect(
      concatBytes([
        representationIndependentHashOfPairs([
          ['content-type', 'text/plain'],
          [':ic-cert-status', 200n],
        ]),
        sha(body),
      ]),
    ).toHaveLength(64);
  });

  it('uses the exact expression II serves', () => {
    expect(DEFAULT_EXPRESSION).toBe(
      'default_certification(ValidationArgs{certification:Certification{no_request_certification:Empty{}, response_certification:ResponseCertification{response_header_exclusions:ResponseHeaderList{headers:[]}}}})',
    );
  });
});

describe('IC-Certificate header', () => {
  it('has the v1 and v2 shapes', () => {
    const [name, v1] = icCertificateHeader(Uint8Array.of(1, 2), [0]);
    expect(name).toBe('IC-Certificate');
    expect(v1).toBe(
      `certificate=:AQI=:, tree=:${Buffer.from([0xd9, 0xd9, 0xf7, 0x81, 0x00]).toString('base64')}:`,
    );
    const [, v2] = icCertificateHeader(Uint8Array.of(1), [0], ['http_expr', '<$>']);
    expect(v2).toMatch(/^certificate=:AQ==:, tree=:[^:]+:, expr_path=:[^:]+:, version=2$/);
    const exprPath = Buffer.from(v2.split('expr_path=:')[1].split(':')[0], 'base64');
    expect(exprPath.toString('hex')).toBe(
      'd9d9f782' +
        '69' +
        Buffer.from('http_expr').toString('hex') +
        '63' +
        Buffer.from('<$>').toString('hex'),
    );
  });
});
