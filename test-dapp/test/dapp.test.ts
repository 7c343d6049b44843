// The built dapp wasm on localnet: whoami, the page and the alternative-origins file through the
// VERIFYING gateway (an uncertified or wrongly certified response comes back as a 500 there), and
// the controller check on set_alternative_origins.
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { verifyResponse } from '@ii/localnet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALTERNATIVE_ORIGINS_PATH, AUTH_CALLBACKS_PATH } from '../canister/src/site.js';
import { DAPP_ID, type DappNet, gatewayGet, startWithDapp, dappWasm } from './support.js';
import { encodeInitArg } from '../canister/src/candid.js';

const HOST = `${DAPP_ID}.localhost`;
let t: DappNet;

beforeAll(async () => {
  t = await startWithDapp({ fetch_root_key: true, ii_url: 'http://identity.localhost:4943' });
});
afterAll(async () => t?.net.stop());

describe('whoami', () => {
  it('answers the caller, as text (query) and as a principal (update)', async () => {
    const alice = Ed25519KeyIdentity.generate();
    const actor = await t.actor(alice);
    expect(await actor.whoami()).toBe(alice.getPrincipal().toText());
    const p = await actor.whoami_update();
    expect(p.toText()).toBe(alice.getPrincipal().toText());
    expect(await (await t.actor()).whoami()).toBe(Principal.anonymous().toText());
  });
});

describe('the page through the verifying gateway', () => {
  it('serves index.html with the canister-filled config and security headers', async () => {
    const res = await gatewayGet(t.net, HOST, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const html = res.body.toString();
    expect(html).toContain(
      `{"canisterId":"${DAPP_ID}","iiUrl":"http://identity.localhost:4943","fetchRootKey":true}`,
    );
    expect(html).not.toContain('__DAPP_CONFIG__');
  });

  it('serves the bundled script the page references, certified', async () => {
    const html = (await gatewayGet(t.net, HOST, '/index.html')).body.toString();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/index-.+\.js$/);
    const js = await gatewayGet(t.net, HOST, script!);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body.length).toBeGreaterThan(10_000);
  });

  it('serves a certified 404 and 405 (not a verification failure)', async () => {
    expect((await gatewayGet(t.net, HOST, '/no/such/file')).status).toBe(404);
    expect((await gatewayGet(t.net, HOST, '/', 'POST')).status).toBe(405);
  });

  it('is reachable with ?canisterId= on the plain host too', async () => {
    const res = await gatewayGet(t.net, `127.0.0.1:${t.net.port}`, `/?canisterId=${DAPP_ID}`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain(DAPP_ID);
  });

  it('passes response verification itself, and fails it once the body is changed', async () => {
    const request = {
      method: 'GET',
      url: '/',
      headers: [] as [string, string][],
      body: new Uint8Array(0),
    };
    const reply = await (await t.actor()).http_request({ ...request, certificate_version: [2] });
    expect(reply.headers.some(([k]) => k === 'IC-Certificate')).toBe(true);
    const input = {
      canisterId: Principal.fromText(DAPP_ID),
      request,
      certificateVersion: 2,
      response: { status: reply.status_code, headers: reply.headers, body: reply.body },
      rootKeyDer: t.net.rootKey,
      nowNs: BigInt(Date.now()) * 1_000_000n,
    };
    expect(verifyResponse(input)).toMatchObject({ ok: true, version: 2 });
    const tampered = new Uint8Array(reply.body);
    tampered[0] ^= 1;
    expect(
      verifyResponse({ ...input, response: { ...input.response, body: tampered } }),
    ).toMatchObject({
      ok: false,
    });
  });
});

describe('/.well-known/ii-alternative-origins', () => {
  it('serves the configured JSON, certified, with CORS for II and is re-certified on change', async () => {
    const before = await gatewayGet(t.net, HOST, ALTERNATIVE_ORIGINS_PATH);
    expect(before.status).toBe(200);
    expect(before.headers['content-type']).toBe('application/json');
    expect(before.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(before.body.toString())).toEqual({ alternativeOrigins: [] });

    const json = JSON.stringify({
      alternativeOrigins: ['https://a.example', 'http://b.localhost:4943'],
    });
    await (await t.actor(t.controller)).set_alternative_origins(json);
    const after = await gatewayGet(t.net, HOST, ALTERNATIVE_ORIGINS_PATH);
    expect(after.status).toBe(200);
    expect(after.body.toString()).toBe(json);
    expect(after.headers['access-control-allow-origin']).toBe('*');
    // The page's certification still holds after the tree was rebuilt.
    expect((await gatewayGet(t.net, HOST, '/')).status).toBe(200);
  });

  it('serves /.well-known/ii-auth-callbacks (ICRC-167) the same way, set by controllers only', async () => {
    const before = await gatewayGet(t.net, HOST, AUTH_CALLBACKS_PATH);
    expect(before.status).toBe(200);
    expect(before.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(before.body.toString())).toEqual({ callbacks: [] });
    const json = JSON.stringify({ callbacks: [`http://${HOST}/icrc/redirect`] });
    await (await t.actor(t.controller)).set_auth_callbacks(json);
    expect((await gatewayGet(t.net, HOST, AUTH_CALLBACKS_PATH)).body.toString()).toBe(json);
    await expect(
      (await t.actor(Ed25519KeyIdentity.generate())).set_auth_callbacks('{"callbacks":[]}'),
    ).rejects.toThrow(/not a controller/);
    expect((await gatewayGet(t.net, HOST, AUTH_CALLBACKS_PATH)).body.toString()).toBe(json);
  });

  it('refuses set_alternative_origins from a non-controller and keeps the file', async () => {
    const served = (await gatewayGet(t.net, HOST, ALTERNATIVE_ORIGINS_PATH)).body.toString();
    const mallory = await t.actor(Ed25519KeyIdentity.generate());
    await expect(
      mallory.set_alternative_origins('{"alternativeOrigins":["https://evil.example"]}'),
    ).rejects.toThrow(/not a controller/);
    await expect((await t.actor()).set_alternative_origins('{}')).rejects.toThrow(
      /not a controller/,
    );
    expect((await gatewayGet(t.net, HOST, ALTERNATIVE_ORIGINS_PATH)).body.toString()).toBe(served);
  });

  it('keeps runtime settings across an upgrade without argument, and applies a new init arg', async () => {
    const json = '{"alternativeOrigins":["https://kept.example"]}';
    await (await t.actor(t.controller)).set_alternative_origins(json);
    await t.net.installCanister(dappWasm(), {
      canisterId: DAPP_ID,
      mode: 'upgrade',
      arg: encodeInitArg(null),
      controllers: [t.controller.getPrincipal()],
    });
    expect((await gatewayGet(t.net, HOST, ALTERNATIVE_ORIGINS_PATH)).body.toString()).toBe(json);
    await t.net.installCanister(dappWasm(), {
      canisterId: DAPP_ID,
      mode: 'upgrade',
      arg: encodeInitArg({ ii_url: 'http://other.localhost:1' }),
      controllers: [t.controller.getPrincipal()],
    });
    const html = (await gatewayGet(t.net, HOST, '/')).body.toString();
    expect(html).toContain('"iiUrl":"http://other.localhost:1","fetchRootKey":true');
  });
});
