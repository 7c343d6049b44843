import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateAssets } from '../../scripts/assets.js';
import { buildAssetTables, type AssetTables } from './asset-tables.js';
import { renderMetrics, type MetricsInput } from './metrics.js';
import { handleHttpRequest, acceptsGzip, requestPath, type HttpContext } from './router.js';
import {
  CANISTER_ID,
  certifiedData,
  forgeCertificate,
  makeRootKey,
  NOW_NS,
  request,
  verify,
  withSigSide,
  type TestKey,
} from './test-support.js';
import type { HttpResponseT } from '../candid.js';
import {
  DEFAULT_EXPRESSION_HASH,
  exactExprPath,
  FALLBACK_EXPR_PATH,
  icCertificateHeader,
} from './certification.js';

const PLACEHOLDER = path.resolve(import.meta.dirname, '../../placeholder');

const METRICS: MetricsInput = {
  userCount: 3,
  minUserNumber: 10_000n,
  maxUserNumber: 20_000n,
  signatureCount: 1,
  stableMemoryPages: 4n,
  lastUpgradeTimestampNs: 1_700_000_000_000_000_000n,
  inflightChallenges: 0,
  usersInRegistrationMode: 0,
  delegationCounter: 7n,
  anchorOperationsCounter: 9n,
  registerRateLimit: { maxTokens: 100n, timePerTokenSeconds: 10, currentTokens: 99n },
  registrations: { v1: 3n, v2: 0n },
  prepareIdAliasCounter: 0n,
  v2Calls: [],
  gitCommit: 'abc123',
};

let key: TestKey;
let tables: AssetTables;
let ctx: HttpContext;

beforeAll(() => {
  key = makeRootKey();
  const built = buildAssetTables(generateAssets(PLACEHOLDER), {
    canisterId: CANISTER_ID.toText(),
    insecureRequests: true,
  });
  if (!built.ok) throw new Error(built.error);
  tables = built.tables;
  ctx = {
    assets: tables,
    certificate: forgeCertificate(key, certifiedData(tables.assetsRootHash), NOW_NS),
    withSigSide,
    metrics: () => METRICS,
  };
});

const header = (res: HttpResponseT, name: string): string | undefined =>
  res.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

const ASSET_PATHS = ['/', '/index.html', '/app.js', '/style.css', '/favicon.svg', '/logo.svg'];
const GZIP = ['accept-encoding', 'gzip, deflate, br'] as [string, string];

describe('every asset is accepted by the real verifier', () => {
  for (const p of ASSET_PATHS) {
    for (const version of [1, 2]) {
      for (const gzip of [false, true]) {
        it(`${p} v${version}${gzip ? ' gzip' : ''}`, () => {
          const req = request(p, {
            certificate_version: version === 2 ? [2] : [],
            headers: gzip ? [GZIP] : [],
          });
          const res = handleHttpRequest(req, ctx);
          expect(res.status_code).toBe(200);
          const verdict = verify(key, req, res);
          expect(verdict).toMatchObject({ ok: true, version });
          if (version === 2) expect(verdict).toMatchObject({ certifiedStatus: 200 });
        });
      }
    }
  }

  it('uses the witnesses encoded at build time: the same header as encoding them per request', () => {
    for (const p of ASSET_PATHS) {
      const asset = tables.lookup(p);
      if (!asset) continue;
      for (const r of [asset.identity, asset.gzip]) {
        if (!r) continue;
        const pre = asset.certification.witnessOf(r);
        expect(pre, p).toBeDefined();
        const fresh = icCertificateHeader(
          ctx.certificate!,
          withSigSide(tables.exactWitness(p, r.responseHash)),
          exactExprPath(p),
        );
        expect(
          icCertificateHeader(ctx.certificate!, withSigSide(pre!), asset.certification.exprPath),
        ).toEqual(fresh);
      }
      expect(asset.certification.witnessOf(tables.methodNotAllowed)).toBeUndefined();
    }
    const m = tables.metricsCertification;
    expect(icCertificateHeader(ctx.certificate!, withSigSide(m.witness), m.exprPath)).toEqual(
      icCertificateHeader(
        ctx.certificate!,
        withSigSide(tables.skipWitness('/metrics')),
        exactExprPath('/metrics'),
      ),
    );
  });

  it('HEAD is served like GET and verifies', () => {
    const req = request('/app.js', { method: 'HEAD' });
    const res = handleHttpRequest(req, ctx);
    expect(res.status_code).toBe(200);
    expect(verify(key, req, res).ok).toBe(true);
  });

  it('a query string and a doubled slash still verify (v2 for non-canonical paths)', () => {
    for (const url of ['/app.js?v=1', '//app.js', '/index.html#x']) {
      for (const version of [[], [2]] as ([] | [number])[]) {
        const req = request(url, { certificate_version: version });
        const res = handleHttpRequest(req, ctx);
        expect(res.status_code, url).toBe(200);
        expect(verify(key, req, res), url).toMatchObject({ ok: true });
      }
    }
  });
});

