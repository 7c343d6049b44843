/** Shared helpers for the integration tests: the built dapp on localnet, agents, gateway GETs. */
import { Actor, type ActorSubclass, HttpAgent, type Identity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { type Localnet, startLocalnet } from '@ii/localnet';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { encodeInitArg, idlFactory, type TestDappService } from '../canister/src/candid.js';
import { WASM_GZ } from '../scripts/build.js';

export const DAPP_ID = 'rrkah-fqaaa-aaaaa-aaaaq-cai';

export interface DappNet {
  net: Localnet;
  /** The dapp's only controller. */
  controller: Identity;
  actor(identity?: Identity): Promise<ActorSubclass<TestDappService>>;
}

export const dappWasm = (): Uint8Array => new Uint8Array(readFileSync(WASM_GZ));

/** Starts localnet and installs the dapp at DAPP_ID with a (fresh) Ed25519 controller. */
export async function startWithDapp(arg: Parameters<typeof encodeInitArg>[0]): Promise<DappNet> {
  const net = await startLocalnet({ port: 0 });
  const controller = Ed25519KeyIdentity.generate();
  await net.installCanister(dappWasm(), {
    canisterId: DAPP_ID,
    arg: encodeInitArg(arg),
    controllers: [controller.getPrincipal()],
  });
  return {
    net,
    controller,
    actor: async (identity) => {
      const agent = await HttpAgent.create({
        host: net.url,
        identity,
        rootKey: net.rootKey,
        shouldFetchRootKey: false,
        retryTimes: 0,
      });
      return Actor.createActor<TestDappService>(idlFactory, { agent, canisterId: DAPP_ID });
    },
  };
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request to localnet's port with a chosen Host header (Node does not resolve *.localhost). */
export function gatewayGet(
  net: Pick<Localnet, 'port'>,
  host: string,
  path: string,
  method = 'GET',
): Promise<GatewayResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: net.port, path, method, headers: { Host: host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
