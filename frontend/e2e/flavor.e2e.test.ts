// The test flavor (internet_identity_test.wasm.gz) next to production: only the test build has the
// dummy authenticator, the dummy captcha and the banner; both have the fixed element ids dapp
// developers' helpers select by; /metrics and the page config say which flavor runs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { createAgent, encodeInitArg, iiActor, initArg, network } from '@ii/client';
import { gatewayRequest } from '@ii/localnet/testing';
import { describe, expect, test } from 'vitest';
import { II_WASM } from './support/build.js';
import { useE2e } from './support/harness.js';
import { II_CANISTER_ID } from './support/localnet.js';

const FRONTEND = join(import.meta.dirname, '..');
const TEST_WASM = II_WASM.replace('internet_identity.wasm.gz', 'internet_identity_test.wasm.gz');
/** The dummy authenticator's localStorage prefix (src/lib/dummy-auth.ts). */
const DUMMY_AUTH_MARKER = 'ii-dummy-auth:';
const BANNER_MARKER = 'Test build';

const bundle = (dir: string) =>
  readdirSync(join(FRONTEND, dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(FRONTEND, dir, 'assets', f), 'utf8'))
    .join('\n');

describe('the bundles', () => {
  test('production has none of the test flavor; the test flavor has it', () => {
    const production = bundle('dist');
    const testFlavor = bundle('dist-test');
    for (const marker of [DUMMY_AUTH_MARKER, BANNER_MARKER]) {
      expect(production, marker).not.toContain(marker);
      expect(testFlavor, marker).toContain(marker);
    }
    // The ids dapp developers' helpers use are in both.
    for (const id of ['registerButton', 'captchaInput', 'confirmRegisterButton', 'userNumber'])
      for (const js of [production, testFlavor]) expect(js).toContain(id);
  });
});

describe('the canisters', () => {
  // Production at II's id with captcha off (the harness), plus both flavors with captcha on.
  const e2e = useE2e();
  const install = async (wasm: string, captcha: boolean) =>
    (
      await e2e.env.net.installCanister(new Uint8Array(readFileSync(wasm)), {
        arg: encodeInitArg(initArg(captcha ? 'production' : 'test', { fetchRootKey: true })),
      })
    ).toText();

  /** Registers a fresh Ed25519 device answering the captcha with "a". */
  async function registerAnsweringA(canisterId: string) {
    const identity = Ed25519KeyIdentity.generate();
    const agent = await createAgent(
      network(e2e.env.net.url, Buffer.from(e2e.env.net.rootKey).toString('hex')),
      { identity },
    );
    const ii = iiActor(agent, canisterId);
    const challenge = await ii.create_challenge();
    const device = {
      alias: 'flavor test',
      pubkey: new Uint8Array(identity.getPublicKey().toDer()),
      credential_id: [] as [],
      purpose: { authentication: null },
      key_type: { platform: null },
      protection: { unprotected: null },
      origin: [] as [],
      metadata: [] as [],
      aaguid: [] as [],
    };
    return ii.register(device, { key: challenge.challenge_key, chars: 'a' }, []);
  }

  const get = async (canisterId: string, path: string) => {
    const r = await gatewayRequest(e2e.env.net.port, `${canisterId}.localhost`, path);
    return new TextDecoder().decode(r.body);
  };

  test('the captcha answer "a" is right only in the test flavor', async () => {
    const [production, testFlavor] = [await install(II_WASM, true), await install(TEST_WASM, true)];
    expect(await registerAnsweringA(testFlavor)).toHaveProperty('registered');
    expect(await registerAnsweringA(production)).toEqual({ bad_challenge: null });
  });

  test('/metrics and the page config say which flavor runs', async () => {
    const testFlavor = await install(TEST_WASM, false);
    const buildInfo = (text: string) => /^internet_identity_build_info\{[^}]*\}/m.exec(text)?.[0];
    expect(buildInfo(await get(testFlavor, '/metrics'))).toMatch(/flavor="test"/);
    expect(buildInfo(await get(II_CANISTER_ID, '/metrics'))).toMatch(/flavor="production"/);
    // Only the test page is told whether registration asks for a captcha.
    expect(await get(testFlavor, '/')).toContain('"captcha":false');
    expect(await get(II_CANISTER_ID, '/')).not.toContain('"captcha"');
  });

  test('the test page says it is a test build; the production page does not', async () => {
    const testFlavor = await install(TEST_WASM, false);
    const s = await e2e.session();
    const port = new URL(e2e.env.iiUrl).port;
    await s.page.goto(`http://${testFlavor}.localhost:${port}/`);
    await expect(s.page.title()).resolves.toBe('Internet Identity');
    await s.page.getByTestId('test-build-banner').waitFor();
    expect(await s.page.getByTestId('test-build-banner').textContent()).toMatch(/Test build/);
    await s.page.goto(e2e.env.iiUrl);
    await s.page.locator('#registerButton').waitFor();
    expect(await s.page.getByTestId('test-build-banner').count()).toBe(0);
  });
});
