/** Shared helpers for the localnet integration tests: agents, actors, raw envelopes. */
import { Actor, HttpAgent, type Identity } from '@dfinity/agent';
import { decode, encodeWithSelfDescribedTag } from '@dfinity/cbor';
import type { Principal } from '@dfinity/principal';
import { createHash } from 'node:crypto';
import type { Localnet } from '../src/localnet.js';
import { type FixtureActor, fixtureIdl } from './fixture-idl.test-support.js';

export interface AgentOptions {
  identity?: Identity;
  fetch?: typeof fetch;
  host?: string;
  rootKey?: Uint8Array;
}

/** An agent for `net` that fails on the first non-2xx answer and trusts the localnet's root key. */
export async function agentFor(net: Localnet, o: AgentOptions = {}): Promise<HttpAgent> {
  return HttpAgent.create({
    host: o.host ?? net.url,
    identity: o.identity,
    fetch: o.fetch,
    retryTimes: 0,
    rootKey: o.rootKey ?? net.rootKey,
    shouldFetchRootKey: false,
  });
}

export function fixtureActor(agent: HttpAgent, canisterId: Principal): FixtureActor {
  return Actor.createActor<FixtureActor>(fixtureIdl, { agent, canisterId });
}

export async function fixtureFor(
  net: Localnet,
  canisterId: Principal,
  o: AgentOptions = {},
): Promise<FixtureActor> {
  return fixtureActor(await agentFor(net, o), canisterId);
}

export type EnvelopeMap = Record<string, unknown> & { content: Record<string, unknown> };

/**
 * A fetch that lets a test rewrite the CBOR envelope of the agent's /call and /query requests
 * (never read_state, so that the agent's own time sync and node-key fetches stay intact).
 */
export function tamperingFetch(
  mutate: (envelope: EnvelopeMap) => void,
  endpoints = ['call', 'query'],
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const endpoint = url.split('/').pop() ?? '';
    if (endpoints.includes(endpoint) && init?.body) {
      const envelope = decode(new Uint8Array(init.body as ArrayBuffer)) as EnvelopeMap;
      mutate(envelope);
      return fetch(input, {
        ...init,
        body: encodeWithSelfDescribedTag(envelope) as Uint8Array<ArrayBuffer>,
      });
    }
    return fetch(input, init);
  };
}

/** A fetch that records the bodies the agent posts to /call, for replaying them. */
export function recordingFetch(): {
  fetch: typeof fetch;
  calls: Array<{ url: string; body: Uint8Array }>;
} {
  const calls: Array<{ url: string; body: Uint8Array }> = [];
  return {
    calls,
    fetch: async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith('/call') && init?.body)
        calls.push({ url, body: new Uint8Array(init.body as ArrayBuffer) });
      return fetch(input, init);
    },
  };
}

/** Flips one bit of a byte string (by default its last byte). */
export function flip(b: Uint8Array, i = b.length - 1): Uint8Array {
  const c = new Uint8Array(b);
  c[i] = (c[i] ?? 0) ^ 0x01;
  return c;
}

export async function postCbor(
  url: string,
  body: Uint8Array | Buffer | string,
): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/cbor' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

export const sha256hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** The Candid encoding of `()`: what an argument-less method expects. */
export const EMPTY_ARG = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]);

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};

/** Appends a custom section (e.g. `icp:public candid:service`) to a wasm module. */
export function withCustomSection(
  wasm: Uint8Array,
  name: string,
  content: Uint8Array | string,
): Uint8Array {
  const nameBytes = Buffer.from(name, 'utf8');
  const payload = Buffer.concat([
    Buffer.from(leb(nameBytes.length)),
    nameBytes,
    Buffer.from(content),
  ]);
  return new Uint8Array(Buffer.concat([wasm, Buffer.from([0, ...leb(payload.length)]), payload]));
}

/** The Candid-free utf-8 bytes of a string, as read_state path labels. */
export const label = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Reads an unsigned LEB128 number (as the certified `time` is encoded). */
export function readLeb128(b: Uint8Array): bigint {
  let n = 0n;
  let shift = 0n;
  for (const byte of b) {
    n |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) break;
  }
  return n;
}
