// Randomness for challenges. The caller hands in raw bytes (raw_rand inside the
// canister); everything secret is derived from them with SHA-256 in counter mode and a
// distinct label per purpose, so the image noise (which an attacker sees) can never
// reveal the bytes that chose the key or the characters.
import { sha256 } from '@noble/hashes/sha2';
import { utf8 } from '../bytes.js';

/** A byte stream: SHA-256(seed ‖ label ‖ u32 counter) blocks, one after another. */
export class HashDrbg {
  private readonly prefix: Uint8Array;
  private counter = 0;
  private block: Uint8Array = new Uint8Array(0);
  private pos = 0;

  constructor(seed: Uint8Array, label: string) {
    const l = utf8(label);
    this.prefix = new Uint8Array(seed.length + l.length + 4);
    this.prefix.set(seed, 0);
    this.prefix.set(l, seed.length);
  }

  nextByte(): number {
    if (this.pos === this.block.length) {
      const at = this.prefix.length - 4;
      // Big-endian counter in the last four bytes of the hashed message.
      this.prefix[at] = this.counter >>> 24;
      this.prefix[at + 1] = (this.counter >>> 16) & 0xff;
      this.prefix[at + 2] = (this.counter >>> 8) & 0xff;
      this.prefix[at + 3] = this.counter & 0xff;
      this.counter++;
      this.block = sha256(this.prefix);
      this.pos = 0;
    }
    return this.block[this.pos++];
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.nextByte();
    return out;
  }

  /** Uniform integer in [0, n) for 1 ≤ n ≤ 256, by rejection (no modulo bias). */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError(`below(${n})`);
    const limit = 256 - (256 % n);
    for (;;) {
      const b = this.nextByte();
      if (b < limit) return b % n;
    }
  }
}

/**
 * xoshiro128** — fast, non-cryptographic; used only for the look of the image
 * (jitter, waves, noise), where speed inside the canister matters more.
 */
export class NoiseRng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed16: Uint8Array) {
    if (seed16.length < 16) throw new RangeError('NoiseRng needs 16 seed bytes');
    const w = (i: number) =>
      (seed16[i] | (seed16[i + 1] << 8) | (seed16[i + 2] << 16) | (seed16[i + 3] << 24)) >>> 0;
    this.s0 = w(0);
    this.s1 = w(4);
    this.s2 = w(8);
    this.s3 = w(12);
    // The all-zero state is the one fixed point of xoshiro; avoid it.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9;
  }

  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform float in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform-enough integer in [min, max) (tiny modulo bias is irrelevant for noise). */
  int(min: number, max: number): number {
    return min + (this.nextU32() % (max - min));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
