// The canister's HTTP interface through localnet's gateway, which verifies response certification
// like a boundary node (a response that fails verification comes back as a 500): the assets, gzip,
// the page config, security headers, the certified 404 and /metrics.
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { type GatewayResponse, gatewayRequest } from '@ii/localnet/testing';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestNet, keyOf, registerAnchor, startWithII } from './support.js';
import { II_CANISTER_ID } from '@ii/client';

let t: TestNet;
beforeAll(async () => {
  t = await startWithII();
});
afterAll(async () => t?.net.stop());

/** GET through the verifying gateway at http://<canister-id>.localhost:<port>/. */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<GatewayResponse> {
  return gatewayRequest(t.net.port, `${II_CANISTER_ID}.localhost:${t.net.port}`, path, {
    method,
    headers,
  });
}

const ASSETS: [string, string][] = [
  ['/', 'text/html; charset=utf-8'],
  ['/index.html', 'text/html; charset=utf-8'],
  ['/app.js', 'text/javascript; charset=utf-8'],
  ['/style.css', 'text/css; charset=utf-8'],
  ['/favicon.svg', 'image/svg+xml'],
  ['/logo.svg', 'image/svg+xml'],
];

const SECURITY_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000 ; includeSubDomains',
  'referrer-policy': 'same-origin',
};

