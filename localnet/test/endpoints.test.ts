// The public IC HTTP interface as @dfinity/agent (and a raw HTTP client) sees it.
import {
  CanisterStatus,
  Certificate,
  type HttpAgent,
  lookupResultToBuffer,
  pollForResponse,
  requestIdOf,
} from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { decode, encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import { canisterIdFromIndex } from '../src/replica/ids.js';
import { fixtureWasm } from '../src/testing/fixtures.js';
import { fixtureInitArg } from './fixture-idl.test-support.js';
import {
  EMPTY_ARG,
  agentFor,
  fixtureActor,
  fixtureFor,
  label,
  postCbor,
  readLeb128,
  recordingFetch,
  sha256hex,
  withCustomSection,
} from './test-support.js';

const CANDID = 'service : { inc : () -> (nat64) }';
const decodeNat64 = (b: Uint8Array) => IDL.decode([IDL.Nat64], b)[0] as bigint;
const nowNs = () => BigInt(Date.now()) * 1_000_000n;
/** An unsigned call from the anonymous principal, encoded as the agent would send it. */
const anonymousCall = (canisterId: Principal, method: string, expiry: bigint) =>
  encodeWithSelfDescribedTag({
    content: {
      request_type: 'call',
      canister_id: canisterId.toUint8Array(),
      method_name: method,
      arg: EMPTY_ARG,
      sender: new Uint8Array([4]),
      ingress_expiry: expiry,
    },
  });

describe('the /api endpoints', () => {
  let net: Localnet;
  let id: Principal;
  let wasm: Uint8Array;
  let agent: HttpAgent;
  const alice = Ed25519KeyIdentity.generate();
  const mallory = Ed25519KeyIdentity.generate();

  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
    wasm = withCustomSection(
      withCustomSection(fixtureWasm(), 'icp:public candid:service', CANDID),
      'icp:private secret',
      'only for controllers',
    );
    id = await net.installCanister(wasm, { arg: fixtureInitArg(1n) });
    agent = await agentFor(net);
  });
  afterAll(async () => {
    await net.stop();
  });

  it('GET /api/v2/status answers self-described CBOR with the root key', async () => {
    const response = await fetch(`${net.url}/api/v2/status`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/cbor');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 3)).toString('hex')).toBe('d9d9f7');
    const status = decode(bytes) as Record<string, unknown>;
    expect(Buffer.from(status.root_key as Uint8Array).equals(Buffer.from(net.rootKey))).toBe(true);
    // And the agent reads the same key.
    const fetched = await agentFor(net);
    expect(Buffer.from(await fetched.fetchRootKey()).equals(Buffer.from(net.rootKey))).toBe(true);
  });

  it('v3 call answers 200 with a certificate holding the reply', async () => {
    const before = await fixtureActor(agent, id).get();
    const r = await agent.call(id, { methodName: 'inc', arg: EMPTY_ARG, callSync: true });
    expect(r.response.status).toBe(200);
    const body = r.response.body as { certificate?: Uint8Array } | null;
    expect(body?.certificate).toBeInstanceOf(Uint8Array);
    const cert = await Certificate.create({
      certificate: body!.certificate!,
      rootKey: net.rootKey,
      canisterId: id,
    });
    const status = lookupResultToBuffer(
      cert.lookup_path(['request_status', r.requestId, 'status']),
    );
    expect(new TextDecoder().decode(status)).toBe('replied');
    const reply = lookupResultToBuffer(cert.lookup_path(['request_status', r.requestId, 'reply']))!;
    expect(decodeNat64(reply)).toBe(before + 1n);
  });

  it('v2 call answers 202 and the agent polls read_state for the reply', async () => {
    const before = await fixtureActor(agent, id).get();
    const r = await agent.call(id, { methodName: 'inc', arg: EMPTY_ARG, callSync: false });
    expect(r.response.status).toBe(202);
    expect(r.response.body).toBeNull();
    const { reply, certificate } = await pollForResponse(agent, id, r.requestId);
    expect(decodeNat64(reply)).toBe(before + 1n);
    expect(
      new TextDecoder().decode(
        lookupResultToBuffer(certificate.lookup_path(['request_status', r.requestId, 'status'])),
      ),
    ).toBe('replied');
  });

  it('query answers with a node-signed reply the agent verifies', async () => {
    const r = await agent.query(id, { methodName: 'getInitArg', arg: EMPTY_ARG });
    expect(r.status).toBe('replied');
    if (r.status !== 'replied') return;
    expect(decodeNat64(r.reply.arg)).toBe(1n);
    expect(r.signatures?.length).toBeGreaterThan(0);
  });

  it('read_state answers the certified time near the wall clock', async () => {
    const { certificate } = await agent.readState(id, { paths: [[label('time')]] });
    const cert = await Certificate.create({ certificate, rootKey: net.rootKey, canisterId: id });
    const time = readLeb128(lookupResultToBuffer(cert.lookup_path(['time']))!);
    const skew = time > nowNs() ? time - nowNs() : nowNs() - time;
    expect(skew).toBeLessThan(60_000_000_000n);
  });

  it('read_state answers the subnet with node keys covering the canister', async () => {
    const subnet = await agent.fetchSubnetKeys(id);
    expect(subnet).toBeDefined();
    expect(subnet!.nodeKeys.size).toBeGreaterThan(0);
    for (const key of subnet!.nodeKeys.values()) expect(key.length).toBe(44);
    // With no delegation the subnet id is the self-authenticating id of the root key.
    expect(subnet!.subnetId).toBe(Principal.selfAuthenticating(net.rootKey).toText());
  });

  it('request_status is readable by its sender only (403 for anyone else)', async () => {
    const aliceAgent = await agentFor(net, { identity: alice });
    const r = await aliceAgent.call(id, { methodName: 'inc', arg: EMPTY_ARG });
    const paths = [[label('request_status'), new Uint8Array(r.requestId)]];
    const { certificate } = await aliceAgent.readState(id, { paths });
    const cert = await Certificate.create({ certificate, rootKey: net.rootKey, canisterId: id });
    expect(
      new TextDecoder().decode(
        lookupResultToBuffer(cert.lookup_path(['request_status', r.requestId, 'status'])),
      ),
    ).toBe('replied');

    const malloryAgent = await agentFor(net, { identity: mallory });
    await expect(malloryAgent.readState(id, { paths })).rejects.toThrow(/403|signed by the caller/);
    // The anonymous principal is not the sender either.
    await expect(agent.readState(id, { paths })).rejects.toThrow(/403|signed by the caller/);
  });

  it('canister/<id>/module_hash, /controllers and /metadata/<name> are certified', async () => {
    const status = await CanisterStatus.request({
      canisterId: id,
      agent,
      paths: [
        'module_hash',
        'controllers',
        { kind: 'metadata', key: 'candid', path: 'candid:service', decodeStrategy: 'utf-8' },
      ],
    });
    expect(status.get('module_hash')).toBe(sha256hex(wasm));
    expect((status.get('controllers') as Principal[]).map((p) => p.toText())).toEqual([
      Principal.anonymous().toText(),
    ]);
    expect(status.get('candid')).toBe(CANDID);
  });

  it('private metadata is readable only by controllers', async () => {
    const paths = [[label('canister'), id.toUint8Array(), label('metadata'), label('secret')]];
    const { certificate } = await agent.readState(id, { paths });
    const cert = await Certificate.create({ certificate, rootKey: net.rootKey, canisterId: id });
    expect(
      new TextDecoder().decode(
        lookupResultToBuffer(
          cert.lookup_path(['canister', id.toUint8Array(), 'metadata', 'secret']),
        ),
      ),
    ).toBe('only for controllers');
    const malloryAgent = await agentFor(net, { identity: mallory });
    await expect(malloryAgent.readState(id, { paths })).rejects.toThrow(/403|controllers/);
  });

  it('module_hash is the sha256 of the submitted module, gzipped or not', async () => {
    const raw = fixtureWasm();
    const gz = new Uint8Array(gzipSync(raw));
    const rawId = await net.installCanister(raw, { arg: fixtureInitArg(0n) });
    const gzId = await net.installCanister(gz, { arg: fixtureInitArg(0n) });
    const hashOf = async (c: Principal) =>
      (await CanisterStatus.request({ canisterId: c, agent, paths: ['module_hash'] })).get(
        'module_hash',
      );
    expect(await hashOf(rawId)).toBe(sha256hex(raw));
    expect(await hashOf(gzId)).toBe(sha256hex(gz));
    expect(sha256hex(gz)).not.toBe(sha256hex(raw));
    // The gzipped module runs like the raw one.
    expect(await fixtureActor(agent, gzId).inc()).toBe(1n);
  });

  it('a call to an unknown canister is refused with 400', async () => {
    const unknown = canisterIdFromIndex(9_999n);
    expect(net.replica.getCanister(unknown)).toBeUndefined();
    await expect(agent.call(unknown, { methodName: 'inc', arg: EMPTY_ARG })).rejects.toThrow(
      /400|not found/,
    );
    const raw = await postCbor(
      `${net.url}/api/v3/canister/${unknown.toText()}/call`,
      anonymousCall(unknown, 'inc', nowNs() + 60_000_000_000n),
    );
    expect(raw.status).toBe(400);
    expect(raw.body.toString()).toMatch(/not found/);
    const v2 = await postCbor(
      `${net.url}/api/v2/canister/${unknown.toText()}/call`,
      anonymousCall(unknown, 'inc', nowNs() + 60_000_000_000n),
    );
    expect(v2.status).toBe(400);
  });

  it('a method that does not exist is rejected with reject code 3', async () => {
    const r = await agent.call(id, { methodName: 'noSuchMethod', arg: EMPTY_ARG });
    const body = r.response.body as { certificate: Uint8Array };
    const cert = await Certificate.create({
      certificate: body.certificate,
      rootKey: net.rootKey,
      canisterId: id,
    });
    expect(
      new TextDecoder().decode(
        lookupResultToBuffer(cert.lookup_path(['request_status', r.requestId, 'status'])),
      ),
    ).toBe('rejected');
    expect(
      readLeb128(
        lookupResultToBuffer(cert.lookup_path(['request_status', r.requestId, 'reject_code']))!,
      ),
    ).toBe(3n);
    const q = await agent.query(id, { methodName: 'noSuchMethod', arg: EMPTY_ARG });
    expect(q.status).toBe('rejected');
    if (q.status === 'rejected') expect(q.reject_code).toBe(3);
  });

  it('malformed CBOR is answered 400 with a clear message', async () => {
    for (const endpoint of ['call', 'query', 'read_state']) {
      const r = await postCbor(
        `${net.url}/api/v2/canister/${id.toText()}/${endpoint}`,
        Buffer.from([0xd9, 0xd9, 0xf7, 0xa1, 0xff, 0x13]),
      );
      expect(r.status).toBe(400);
      expect(r.body.toString()).toMatch(new RegExp(`Could not parse body as ${endpoint} message`));
    }
    const notEnvelope = await postCbor(
      `${net.url}/api/v3/canister/${id.toText()}/call`,
      encodeWithSelfDescribedTag({ hello: 'world' }),
    );
    expect(notEnvelope.status).toBe(400);
    expect(notEnvelope.body.toString()).toMatch(/content/);
  });

  it('a body over 2 MiB is answered 413', async () => {
    const r = await postCbor(
      `${net.url}/api/v3/canister/${id.toText()}/call`,
      new Uint8Array(2 * 1024 * 1024 + 1),
    );
    expect(r.status).toBe(413);
    // Exactly at the limit the body is read (and then refused as malformed, not as too large).
    const atLimit = await postCbor(
      `${net.url}/api/v3/canister/${id.toText()}/call`,
      new Uint8Array(2 * 1024 * 1024),
    );
    expect(atLimit.status).toBe(400);
  });

  it('an ingress expiry in the past or too far in the future is refused with 400', async () => {
    const url = `${net.url}/api/v3/canister/${id.toText()}/call`;
    const past = await postCbor(url, anonymousCall(id, 'inc', nowNs() - 60_000_000_000n));
    expect(past.status).toBe(400);
    expect(past.body.toString()).toMatch(/^Invalid request expiry/);
    const future = await postCbor(url, anonymousCall(id, 'inc', nowNs() + 10n * 60_000_000_000n));
    expect(future.status).toBe(400);
    expect(future.body.toString()).toMatch(/^Invalid request expiry/);
    const fine = await postCbor(url, anonymousCall(id, 'inc', nowNs() + 2n * 60_000_000_000n));
    expect(fine.status).toBe(200);
  });

  it('the same signed envelope posted twice runs the method once', async () => {
    const recorder = recordingFetch();
    const actor = await fixtureFor(net, id, { identity: alice, fetch: recorder.fetch });
    const after = await actor.inc();
    expect(recorder.calls).toHaveLength(1);
    const { url, body } = recorder.calls[0]!;
    const again = await postCbor(url, body);
    expect(again.status).toBeLessThan(300);
    await net.replica.idle();
    expect(await actor.get()).toBe(after);
    // The replayed request still answers the original reply.
    if (again.status === 200) {
      const cert = await Certificate.create({
        certificate: (decode(new Uint8Array(again.body)) as { certificate: Uint8Array })
          .certificate,
        rootKey: net.rootKey,
        canisterId: id,
      });
      const rid = requestIdOf((decode(body) as { content: Record<string, unknown> }).content);
      expect(
        decodeNat64(lookupResultToBuffer(cert.lookup_path(['request_status', rid, 'reply']))!),
      ).toBe(after);
    }
  });
});

describe('a certificate signed by another root key', () => {
  it('is rejected by the agent', async () => {
    const net = await startLocalnet({ port: 0 });
    const other = await startLocalnet({ port: 0 });
    try {
      const id = await net.installCanister(fixtureWasm(), { arg: fixtureInitArg(0n) });
      expect(Buffer.from(other.rootKey).equals(Buffer.from(net.rootKey))).toBe(false);
      const trusting = await fixtureFor(net, id);
      expect(await trusting.inc()).toBe(1n);
      const fooled = await fixtureFor(net, id, { rootKey: other.rootKey });
      await expect(fooled.inc()).rejects.toThrow(/[Ss]ignature|[Cc]ertificate/);
      // Query replies are signed by node keys the agent reads from a certificate: refused as well.
      await expect(fooled.get()).rejects.toThrow(/[Ss]ignature|[Cc]ertificate|node/);
    } finally {
      await other.stop();
      await net.stop();
    }
  });
});
