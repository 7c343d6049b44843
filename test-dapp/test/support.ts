/** Shared helpers for the integration tests: the built dapp on localnet, agents, gateway GETs. */
import { Actor, type ActorSubclass, HttpAgent, type Identity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { type Localnet, startLocalnet } from '@ii/localnet';
import { type GatewayResponse, gatewayRequest } from '@ii/localnet/testing';
import { readFileSync } from 'node:fs';
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

export type { GatewayResponse };

/** A request to localnet's port with a chosen Host header (Node does not resolve *.localhost). */
export function gatewayGet(
  net: Pick<Localnet, 'port'>,
  host: string,
  path: string,
  method = 'GET',
): Promise<GatewayResponse> {
  return gatewayRequest(net.port, host, path, { method });
}
