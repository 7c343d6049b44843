/**
 * Certificates: a witness of the state tree plus the subnet's BLS signature of its root hash
 * ("Certification" in the interface specification). One key plays the whole subnet: the root key
 * signs directly, so certificates carry no delegation, as on a local system subnet.
 */
import { randomBytes } from 'node:crypto';
import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import { BlsKey } from './bls-key.js';
import { CertificationError } from './errors.js';
import { domainSeparator, reconstruct, type HashTree } from './hash-tree.js';
import { NodeKey } from './node-key.js';
import type { Path, StateTree } from './state-tree.js';
import type { WitnessOptions } from './witness.js';

/** Prefix of the signed message: "\x0Dic-state-root". */
export const STATE_ROOT_DOMAIN_SEPARATOR = domainSeparator('ic-state-root');

/** How many root-hash signatures are kept; BLS signing (~10-20 ms) dominates certification. */
const SIGNATURE_CACHE_SIZE = 256;

/** The CBOR certificate: `{ tree, signature }` under the self-describe tag. */
export function encodeCertificate(tree: HashTree, signature: Uint8Array): Uint8Array {
  return encodeWithSelfDescribedTag({ tree, signature });
}

export class Certifier {
  /** The 32-byte seed every key is derived from; keep it to keep the identity of the network. */
  readonly seed: Uint8Array;
  readonly rootKey: BlsKey;
  /** DER of the root key, 133 bytes (`root_key` of `/api/v2/status`, `rootKey` of the agent). */
  readonly rootKeyDer: Uint8Array;
  /** The subnet id: the self-authenticating principal of the root key DER. */
  readonly subnetId: Principal;
  /** The one node of the subnet, which signs query responses. */
  readonly node: NodeKey;
  readonly #signatures = new Map<string, Uint8Array>();
  #signCount = 0;

  private constructor(seed: Uint8Array) {
    this.seed = Uint8Array.from(seed);
    this.rootKey = BlsKey.fromSeed(seed);
    this.rootKeyDer = this.rootKey.publicKeyDer;
    this.subnetId = Principal.selfAuthenticating(this.rootKeyDer);
    this.node = NodeKey.fromSeed(seed);
  }

  /** @throws CertificationError unless the seed is 32 bytes. */
  static fromSeed(seed: Uint8Array): Certifier {
    if (seed.length !== 32)
      throw new CertificationError('II_ERR_CERT_SEED_LENGTH', `got ${seed.length}`);
    return new Certifier(seed);
  }

  /** A certifier with a fresh random seed. */
  static generate(): Certifier {
    return new Certifier(randomBytes(32));
  }

  /** How many BLS signatures were actually computed (cache misses). */
  get signCount(): number {
    return this.#signCount;
  }

  /** BLS signature of "\x0Dic-state-root" ‖ rootHash; cached per root hash. */
  signRootHash(rootHash: Uint8Array): Uint8Array {
    if (rootHash.length !== 32)
      throw new CertificationError('II_ERR_CERT_HASH_LENGTH', `got ${rootHash.length}`);
    const key = Buffer.from(rootHash).toString('hex');
    const cached = this.#signatures.get(key);
    if (cached) return cached;
    const signature = this.rootKey.sign(Buffer.concat([STATE_ROOT_DOMAIN_SEPARATOR, rootHash]));
    this.#signCount++;
    this.#signatures.set(key, signature);
    // Maps iterate in insertion order: drop the oldest.
    if (this.#signatures.size > SIGNATURE_CACHE_SIZE)
      this.#signatures.delete(this.#signatures.keys().next().value!);
    return signature;
  }

  /**
   * A certificate revealing `paths` of `tree`, and always `/time` (the agent rejects certificates
   * without it). Paths may name leaves, subtrees or absent labels (absence proofs).
   */
  certify(tree: StateTree, paths: readonly Path[], options?: WitnessOptions): Uint8Array {
    const witness = tree.witness([...paths, ['time']], options);
    return encodeCertificate(witness, this.signRootHash(tree.rootHash()));
  }

  /** A certificate for a witness built elsewhere; its root hash is reconstructed. */
  certifyWitness(witness: HashTree): Uint8Array {
    return encodeCertificate(witness, this.signRootHash(reconstruct(witness)));
  }
}