describe('assets through the verifying gateway', () => {
  it.each(ASSETS)('%s is served 200 as %s', async (path, contentType) => {
    const res = await get(path);
    expect(res.status, res.body.toString()).toBe(200);
    expect(res.headers['content-type']).toBe(contentType);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.headers).toMatchObject(SECURITY_HEADERS);
  });

  it('static assets come gzipped when the client accepts gzip, with the same content', async () => {
    for (const [path] of ASSETS.filter(([, type]) => !type.startsWith('text/html'))) {
      const plain = await get(path);
      const zipped = await get(path, { 'Accept-Encoding': 'gzip' });
      expect(zipped.status, path).toBe(200);
      expect(zipped.headers['content-encoding'], path).toBe('gzip');
      expect(zipped.body.subarray(0, 2), path).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(gunzipSync(zipped.body).equals(plain.body), path).toBe(true);
      // q=0 refuses gzip.
      const refused = await get(path, { 'Accept-Encoding': 'gzip;q=0' });
      expect(refused.headers['content-encoding'], path).toBeUndefined();
    }
    // The page itself is templated at install and served as is.
    const page = await get('/', { 'Accept-Encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
  });

  it('the page carries the canister id in its config element', async () => {
    const html = (await get('/')).body.toString('utf8');
    const match = /<script id="ii-config" type="application\/json">([^<]*)<\/script>/.exec(html);
    expect(match).not.toBeNull();
    expect(JSON.parse(match![1])).toEqual({
      canisterId: II_CANISTER_ID,
      apiHost: null,
      fetchRootKey: false,
    });
    expect(html).not.toContain('__II_CONFIG__');
  });

  it('HTML carries the security headers', async () => {
    const res = await get('/');
    expect(res.headers).toMatchObject(SECURITY_HEADERS);
    const csp = String(res.headers['content-security-policy']);
    const directives = csp.split(';').map((d) => d.trim());
    expect(directives).toContain("frame-ancestors 'none'");
    // Exactly the hosts the page calls: its own origin, the apex hosts @dfinity/agent rewrites a
    // boundary-node hostname to, and other dapps' alternative-origins files.
    expect(directives).toContain(
      "connect-src 'self' https://ic0.app https://icp0.io https://*.icp0.io https://*.ic0.app",
    );
    expect(directives).toContain("default-src 'none'");
    expect(directives.find((d) => d.startsWith('script-src'))).not.toContain('unsafe-inline');
    const permissions = String(res.headers['permissions-policy']);
    expect(permissions).toContain('camera=()');
    expect(permissions).toContain('publickey-credentials-get=(self)');
  });

  it('an unknown path is a certified 404', async () => {
    for (const path of ['/no-such-file', '/nested/path/x.js', '/app.js.map']) {
      const res = await get(path);
      // A 500 here would mean the gateway could not verify the 404.
      expect(res.status, `${path}: ${res.body.toString()}`).toBe(404);
      expect(res.body.toString()).toBe('Not found\n');
      expect(res.headers).toMatchObject(SECURITY_HEADERS);
    }
  });

  it('other methods get a certified 405', async () => {
    const res = await get('/', {}, 'POST');
    expect(res.status, res.body.toString()).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

/** Parses the Prometheus text format strictly; returns `name{labels}` → value. */
function parseMetrics(text: string): Map<string, number> {
  expect(text.endsWith('\n')).toBe(true);
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  const helped = new Set<string>();
  for (const line of text.slice(0, -1).split('\n')) {
    const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$/.exec(line);
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (gauge|counter)$/.exec(line);
    if (help) helped.add(help[1]);
    else if (type) typed.add(type[1]);
    else {
      const sample =
        /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? (-?[0-9]+(?:\.[0-9]+)?)(?: [0-9]+)?$/.exec(
          line,
        );
      if (!sample) throw new Error(`not a Prometheus sample line: ${line}`);
      expect(typed.has(sample[1]) && helped.has(sample[1]), `HELP/TYPE of ${sample[1]}`).toBe(true);
      samples.set(sample[1] + (sample[2] ?? ''), Number(sample[3]));
    }
  }
  return samples;
}

async function metrics(): Promise<Map<string, number>> {
  const res = await get('/metrics');
  expect(res.status, res.body.toString()).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4');
  return parseMetrics(res.body.toString('utf8'));
}

describe('/metrics through the verifying gateway', () => {
  it('is served in the Prometheus text format with the user count and build info', async () => {
    for (let i = 0; i < 3; i++) await registerAnchor(t);
    const m = await metrics();
    const stats = await (await t.actor()).stats();
    expect(m.get('internet_identity_user_count')).toBe(3);
    expect(m.get('internet_identity_user_count')).toBe(Number(stats.users_registered));
    expect(m.get('internet_identity_min_user_number')).toBe(10_000);
    const buildInfo = [...m.keys()].find((k) => k.startsWith('internet_identity_build_info{'));
    expect(buildInfo).toMatch(
      /^internet_identity_build_info\{git_commit="[^"]+",flavor="production"\}$/,
    );
    expect(m.get(buildInfo!)).toBe(1);
  });

  it("stable_memory_pages is the canister's real stable memory size", async () => {
    // What localnet's ic0.stable64_size answers: the metric must come from there, not an estimate.
    const pages = t.net.replica.getCanister(II_CANISTER_ID)!.module!.runtime.stable.sizePages;
    expect(pages).toBeGreaterThan(0n);
    expect((await metrics()).get('internet_identity_stable_memory_pages')).toBe(Number(pages));
  });

  it('counters move after register, prepare_delegation and device registration mode', async () => {
    const before = await metrics();
    const { anchor, identity } = await registerAnchor(t);
    let m = await metrics();
    const delta = (name: string) =>
      (m.get(`internet_identity_${name}`) ?? NaN) -
      (before.get(`internet_identity_${name}`) ?? NaN);
    expect(delta('user_count')).toBe(1);
    expect(delta('anchor_operations_counter')).toBe(1);
    expect(delta('delegation_counter')).toBe(0);

    const ii = await t.actor(identity);
    await ii.prepare_delegation(
      anchor,
      'https://dapp.example',
      keyOf(Ed25519KeyIdentity.generate()),
      [],
    );
    await ii.enter_device_registration_mode(anchor);
    await (await t.actor()).create_challenge();
    m = await metrics();
    expect(delta('delegation_counter')).toBe(1);
    expect(delta('signature_count')).toBe(1);
    expect(delta('users_in_registration_mode')).toBe(1);
    expect(delta('inflight_challenges')).toBe(1);
    expect(delta('user_count')).toBe(1);
    await ii.exit_device_registration_mode(anchor);
    m = await metrics();
    expect(delta('users_in_registration_mode')).toBe(0);
  });
});
