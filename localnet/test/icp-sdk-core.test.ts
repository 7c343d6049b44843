// Today's agent: an unmodified @icp-sdk/core 6.1.0 queries through /api/v3/canister/<id>/query,
// calls through /api/v4/canister/<id>/call and reads state through /api/v3/…/read_state, with
// query-signature and certificate verification on (its defaults). Plus the failure answers of the
// v3/v4 endpoints, sent raw.
import {
  Actor,
  CanisterStatus,
  HttpAgent,
  lookupCanisterRanges,
  decodeCanisterRanges,
} from '@icp-sdk/core/agent';
import { decode, encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import { fixtureWasm, signedEnvelope } from '../src/testing.js';
import { fixtureIdl, fixtureInitArg, type FixtureActor } from './fixture-idl.test-support.js';
import { flip, label, postCbor } from './test-support.js';

type Fetch = typeof fetch;
const urlOf = (input: Parameters<Fetch>[0]) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/** Records the path of every request the agent makes. */
function recording(): { fetch: Fetch; paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    fetch: (input, init) => {
      paths.push(new URL(urlOf(input)).pathname);
      return fetch(input, init);
    },
  };
}

/** Rewrites the CBOR reply of the endpoints whose path ends with `suffix`. */
function tamperReplies(suffix: string, mutate: (body: Record<string, unknown>) => void): Fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!urlOf(input).endsWith(suffix) || response.status !== 200) return response;
    const body = decode(new Uint8Array(await response.arrayBuffer())) as Record<string, unknown>;
    mutate(body);
    return new Response(new Uint8Array(encodeWithSelfDescribedTag(body)), {
      status: 200,
      headers: { 'content-type': 'application/cbor' },
    });
  };
}

