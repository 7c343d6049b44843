// What the http_fixture canister serves. Pure data + helpers, shared with localnet's tests.
import {
  DEFAULT_CERTIFICATE_EXPRESSION,
  type CertifiedAsset,
  type Header,
} from './asset-certification.js';

const enc = new TextEncoder();

export interface FixtureAsset {
  path: string;
  status: number;
  headers: Header[];
  /** The certified body. */
  body: Uint8Array;
  /** Served instead of `body` (to prove a gateway refuses a body that does not match). */
  servedBody?: Uint8Array;
  /** Serve through a streaming callback in chunks of this size. */
  chunkSize?: number;
}

export const FIXTURE_ASSETS: FixtureAsset[] = [
  {
    path: '/',
    status: 200,
    headers: [['Content-Type', 'text/html; charset=utf-8']],
    body: enc.encode('<!doctype html><title>http_fixture</title><h1>certified index</h1>'),
  },
  {
    path: '/hello.txt',
    status: 200,
    headers: [
      ['Content-Type', 'text/plain'],
      ['Cache-Control', 'no-cache'],
    ],
    body: enc.encode('hello from http_fixture'),
  },
  {
    path: '/tampered',
    status: 200,
    headers: [['Content-Type', 'text/plain']],
    body: enc.encode('the certified body'),
    servedBody: enc.encode('a body nobody certified'),
  },
  {
    path: '/stream',
    status: 200,
    headers: [['Content-Type', 'text/plain']],
    body: enc.encode('chunk-0|chunk-1|chunk-2|end'),
    chunkSize: 8,
  },
];

/** The headers served and certified under v2. */
export function v2Headers(asset: FixtureAsset): Header[] {
  return [...asset.headers, ['IC-CertificateExpression', DEFAULT_CERTIFICATE_EXPRESSION]];
}

export function toCertified(asset: FixtureAsset): CertifiedAsset {
  return { path: asset.path, status: asset.status, headers: v2Headers(asset), body: asset.body };
}

export function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out.length > 0 ? out : [new Uint8Array(0)];
}

export const UPGRADE_PATH = '/upgrade';
export const UNCERTIFIED_PATH = '/uncertified';