describe('content', () => {
  it('serves gzip only when accepted, and it decodes to the identity body', () => {
    const plain = handleHttpRequest(request('/app.js'), ctx);
    const gz = handleHttpRequest(request('/app.js', { headers: [GZIP] }), ctx);
    expect(header(plain, 'content-encoding')).toBeUndefined();
    expect(header(gz, 'content-encoding')).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.body.length);
    expect(new Uint8Array(gunzipSync(gz.body))).toEqual(plain.body);
  });

  it('injects the canister id into the HTML, CSP-clean', () => {
    const res = handleHttpRequest(request('/'), ctx);
    const html = new TextDecoder().decode(res.body);
    expect(header(res, 'content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain(
      `{"canisterId":"${CANISTER_ID.toText()}","apiHost":null,"fetchRootKey":false}`,
    );
    expect(html).not.toContain('__II_CONFIG__');
    const csp = header(res, 'content-security-policy')!;
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    for (const h of [
      'x-frame-options',
      'x-content-type-options',
      'strict-transport-security',
      'referrer-policy',
      'permissions-policy',
    ])
      expect(header(res, h), h).toBeTruthy();
  });

  it('sets content types', () => {
    expect(header(handleHttpRequest(request('/style.css'), ctx), 'content-type')).toBe(
      'text/css; charset=utf-8',
    );
    expect(header(handleHttpRequest(request('/favicon.svg'), ctx), 'content-type')).toBe(
      'image/svg+xml',
    );
  });
});

describe('404, 405 and /metrics verify too', () => {
  for (const url of ['/nope', '/a/b/c', '/index.html/x', '/app.js/', '/foo/']) {
    for (const version of [[], [2]] as ([] | [number])[]) {
      it(`404 ${url} v${version[0] ?? 1}`, () => {
        const req = request(url, { certificate_version: version });
        const res = handleHttpRequest(req, ctx);
        expect(res.status_code).toBe(404);
        expect(verify(key, req, res)).toMatchObject({ ok: true, version: 2, certifiedStatus: 404 });
      });
    }
  }

  for (const url of ['/', '/app.js', '/nope']) {
    it(`405 for POST ${url}`, () => {
      const req = request(url, { method: 'POST' });
      const res = handleHttpRequest(req, ctx);
      expect(res.status_code).toBe(405);
      expect(header(res, 'allow')).toBe('GET, HEAD');
      expect(verify(key, req, res)).toMatchObject({ ok: true, certifiedStatus: 405 });
    });
  }

  it('/metrics is served with the skip expression and accepted', () => {
    for (const version of [[], [2]] as ([] | [number])[]) {
      const req = request('/metrics', { certificate_version: version });
      const res = handleHttpRequest(req, ctx);
      expect(res.status_code).toBe(200);
      expect(header(res, 'content-type')).toBe('text/plain; version=0.0.4');
      expect(new TextDecoder().decode(res.body)).toBe(renderMetrics(METRICS));
      const verdict = verify(key, req, res);
      expect(verdict).toMatchObject({ ok: true, version: 2 });
      // Skipped: the verifier vouches for nothing in the response.
      expect(verdict.ok && verdict.certifiedStatus).toBeUndefined();
    }
  });

  it('a pruned exact path does not make a 404 acceptable for an existing asset', () => {
    // Serving the 404 for /app.js under the fallback must be refused: /app.js exists.
    const req = request('/app.js');
    const fake = handleHttpRequest(request('/nope'), ctx);
    expect(verify(key, req, fake).ok).toBe(false);
  });
});