describe('@icp-sdk/core 6.1.0 against localnet (v3 query and read_state, v4 call)', () => {
  let net: Localnet;
  let id: Principal;
  const alice = Ed25519KeyIdentity.generate();

  const agent = (fetchImpl: Fetch = fetch, identity = alice) =>
    HttpAgent.create({
      host: net.url,
      identity,
      fetch: fetchImpl,
      rootKey: net.rootKey,
      shouldFetchRootKey: false,
      retryTimes: 0,
    });
  const actor = async (fetchImpl?: Fetch) =>
    Actor.createActor<FixtureActor>(fixtureIdl as never, {
      agent: await agent(fetchImpl),
      canisterId: id,
    });

  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
    id = Principal.fromText(
      (await net.installCanister(fixtureWasm(), { arg: fixtureInitArg(1n) })).toText(),
    );
  });
  afterAll(async () => {
    await net.stop();
  });

  it('queries through v3, calls through v4, reads node keys through v3 read_state', async () => {
    const rec = recording();
    const fixture = await actor(rec.fetch);
    expect(await fixture.whoami()).toBe(alice.getPrincipal().toText());
    expect(await fixture.whoamiUpdate()).toBe(alice.getPrincipal().toText());
    const before = await fixture.get();
    expect(await fixture.inc()).toBe(before + 1n);
    const ecid = id.toText();
    expect(rec.paths).toContain(`/api/v3/canister/${ecid}/query`);
    expect(rec.paths).toContain(`/api/v4/canister/${ecid}/call`);
    // The node keys that sign query replies come from a v3 read_state of ["subnet"].
    expect(rec.paths).toContain(`/api/v3/canister/${ecid}/read_state`);
    expect(rec.paths.filter((p) => p.includes('/api/v2/'))).toEqual([]);
  });

  it('reads module hash, controllers and subnet through CanisterStatus (v3 read_state)', async () => {
    const status = await CanisterStatus.request({
      canisterId: id,
      agent: await agent(),
      paths: ['module_hash', 'controllers', 'subnet', 'time'],
    });
    expect(status.get('module_hash')).toMatch(/^[0-9a-f]{64}$/);
    expect(Array.isArray(status.get('controllers'))).toBe(true);
    const subnet = status.get('subnet') as { subnetId: string; nodeKeys: Map<string, unknown> };
    expect(subnet.subnetId).toBe(Principal.selfAuthenticating(net.rootKey).toText());
    expect(subnet.nodeKeys.size).toBe(1);
    expect(status.get('time')).toBeInstanceOf(Date);
  });

  it('reads the sharded routing table through the v3 subnet read_state', async () => {
    const subnetId = Principal.selfAuthenticating(net.rootKey);
    const rec = recording();
    const { verifiedCertificate } = await (
      await agent(rec.fetch)
    ).readSubnetState(subnetId, { paths: [[label('canister_ranges'), subnetId.toUint8Array()]] });
    expect(rec.paths).toContain(`/api/v3/subnet/${subnetId.toText()}/read_state`);
    // The agent verified the certificate against the root key; the ranges cover the canister.
    const ranges = decodeCanisterRanges(
      lookupCanisterRanges({ subnetId, canisterId: id, tree: verifiedCertificate.cert.tree }),
    );
    expect(ranges.some(([lo, hi]) => lo.ltEq(id) && hi.gtEq(id))).toBe(true);
  });

  it('refuses a query reply whose node signature was tampered with', async () => {
    const fixture = await actor(
      tamperReplies('/query', (body) => {
        const [sig] = body.signatures as Array<{ signature: Uint8Array }>;
        sig.signature = flip(sig.signature);
      }),
    );
    await expect(fixture.whoami()).rejects.toThrow(/signature/i);
  });

  it('refuses a v4 call reply whose certificate was tampered with', async () => {
    const fixture = await actor(
      tamperReplies('/call', (body) => {
        body.certificate = flip(body.certificate as Uint8Array, 40);
      }),
    );
    await expect(fixture.inc()).rejects.toThrow();
  });

  it('rejects a call to a canister that does not exist with the 400 the agent reports', async () => {
    const nowhere = Actor.createActor<FixtureActor>(fixtureIdl as never, {
      agent: await agent(),
      canisterId: 'ryjl3-tyaaa-aaaaa-aaaba-cai',
    });
    await expect(nowhere.inc()).rejects.toThrow(/400|not found/i);
  });

  describe('failure answers, sent raw', () => {
    const call = async (canisterId: Principal, requestType: 'call' | 'query' = 'call') =>
      encodeWithSelfDescribedTag(
        await signedEnvelope(alice as never, { canisterId: canisterId as never, requestType }),
      );

    it('v4 call: unknown canister, mismatched effective id, malformed body → 400', async () => {
      const other = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
      const unknown = await postCbor(`${net.url}/api/v4/canister/${other}/call`, await call(other));
      expect(unknown.status).toBe(400);
      expect(unknown.body.toString()).toMatch(/not found/);
      const mismatch = await postCbor(`${net.url}/api/v4/canister/${other}/call`, await call(id));
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.toString()).toMatch(/does not match effective canister id/);
      const garbage = await postCbor(`${net.url}/api/v4/canister/${id}/call`, 'not cbor');
      expect(garbage.status).toBe(400);
      const badId = await postCbor(`${net.url}/api/v4/canister/not-a-principal/call`, 'x');
      expect(badId.status).toBe(400);
    });

    it('v4 call: a bad signature → 400 and an expired one → 400, nothing executed', async () => {
      const envelope = decode(await call(id)) as Record<string, unknown>;
      envelope.sender_sig = flip(envelope.sender_sig as Uint8Array);
      const forged = await postCbor(
        `${net.url}/api/v4/canister/${id}/call`,
        encodeWithSelfDescribedTag(envelope),
      );
      expect([400, 403]).toContain(forged.status);
      const expired = encodeWithSelfDescribedTag(
        await signedEnvelope(alice as never, { canisterId: id as never, expiryMs: -10 * 60_000 }),
      );
      const late = await postCbor(`${net.url}/api/v4/canister/${id}/call`, expired);
      expect(late.status).toBe(400);
      expect(late.body.toString()).toMatch(/expir/i);
    });

    it('v3 query: mismatched effective canister id → 400', async () => {
      const other = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
      const r = await postCbor(
        `${net.url}/api/v3/canister/${other}/query`,
        await call(id, 'query'),
      );
      expect(r.status).toBe(400);
    });

    it('v3 read_state: another canister, a canister path on the subnet endpoint, an unknown subnet', async () => {
      const subnetId = Principal.selfAuthenticating(net.rootKey);
      const readState = async (paths: Uint8Array[][]) =>
        encodeWithSelfDescribedTag({
          content: {
            request_type: 'read_state',
            paths,
            sender: new Uint8Array([4]),
            ingress_expiry: BigInt(Date.now() + 60_000) * 1_000_000n,
          },
        });
      const other = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
      const foreign = await postCbor(
        `${net.url}/api/v3/canister/${id}/read_state`,
        await readState([[label('canister'), other.toUint8Array(), label('module_hash')]]),
      );
      expect(foreign.status).toBe(400);
      const onSubnet = await postCbor(
        `${net.url}/api/v3/subnet/${subnetId}/read_state`,
        await readState([[label('canister'), id.toUint8Array(), label('module_hash')]]),
      );
      expect(onSubnet.status).toBe(404);
      const wrongSubnet = await postCbor(
        `${net.url}/api/v3/subnet/${other}/read_state`,
        await readState([[label('time')]]),
      );
      expect(wrongSubnet.status).toBe(400);
      // The sharded routing table is a v3 path: the deprecated v2 endpoint does not serve it.
      const v2 = await postCbor(
        `${net.url}/api/v2/canister/${id}/read_state`,
        await readState([[label('canister_ranges'), subnetId.toUint8Array()]]),
      );
      expect(v2.status).toBe(404);
      const v3 = await postCbor(
        `${net.url}/api/v3/canister/${id}/read_state`,
        await readState([[label('canister_ranges'), subnetId.toUint8Array()]]),
      );
      expect(v3.status).toBe(200);
    });
  });
});
