/**
 * The frontend's only way to the II canister: an agent and actor for `InternetIdentityService`,
 * with one method per call the UI makes. Every method returns plain typed data or throws an
 * `FrontendError` (user-facing message, `code` to branch on); Candid variants that mean "no" become
 * errors too, so the UI has one error path.
 */
import {
  Actor,
  AnonymousIdentity,
  HttpAgent,
  type ActorSubclass,
  type Agent,
  type Identity,
} from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import {
  idlFactory,
  type AnchorCredentialsT,
  type ChallengeResultT,
  type DeviceDataT,
  type IdentityAnchorInfoT,
  type InternetIdentityService,
} from '@ii/canister/candid';
import { BoundAgent } from './bound-agent.js';
import { delegationFromCandid, type SignedDelegationMessage } from './authorize/protocol.js';
import type { PageConfig } from './config.js';
import { FrontendError, toFrontendError } from './errors.js';

export type { AnchorCredentialsT, DeviceDataT, IdentityAnchorInfoT } from '@ii/canister/candid';

export interface Captcha {
  pngBase64: string;
  challengeKey: string;
}

export interface TentativeDevice {
  verificationCode: string;
  /** When registration mode ends (ns since epoch). */
  timeout: bigint;
}

export interface PreparedDelegation {
  /** DER canister-signature key: the user's identity at that frontend. */
  userKey: Uint8Array;
  expiration: bigint;
}

export interface GetDelegationOptions {
  /** Attempts while the canister answers `no_such_delegation` (signature not certified yet). */
  attempts?: number;
  delayMs?: number;
}

export interface ConnectionOptions {
  /** Only for tests and non-browser hosts; the browser's fetch by default. */
  fetch?: typeof fetch;
  /** The agent's retries of failed HTTP requests (its default when absent). */
  retryTimes?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Connection {
  private readonly actor: ActorSubclass<InternetIdentityService>;

  private constructor(
    /** The page's agent: its root key and subnet keys serve every connection made from this one. */
    readonly shared: HttpAgent,
    readonly agent: Agent,
    readonly canisterId: Principal,
  ) {
    this.actor = Actor.createActor<InternetIdentityService>(idlFactory, { agent, canisterId });
  }

  /**
   * A connection with a new agent (the root key fetched, on development networks). Make one per
   * page and derive the others with `withIdentity`. `identity` signs the calls.
   */
  static async create(
    config: PageConfig,
    identity?: Identity,
    options: ConnectionOptions = {},
  ): Promise<Connection> {
    const host = config.apiHost ?? globalThis.location.origin;
    const canisterId = Principal.fromText(config.canisterId);
    const agent = await run(() =>
      HttpAgent.create({
        host,
        identity,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.retryTimes !== undefined ? { retryTimes: options.retryTimes } : {}),
        // Only development networks: mainnet's root key is built into the agent.
        shouldFetchRootKey: config.fetchRootKey,
      }),
    );
    return new Connection(agent, agent, canisterId);
  }

  /**
   * The same canister and agent, calls signed by `identity` (e.g. after login): no second root
   * key fetch, no second `read_state /subnet`.
   */
  withIdentity(identity: Identity = new AnonymousIdentity()): Connection {
    return new Connection(this.shared, new BoundAgent(this.shared, identity), this.canisterId);
  }

  async createChallenge(): Promise<Captcha> {
    const c = await run(() => this.actor.create_challenge());
    return { pngBase64: c.png_base64, challengeKey: c.challenge_key };
  }

  /** Registers a new anchor; the caller (the identity) must be `device`'s key. */
  async register(device: DeviceDataT, captcha: ChallengeResultT): Promise<bigint> {
    const r = await run(() => this.actor.register(device, captcha, []));
    if ('registered' in r) return r.registered.user_number;
    throw new FrontendError('bad_challenge' in r ? 'bad_captcha' : 'canister_full');
  }

  /** The anchor's devices (aliases blanked by the canister); anyone may call it. */
  lookup(anchor: bigint): Promise<DeviceDataT[]> {
    return run(() => this.actor.lookup(anchor));
  }

