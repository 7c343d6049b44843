/**
 * Builds what changed, then starts localnet in this (the runner's) process with Internet
 * Identity's test build twice — captcha off at II's usual id, captcha on at another — and the
 * test dapp; the tests read where from the environment. Returns the teardown.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const file = (path: string) => new Uint8Array(readFileSync(new URL(path, `file://${repo}`)));

export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Imported after the build: localnet runs from its dist/.
  const { startLocalnet } = await import('@ii/localnet');
  const { II_CANISTER_ID, encodeInitArg, initArg } = await import('@ii/client');
  const { encodeInitArg: encodeDappInitArg } = await import('../canister/src/candid.js');

  const iiTestWasm = file('canister/dist/internet_identity_test.wasm.gz');
  const net = await startLocalnet({ port: 0 });
  try {
    // initArg 'test' turns the captcha off, 'production' on; both pages fetch localnet's root key.
    await net.installCanister(iiTestWasm, {
      canisterId: II_CANISTER_ID,
      arg: encodeInitArg(initArg('test', { fetchRootKey: true })),
    });
    const withCaptcha = await net.installCanister(iiTestWasm, {
      arg: encodeInitArg(initArg('production', { fetchRootKey: true })),
    });
    const dapp = await net.installCanister(file('test-dapp/dist/test_dapp.wasm.gz'), {
      arg: encodeDappInitArg({ fetch_root_key: true }),
    });
    process.env.E2E_LOCALNET_URL = `http://127.0.0.1:${net.port}`;
    process.env.E2E_II_ID = II_CANISTER_ID;
    process.env.E2E_II_CAPTCHA_ID = withCaptcha.toText();
    process.env.E2E_DAPP_URL = `http://${dapp.toText()}.localhost:${net.port}/`;
  } catch (e) {
    await net.stop();
    throw e;
  }
  return () => net.stop();
}
