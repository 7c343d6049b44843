/**
 * One replica node's Ed25519 key, which signs query responses. Its id is the self-authenticating
 * principal of its 44-byte SPKI DER public key, as on the IC.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { Principal } from '@dfinity/principal';

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export class NodeKey {
  readonly #privateKey: KeyObject;
  /** SPKI DER of the public key, 44 bytes: the value of `subnet/<id>/node/<id>/public_key`. */
  readonly publicKeyDer: Uint8Array;
  readonly nodeId: Principal;

  private constructor(privateKey: KeyObject) {
    this.#privateKey = privateKey;
    this.publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    this.nodeId = Principal.selfAuthenticating(this.publicKeyDer);
  }

  /** Deterministic from a seed (the Ed25519 seed is sha256(domain ‖ seed)). */
  static fromSeed(seed: Uint8Array): NodeKey {
    const edSeed = createHash('sha256').update('localnet-node-key').update(seed).digest();
    const key = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, edSeed]),
      format: 'der',
      type: 'pkcs8',
    });
    return new NodeKey(key);
  }

  /** Ed25519 signature (64 bytes) of `message`. */
  sign(message: Uint8Array): Uint8Array {
    return sign(null, message, this.#privateKey);
  }

  /** The same, computed in libuv's thread pool (off the event loop). */
  signAsync(message: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) =>
      sign(null, message, this.#privateKey, (error, signature) =>
        error ? reject(error) : resolve(signature),
      ),
    );
  }
}

/** Verifies an Ed25519 signature against an SPKI DER public key. */
export function ed25519Verify(
  publicKeyDer: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
