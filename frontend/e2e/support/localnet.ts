/**
 * One localnet per spec file: Internet Identity at its production id (captcha off unless the spec
 * asks for it, the page fetches localnet's root key), reachable as `http://<id>.localhost:<port>/`
 * and, over HTTPS with localnet's CA, as `https://identity.ic0.app/`,
 * `https://identity.internetcomputer.org/` and `https://id.ai/`; plus the test dapp when it has been built.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  API_HOSTS,
  II_CANISTER_ID,
  II_HOSTNAMES as PRODUCTION_HOSTS,
  encodeInitArg,
  initArg,
} from '@ii/client';
import { type Localnet, startLocalnet } from '@ii/localnet';
import { encodeInitArg as encodeDappInitArg } from '@ii/test-dapp/candid';
import { DAPP_WASM, II_WASM } from './build.js';

export { API_HOSTS, II_CANISTER_ID, PRODUCTION_HOSTS };

/** II's init argument; `captcha` turns the registration captcha on (the e2e default is off). */
export function iiInit(options: { captcha?: boolean } = {}): Uint8Array {
  return encodeInitArg(initArg(options.captcha ? 'production' : 'test', { fetchRootKey: true }));
}

/** The test dapp's init: its page fetches localnet's root key; `?ii=` picks the provider. */
export function dappInit(): Uint8Array {
  return encodeDappInitArg({ fetch_root_key: true });
}

export interface E2eNet {
  net: Localnet;
  /** `http://rdmx6-jaaaa-aaaaa-aaadq-cai.localhost:<port>` (no trailing slash). */
  iiUrl: string;
  /** `https://identity.ic0.app` (the browser maps it to localnet's HTTPS port). */
  iiProductionUrl: string;
  /** The test dapp's canister id; throws when the dapp has not been built. */
  dappId(): string;
  /** `http://<dapp-id>.localhost:<port>`; throws when the dapp has not been built. */
  dappOrigin(): string;
  stop(): Promise<void>;
}

export async function startE2eNet(options: { captcha?: boolean } = {}): Promise<E2eNet> {
  if (!existsSync(II_WASM)) throw new Error(`${II_WASM} is missing: run npm run build -w canister`);
  const aliases = Object.fromEntries(PRODUCTION_HOSTS.map((h) => [h, II_CANISTER_ID]));
  const net = await startLocalnet({ port: 0, httpsPort: 0, aliases });
  await net.installCanister(new Uint8Array(readFileSync(II_WASM)), {
    canisterId: II_CANISTER_ID,
    arg: iiInit(options),
  });
  let dapp: string | undefined;
  if (existsSync(DAPP_WASM)) {
    dapp = (
      await net.installCanister(new Uint8Array(readFileSync(DAPP_WASM)), { arg: dappInit() })
    ).toText();
  }
  const needDapp = () => {
    if (!dapp)
      throw new Error(
        `the test dapp is not built (${DAPP_WASM} missing): npm run build -w test-dapp`,
      );
    return dapp;
  };
  return {
    net,
    iiUrl: `http://${II_CANISTER_ID}.localhost:${net.port}`,
    iiProductionUrl: `https://${PRODUCTION_HOSTS[0]}`,
    dappId: needDapp,
    dappOrigin: () => `http://${needDapp()}.localhost:${net.port}`,
    stop: () => net.stop(),
  };
}