describe('absence proofs are what make the fallback acceptable', () => {
  it('a fallback witness without them is refused', () => {
    const req = request('/nope');
    const res = handleHttpRequest(req, ctx);
    const bare = tables.trie.witness([
      [...FALLBACK_EXPR_PATH, DEFAULT_EXPRESSION_HASH, '', tables.notFound.responseHash],
    ]);
    const headers = res.headers.map(([k, v]): [string, string] =>
      k === 'IC-Certificate'
        ? icCertificateHeader(ctx.certificate!, withSigSide(bare), FALLBACK_EXPR_PATH)
        : [k, v],
    );
    expect(verify(key, req, res).ok).toBe(true);
    expect(verify(key, req, { ...res, headers }).ok).toBe(false);
  });
});

describe('tampering is refused', () => {
  it.each([1, 2])('a changed body (v%i)', (version) => {
    const req = request('/app.js', { certificate_version: version === 2 ? [2] : [] });
    const res = handleHttpRequest(req, ctx);
    const body = Uint8Array.from(res.body);
    body[0] ^= 1;
    expect(verify(key, req, { ...res, body }).ok).toBe(false);
  });

  it('a changed, added or removed certified header (v2)', () => {
    const req = request('/');
    const res = handleHttpRequest(req, ctx);
    const changed = res.headers.map(([k, v]): [string, string] =>
      k === 'Content-Security-Policy' ? [k, v.replace("'none'", '*')] : [k, v],
    );
    expect(verify(key, req, { ...res, headers: changed }).ok).toBe(false);
    expect(verify(key, req, { ...res, headers: [...res.headers, ['X-Evil', '1']] }).ok).toBe(false);
    const removed = res.headers.filter(([k]) => k !== 'X-Frame-Options');
    expect(verify(key, req, { ...res, headers: removed }).ok).toBe(false);
  });

  it('a changed status (404 passed off as 200)', () => {
    const req = request('/nope');
    const res = handleHttpRequest(req, ctx);
    expect(verify(key, req, { ...res, status_code: 200 }).ok).toBe(false);
  });

  it('a certificate over other certified data, or from another key', () => {
    const req = request('/');
    const other = { ...ctx, certificate: forgeCertificate(key, new Uint8Array(32), NOW_NS) };
    expect(verify(key, req, handleHttpRequest(req, other)).ok).toBe(false);
    expect(verify(makeRootKey(), req, handleHttpRequest(req, ctx)).ok).toBe(false);
  });

  it('no certificate header without a data certificate', () => {
    const req = request('/');
    const res = handleHttpRequest(req, { ...ctx, certificate: undefined });
    expect(header(res, 'ic-certificate')).toBeUndefined();
    expect(verify(key, req, res).ok).toBe(false);
  });
});

describe('request parsing', () => {
  it('extracts the path', () => {
    expect(requestPath('/a%20b?x=1#y')).toBe('/a b');
    expect(requestPath('/%E0%A4%A')).toBe('/%E0%A4%A');
    expect(requestPath('x')).toBe('/x');
  });

  it('reads accept-encoding', () => {
    expect(acceptsGzip([['Accept-Encoding', 'br, gzip;q=0.5']])).toBe(true);
    expect(acceptsGzip([['accept-encoding', 'gzip;q=0, br']])).toBe(false);
    expect(acceptsGzip([['accept-encoding', 'br']])).toBe(false);
    expect(acceptsGzip([])).toBe(false);
  });
});
