import { Certificate, lookup_path, LookupPathStatus } from '@dfinity/agent';
import { decode } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { blsVerify } from './bls-key.js';
import { Certifier, STATE_ROOT_DOMAIN_SEPARATOR } from './certifier.js';
import { CertificationError } from './errors.js';
import { reconstruct, type HashTree } from './hash-tree.js';
import { encodeLeb128 } from './leb128.js';
import { StateTree } from './state-tree.js';
import { hex, nowNanos, requestId } from './test-support.js';

const seed = (n: number) => new Uint8Array(32).fill(n);
const canisterId = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');

function stateTree(time = nowNanos()): StateTree {
  const t = new StateTree();
  t.set(['time'], encodeLeb128(time));
  t.set(['request_status', requestId(), 'status'], new TextEncoder().encode('replied'));
  return t;
}

describe('Certifier', () => {
  const certifier = Certifier.fromSeed(seed(1));

  it('derives stable keys from the seed', () => {
    const again = Certifier.fromSeed(seed(1));
    expect(hex(again.rootKeyDer)).toBe(hex(certifier.rootKeyDer));
    expect(again.node.nodeId.toText()).toBe(certifier.node.nodeId.toText());
    expect(hex(Certifier.fromSeed(seed(2)).rootKeyDer)).not.toBe(hex(certifier.rootKeyDer));
    expect(certifier.rootKeyDer).toHaveLength(133);
    expect(hex(certifier.rootKeyDer.subarray(0, 37))).toBe(
      '308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100',
    );
    expect(certifier.subnetId.toText()).toBe(
      Principal.selfAuthenticating(certifier.rootKeyDer).toText(),
    );
    expect(certifier.node.publicKeyDer).toHaveLength(44);
    expect(() => Certifier.fromSeed(new Uint8Array(31))).toThrow(CertificationError);
    expect(Certifier.generate().seed).toHaveLength(32);
  });

  it('issues certificates that @dfinity/agent verifies, with /time always revealed', async () => {
    const tree = stateTree();
    const bytes = certifier.certify(tree, [['request_status']]);
    expect(hex(bytes.subarray(0, 3))).toBe('d9d9f7'); // self-describe tag
    const cert = await Certificate.create({
      certificate: bytes,
      rootKey: certifier.rootKeyDer,
      canisterId,
    });
    expect(cert.lookup_path(['time']).status).toBe(LookupPathStatus.Found);
    const decoded = decode<{ tree: HashTree; signature: Uint8Array }>(bytes);
    expect(hex(reconstruct(decoded.tree))).toBe(hex(tree.rootHash()));
    expect(decoded.signature).toHaveLength(48);
    expect(
      blsVerify(
        certifier.rootKey.publicKey,
        decoded.signature,
        Buffer.concat([STATE_ROOT_DOMAIN_SEPARATOR, tree.rootHash()]),
      ),
    ).toBe(true);
  });

  it('is rejected by the agent under another root key, or when the tree is altered', async () => {
    const tree = stateTree();
    const bytes = certifier.certify(tree, [['time']]);
    const other = Certifier.fromSeed(seed(9));
    await expect(
      Certificate.create({ certificate: bytes, rootKey: other.rootKeyDer, canisterId }),
    ).rejects.toThrow(/signature/i);
    // Certify a different state with the same signature: the root hash no longer matches.
    const decoded = decode<{ tree: HashTree; signature: Uint8Array }>(bytes);
    const forged = other.certify(stateTree(), [['time']]);
    const forgedTree = decode<{ tree: HashTree }>(forged).tree;
    const { encodeCertificate } = await import('./certifier.js');
    const tampered = encodeCertificate(forgedTree, decoded.signature);
    await expect(
      Certificate.create({ certificate: tampered, rootKey: certifier.rootKeyDer, canisterId }),
    ).rejects.toThrow();
  });

  it('is rejected by the agent when /time is stale, unless time checks are off', async () => {
    const old = nowNanos() - 3_600_000_000_000n;
    const bytes = certifier.certify(stateTree(old), []);
    await expect(
      Certificate.create({ certificate: bytes, rootKey: certifier.rootKeyDer, canisterId }),
    ).rejects.toThrow();
    const cert = await Certificate.create({
      certificate: bytes,
      rootKey: certifier.rootKeyDer,
      canisterId,
      disableTimeVerification: true,
    });
    expect(lookup_path(['time'], cert.cert.tree).status).toBe(LookupPathStatus.Found);
  });

  it('signs each root hash once (cache), and again after a change', () => {
    const c = Certifier.fromSeed(seed(3));
    const tree = stateTree();
    c.certify(tree, [['time']]);
    c.certify(tree, [['request_status']]);
    c.certify(tree, []);
    expect(c.signCount).toBe(1);
    tree.set(['time'], encodeLeb128(nowNanos() + 1n));
    c.certify(tree, []);
    expect(c.signCount).toBe(2);
    expect(() => c.signRootHash(new Uint8Array(5))).toThrow(CertificationError);
  });

  it('certifies a witness built elsewhere', async () => {
    const tree = stateTree();
    const bytes = certifier.certifyWitness(tree.witness([['time']]));
    await Certificate.create({ certificate: bytes, rootKey: certifier.rootKeyDer, canisterId });
  });
});
