/** Shared helpers for the canister's integration tests: the real wasm on localnet, real agents. */
import { Actor, type ActorSubclass, HttpAgent, type Identity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { bls12_381 } from '@noble/curves/bls12-381';
import { type Localnet, startLocalnet } from '@ii/localnet';
import {
  type DeviceDataT,
  type InternetIdentityInitT,
  type InternetIdentityService,
  type MetadataMapT,
  idlFactory,
} from '../src/candid.js';
import { deviceFor, recoveryPhraseFor } from '../src/testing.js';
import { iiWasm } from './build-wasm.js';

export { deviceFor, recoveryPhraseFor };
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';

/**
 * Certificates of one round share one BLS signature: verify each distinct one once. Every
 * certificate is still fully checked; the agent's default would verify the same signature again.
 */
const verified = new Set<string>();
export async function memoBlsVerify(
  pk: Uint8Array,
  sig: Uint8Array,
  msg: Uint8Array,
): Promise<boolean> {
  const key = `${Buffer.from(sig).toString('hex')}:${Buffer.from(msg).toString('hex')}:${Buffer.from(pk).toString('hex')}`;
  if (verified.has(key)) return true;
  const ok = bls12_381.verifyShortSignature(sig, msg, pk);
  if (ok) verified.add(key);
  return ok;
}

export interface TestNet {
  net: Localnet;
  canisterId: Principal;
  actor(identity?: Identity): Promise<ActorSubclass<InternetIdentityService>>;
  agent(identity?: Identity): Promise<HttpAgent>;
}

/** Starts localnet and installs Internet Identity (this build, or `wasm`) at its production id. */
export async function startWithII(
  init: InternetIdentityInitT = initArg('test'),
  wasm: Uint8Array = iiWasm(),
): Promise<TestNet> {
  const net = await startLocalnet({ port: 0 });
  const canisterId = await net.installCanister(wasm, {
    canisterId: II_CANISTER_ID,
    arg: encodeInitArg(init),
  });
  const agent = async (identity?: Identity) =>
    HttpAgent.create({
      host: net.url,
      identity,
      rootKey: net.rootKey,
      shouldFetchRootKey: false,
      retryTimes: 0,
    });
  return {
    net,
    canisterId,
    agent,
    actor: async (identity?: Identity) =>
      Actor.createActor<InternetIdentityService>(idlFactory, {
        agent: await agent(identity),
        canisterId,
        blsVerify: memoBlsVerify,
      }),
  };
}

/** Registers a new anchor (captcha off) with a fresh Ed25519 device; returns both. */
export async function registerAnchor(
  t: TestNet,
): Promise<{ anchor: bigint; identity: Ed25519KeyIdentity }> {
  const identity = Ed25519KeyIdentity.generate();
  const ii = await t.actor(identity);
  const result = await ii.register(deviceFor(identity), { key: '', chars: '' }, []);
  if (!('registered' in result)) throw new Error(`register failed: ${JSON.stringify(result)}`);
  return { anchor: result.registered.user_number, identity };
}

export type IIActor = ActorSubclass<InternetIdentityService>;

/**
 * Asserts that `call` is rejected (a trap in the canister) and that the reject message contains
 * `text`; returns the message for further checks.
 */
export async function expectTrap(call: Promise<unknown>, text: string | RegExp): Promise<string> {
  let message: string | undefined;
  try {
    await call;
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  if (message === undefined)
    throw new Error(`expected a trap matching ${String(text)}, got a reply`);
  const matches = typeof text === 'string' ? message.includes(text) : text.test(message);
  if (!matches) throw new Error(`expected a trap matching ${String(text)}, got: ${message}`);
  return message;
}

/** Adds a fresh Ed25519 device (signed by `owner`) to `anchor` and returns its identity. */
export async function addDeviceTo(
  t: TestNet,
  owner: Identity,
  anchor: bigint,
  overrides: Partial<DeviceDataT> = {},
): Promise<Ed25519KeyIdentity> {
  const identity = Ed25519KeyIdentity.generate();
  await (await t.actor(owner)).add(anchor, deviceFor(identity, overrides));
  return identity;
}

/** The DER public key of an Ed25519 identity (the device key it signs as). */
export function keyOf(identity: Ed25519KeyIdentity): Uint8Array {
  return new Uint8Array(identity.getPublicKey().toDer());
}

/** `depth` levels of metadata maps, one entry each (what a fuzz run stored to break lookups). */
export function nestedMetadata(depth: number): MetadataMapT {
  let map: MetadataMapT = [['leaf', { string: 'x' }]];
  for (let i = 1; i < depth; i++) map = [[`l${i}`, { map }]];
  return map;
}
