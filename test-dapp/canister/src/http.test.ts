// http_request in Node against the real verifier (@dfinity/response-verification) with a forged
// replica certificate over the site's root hash.
import { describe, expect, it } from 'vitest';
import { toBase64, toHex } from '@ii/canister/certified-assets';
import {
  CANISTER_ID,
  forgeCertificate,
  makeRootKey,
  NOW_NS,
  request,
  verify,
} from '@ii/canister/testing';
import type { DappAssets } from './assets-types.js';
import type { HttpRequestT } from './candid.js';
import { handleHttpRequest } from './http.js';
import {
  ALTERNATIVE_ORIGINS_PATH,
  buildSite,
  SiteError,
  staticAssetHeaders,
  staticResponseHash,
  type Site,
} from './site.js';

const enc = new TextEncoder();
const JS = enc.encode('console.log("dapp");');
const jsHeaders = staticAssetHeaders('text/javascript; charset=utf-8');
const ASSETS: DappAssets = {
  pages: [
    {
      paths: ['/', '/index.html'],
      bodyBase64: toBase64(enc.encode('<script type="application/json">__DAPP_CONFIG__</script>')),
    },
  ],
  statics: [
    {
      paths: ['/assets/app.js'],
      headers: jsHeaders,
      bodyBase64: toBase64(JS),
      responseHash: toHex(staticResponseHash(jsHeaders, JS)),
    },
  ],
};
const PAGE = { canisterId: CANISTER_ID.toText(), iiUrl: null, fetchRootKey: false };
const key = makeRootKey();

const site = (alternativeOrigins = '{"alternativeOrigins":[]}') =>
  buildSite({ assets: ASSETS, page: PAGE, alternativeOrigins, authCallbacks: '{"callbacks":[]}' });

function serve(s: Site, req: HttpRequestT) {
  return handleHttpRequest(req, s, forgeCertificate(key, s.rootHash, NOW_NS));
}
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

describe('handleHttpRequest', () => {
  const s = site();

  it.each(['/', '/index.html', '/assets/app.js', ALTERNATIVE_ORIGINS_PATH])(
    'serves %s with a v2 certificate the verifier accepts',
    (path) => {
      const req = request(path);
      const res = serve(s, req);
      expect(res.status_code).toBe(200);
      expect(verify(key, req, res)).toEqual({ ok: true, version: 2, certifiedStatus: 200 });
    },
  );

  it('fills the page config into the HTML', () => {
    const body = new TextDecoder().decode(serve(s, request('/')).body);
    expect(body).toContain(`"canisterId":"${CANISTER_ID.toText()}"`);
  });

  it('serves the alternative origins verbatim with CORS and JSON headers', () => {
    const res = serve(site('not json'), request(`${ALTERNATIVE_ORIGINS_PATH}?x=1`));
    expect(new TextDecoder().decode(res.body)).toBe('not json');
    expect(header(res.headers, 'Access-Control-Allow-Origin')).toBe('*');
    expect(header(res.headers, 'Content-Type')).toBe('application/json');
  });

  it('certifies 404 (fallback, with absence proofs) and 405', () => {
    for (const req of [request('/missing/deep/path'), request('/', { method: 'POST' })]) {
      const res = serve(s, req);
      expect(res.status_code).toBe(req.method === 'POST' ? 405 : 404);
      expect(verify(key, req, res)).toMatchObject({ ok: true, version: 2 });
    }
  });

  it('a changed alternative-origins file changes certified data; the old response no longer verifies', () => {
    const changed = site('{"alternativeOrigins":["https://a.example"]}');
    expect(toHex(changed.rootHash)).not.toBe(toHex(s.rootHash));
    const req = request(ALTERNATIVE_ORIGINS_PATH);
    const stale = handleHttpRequest(req, s, forgeCertificate(key, changed.rootHash, NOW_NS));
    expect(verify(key, req, stale).ok).toBe(false);
  });

  it('sends no IC-Certificate without a data certificate', () => {
    const res = handleHttpRequest(request('/'), s, undefined);
    expect(header(res.headers, 'IC-Certificate')).toBeUndefined();
  });
});

describe('buildSite', () => {
  it('refuses a path served twice and a non-canonical path', () => {
    const dup = { ...ASSETS, statics: [{ ...ASSETS.statics[0], paths: ['/index.html'] }] };
    expect(() =>
      buildSite({ assets: dup, page: PAGE, alternativeOrigins: '', authCallbacks: '' }),
    ).toThrow(SiteError);
    const odd = { ...ASSETS, statics: [{ ...ASSETS.statics[0], paths: ['//a.js'] }] };
    expect(() =>
      buildSite({ assets: odd, page: PAGE, alternativeOrigins: '', authCallbacks: '' }),
    ).toThrow(/canonical/);
  });
});