  /** The anchor's WebAuthn credentials and recovery phrase keys, for logging in. */
  async lookupCredentials(anchor: bigint): Promise<AnchorCredentialsT> {
    const r = await run(() => this.actor.get_anchor_credentials(anchor));
    const copy = (c: { credential_id: Uint8Array; pubkey: Uint8Array }) => ({
      credential_id: new Uint8Array(c.credential_id),
      pubkey: new Uint8Array(c.pubkey),
    });
    return {
      credentials: r.credentials.map(copy),
      recovery_credentials: r.recovery_credentials.map(copy),
      recovery_phrases: r.recovery_phrases.map((p) => new Uint8Array(p)),
    };
  }

  /** Devices with aliases and the registration-mode state (authenticated). */
  getAnchorInfo(anchor: bigint): Promise<IdentityAnchorInfoT> {
    return run(() => this.actor.get_anchor_info(anchor));
  }

  add(anchor: bigint, device: DeviceDataT): Promise<void> {
    return run(() => this.actor.add(anchor, device));
  }

  /** Replaces the data of the device with key `pubkey` (rename, protection, …); the key stays. */
  update(anchor: bigint, pubkey: Uint8Array, device: DeviceDataT): Promise<void> {
    return run(() => this.actor.update(anchor, pubkey, device));
  }

  remove(anchor: bigint, pubkey: Uint8Array): Promise<void> {
    return run(() => this.actor.remove(anchor, pubkey));
  }

  /** Returns when the mode ends (ns since epoch). */
  enterRegistrationMode(anchor: bigint): Promise<bigint> {
    return run(() => this.actor.enter_device_registration_mode(anchor));
  }

  exitRegistrationMode(anchor: bigint): Promise<void> {
    return run(() => this.actor.exit_device_registration_mode(anchor));
  }

  /** Called by the new device (any identity). */
  async addTentativeDevice(anchor: bigint, device: DeviceDataT): Promise<TentativeDevice> {
    const r = await run(() => this.actor.add_tentative_device(anchor, device));
    if ('added_tentatively' in r)
      return {
        verificationCode: r.added_tentatively.verification_code,
        timeout: r.added_tentatively.device_registration_timeout,
      };
    throw new FrontendError(
      'device_registration_mode_off' in r ? 'registration_mode_off' : 'another_device_added',
    );
  }

  /** Called by an existing device with the code shown on the new one. */
  async verifyTentativeDevice(anchor: bigint, code: string): Promise<void> {
    const r = await run(() => this.actor.verify_tentative_device(anchor, code.trim()));
    if ('verified' in r) return;
    if ('wrong_code' in r)
      throw new FrontendError('wrong_code', undefined, r.wrong_code.retries_left);
    throw new FrontendError(
      'device_registration_mode_off' in r ? 'registration_mode_off' : 'no_device_to_verify',
    );
  }

  /**
   * `hostname` is the dapp's frontend origin after derivation-origin validation and the
   * icp0.io rewrite (`resolveDerivationOrigin(...).hostname`).
   */
  async prepareDelegation(
    anchor: bigint,
    hostname: string,
    sessionKey: Uint8Array,
    maxTimeToLive?: bigint,
  ): Promise<PreparedDelegation> {
    const [userKey, expiration] = await run(() =>
      this.actor.prepare_delegation(
        anchor,
        hostname,
        sessionKey,
        maxTimeToLive === undefined ? [] : [maxTimeToLive],
      ),
    );
    return { userKey: new Uint8Array(userKey), expiration };
  }

  /**
   * Fetches the delegation `prepareDelegation` made. The signature becomes readable once the
   * prepare call's state is certified, which can lag a little: retry `no_such_delegation`.
   */
  async getDelegation(
    anchor: bigint,
    hostname: string,
    sessionKey: Uint8Array,
    expiration: bigint,
    { attempts = 5, delayMs = 1_000 }: GetDelegationOptions = {},
  ): Promise<SignedDelegationMessage> {
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await sleep(delayMs);
      const r = await run(() =>
        this.actor.get_delegation(anchor, hostname, sessionKey, expiration),
      );
      if ('signed_delegation' in r) return delegationFromCandid(r.signed_delegation);
    }
    throw new FrontendError(
      'delegation_not_ready',
      `no_such_delegation after ${attempts} attempts`,
    );
  }

  /** The user's principal at `hostname` (the same value the delegation's userKey gives). */
  getPrincipal(anchor: bigint, hostname: string): Promise<Principal> {
    return run(() => this.actor.get_principal(anchor, hostname));
  }
}

async function run<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw toFrontendError(e);
  }
}
