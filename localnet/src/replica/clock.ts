import { LocalnetError } from '../errors.js';

/**
 * Two clocks, as tests need them: the certified clock (the state tree's `time`, which agents
 * compare with their own wall clock and refuse when it is more than 5 minutes off) and the canister
 * clock (ic0.time), which tests may move forward to expire delegations, captchas or registration
 * modes without waiting. Both are strictly monotonic.
 */
export class Clock {
  #offsetNs = 0n;
  #lastCanister = 0n;
  #lastCertified = 0n;

  /** Wall-clock nanoseconds since the epoch. */
  static wallNs(): bigint {
    // performance.timeOrigin + now() gives sub-millisecond resolution; Date.now() alone repeats values.
    const ms = performance.timeOrigin + performance.now();
    return BigInt(Math.floor(ms * 1000)) * 1000n;
  }

  /** The time canisters see (ic0.time): wall clock plus any advance, strictly increasing. */
  canisterTime(): bigint {
    let t = Clock.wallNs() + this.#offsetNs;
    if (t <= this.#lastCanister) t = this.#lastCanister + 1n;
    this.#lastCanister = t;
    return t;
  }

  /** The time written into certificates: the wall clock, strictly increasing. */
  certifiedTime(): bigint {
    let t = Clock.wallNs();
    if (t <= this.#lastCertified) t = this.#lastCertified + 1n;
    this.#lastCertified = t;
    return t;
  }

  /** Moves canister time forward; it never goes back. */
  advance(ns: bigint): void {
    if (ns < 0n) throw new LocalnetError('II_ERR_CLOCK_BACKWARDS', 'time can only move forward');
    this.#offsetNs += ns;
  }

  get offsetNs(): bigint {
    return this.#offsetNs;
  }

  set offsetNs(value: bigint) {
    this.#offsetNs = value > this.#offsetNs ? value : this.#offsetNs;
  }
}
