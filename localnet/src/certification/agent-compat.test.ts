/**
 * End to end with an unmodified HttpAgent: a fake `fetch` answers read_state with our
 * certificates and queries with our node signatures, so the agent's own private checks run
 * (subnet node keys from a certified `read_state ["subnet"]`, then the query signature).
 */
import { HttpAgent } from '@dfinity/agent';
import { decode, encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { Certifier } from './certifier.js';
import { encodeLeb128 } from './leb128.js';
import { signQueryResponse, type QueryResponse } from './query-signature.js';
import { representationIndependentHash, type RihMap } from './representation-independent-hash.js';
import { StateTree } from './state-tree.js';
import { writeSubnetState } from './subnet.js';
import { nowNanos } from './test-support.js';

const canisterId = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const range = [
  Principal.fromHex('00000000000000000101'),
  Principal.fromHex('00000000000fffff0101'),
] as const;

function replica(certifier: Certifier, signer: Certifier, reply: QueryResponse, tamper = false) {
  const tree = new StateTree();
  tree.set(['time'], encodeLeb128(nowNanos()));
  writeSubnetState(tree, certifier, [range]);
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const envelope = decode<{ content: RihMap & { paths?: Uint8Array[][] } }>(
      new Uint8Array(init!.body as ArrayBuffer),
    );
    const cbor = (body: unknown) =>
      new Response(encodeWithSelfDescribedTag(body as never), {
        status: 200,
        headers: { 'Content-Type': 'application/cbor' },
      });
    if (url.endsWith('/read_state')) {
      return cbor({ certificate: certifier.certify(tree, envelope.content.paths ?? []) });
    }
    if (url.endsWith('/query')) {
      const rid = representationIndependentHash(envelope.content);
      const sig = signQueryResponse(signer.node, reply, rid, nowNanos());
      if (tamper) sig.signature = sig.signature.map((b, i) => (i === 0 ? b ^ 1 : b));
      return cbor({ ...reply, signatures: [sig] });
    }
    return new Response('not found', { status: 404 });
  };
  return HttpAgent.createSync({
    host: 'http://127.0.0.1:1',
    fetch,
    rootKey: certifier.rootKeyDer,
    retryTimes: 0,
  });
}

describe('with an unmodified @dfinity/agent HttpAgent', () => {
  const certifier = Certifier.fromSeed(new Uint8Array(32).fill(11));
  const arg = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]);

  it('accepts a signed reply and a signed rejection', async () => {
    const ok = await replica(certifier, certifier, { status: 'replied', reply: { arg } }).query(
      canisterId,
      {
        methodName: 'greet',
        arg,
      },
    );
    expect(ok.status).toBe('replied');
    const rejected: QueryResponse = {
      status: 'rejected',
      reject_code: 3,
      reject_message: 'no method',
      error_code: 'IC0302',
    };
    const no = await replica(certifier, certifier, rejected).query(canisterId, {
      methodName: 'nope',
      arg,
    });
    expect(no.status).toBe('rejected');
  });

  it('rejects a reply signed by a node that is not in the certified subnet', async () => {
    const stranger = Certifier.fromSeed(new Uint8Array(32).fill(12));
    const agent = replica(certifier, stranger, { status: 'replied', reply: { arg } });
    await expect(agent.query(canisterId, { methodName: 'greet', arg })).rejects.toThrow(
      /public key|signature/i,
    );
  });

  it('rejects a tampered signature of the right node', async () => {
    const agent = replica(certifier, certifier, { status: 'replied', reply: { arg } }, true);
    await expect(agent.query(canisterId, { methodName: 'greet', arg })).rejects.toThrow(
      /signature/i,
    );
  });
});
