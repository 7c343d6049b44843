/**
 * The Internet Identity service: every v1 method of the spec, over the plain domain modules.
 * The Azle entry (src/main.ts) maps each Candid method to one call here; errors are thrown as
 * ServiceError, which the entry turns into a trap so that the call changes nothing.
 */
import {
  type Anchor,
  type Device,
  RegisterRateLimit,
  RegistrationModes,
  addDevice,
  allocateAnchorNumber,
  authenticate,
  deviceFromCandid,
  deviceToCandid,
  deviceToCandidWithUsage,
  isAllocated,
  isCallerDevice,
  recordDeviceUsage,
  registerAnchor,
  removeDevice,
  replaceDevice,
  updateDevice,
  validateDevice,
  validateRecordSize,
  verificationCodeFromRandomness,
} from '../anchors/index.js';
import type {
  AddTentativeDeviceResponseT,
  AnchorCredentialsT,
  ChallengeResultT,
  ChallengeT,
  DeviceDataT,
  GetDelegationResponseT,
  HttpRequestT,
  HttpResponseT,
  IdentityAnchorInfoT,
  InternetIdentityInitT,
  InternetIdentityStatsT,
  RegisterResponseT,
  VerifyTentativeDeviceResponseT,
} from '../candid.js';
import { CaptchaStore, createChallenge } from '../captcha/index.js';
import { assetWitnessTree, certifiedDataRoot } from '../certification/index.js';
import {
  SignatureMap,
  getDelegation,
  getPrincipal,
  prepareDelegation,
} from '../delegation/index.js';
import type { AssetTables } from '../http/asset-tables.js';
import { handleHttpRequest } from '../http/router.js';
import type { MetricsInput } from '../http/metrics.js';
import {
  type PersistentState,
  decodeAnchor,
  decodePersistentState,
  defaultPersistentState,
  encodeAnchor,
  encodePersistentState,
} from '../storage/index.js';
import type { RecordVersion } from '../storage/record-version.js';
import { applyInitArg } from './config.js';
import { type Environment, ServiceError, type Storage } from './ports.js';

export interface ServiceOptions {
  env: Environment;
  storage: Storage;
  /**
   * Builds the certified assets once the configuration is known (the page config carries the
   * canister id and whether to fetch the root key; see http/asset-tables.ts).
   */
  assets: (config: { fetchRootKey: boolean }) => AssetTables;
  /** Which anchor-record format this build writes. */
  recordVersion: RecordVersion;
  gitCommit: string;
}

const SALT_BYTES = 32;

export class InternetIdentity {
  readonly #env: Environment;
  readonly #storage: Storage;
  readonly #assets: AssetTables;
  readonly #recordVersion: RecordVersion;
  readonly #gitCommit: string;
  #state: PersistentState;
  #rateLimit: RegisterRateLimit;
  readonly #captchas: CaptchaStore;
  readonly #registrations = new RegistrationModes();
  // Heap only: prepared signatures are dropped on upgrade, as the spec says.
  readonly #signatures = new SignatureMap();
  #delegationCounter = 0n;
  #anchorOperationsCounter = 0n;

  private constructor(options: ServiceOptions, state: PersistentState) {
    this.#env = options.env;
    this.#storage = options.storage;
    this.#assets = options.assets({ fetchRootKey: state.fetchRootKey ?? false });
    this.#recordVersion = options.recordVersion;
    this.#gitCommit = options.gitCommit;
    this.#state = state;
    const limiter = RegisterRateLimit.create(state.registerRateLimit, state.registerRateLimitState);
    if (!limiter.ok) throw new ServiceError(limiter.error.code, limiter.error.message);
    this.#rateLimit = limiter.limiter;
    this.#captchas = new CaptchaStore(
      Number(state.captchaConfig?.maxUnsolvedCaptchas ?? state.maxInflightCaptchas ?? 500n),
    );
  }

  /**
   * Install (no stored state) and upgrade (stored state, possibly a new init argument) both end
   * here: the argument's non-null fields replace the stored ones, then certified data is set.
   */
  static start(options: ServiceOptions, arg: InternetIdentityInitT | undefined): InternetIdentity {
    const stored = options.storage.readPersistentState();
    let state = defaultPersistentState();
    if (stored !== undefined) {
      const decoded = decodePersistentState(stored);
      if (!decoded.ok)
        throw new ServiceError(`PersistentState${decoded.error.code}`, decoded.error.message);
      state = decoded.value;
    }
    state = applyInitArg(state, arg, options.env.now());
    options.storage.writePersistentState(encodePersistentState(state));
    const service = new InternetIdentity(options, state);
    service.#updateCertifiedData();
    return service;
  }

  /** Called before an upgrade: the rate limiter's tokens are persisted so they survive it. */
  beforeUpgrade(): void {
    this.#saveState({ ...this.#state, registerRateLimitState: this.#rateLimit.snapshot() });
  }

  // ------------------------------------------------------------------ salt

  /** init_salt: only the first writer of the salt wins; everybody else traps. */
  async initSalt(): Promise<void> {
    if (this.#state.salt.length === SALT_BYTES)
      throw new ServiceError('SaltAlreadySet', 'the salt is already set');
    const random = await this.#env.rawRand();
    if (this.#state.salt.length === SALT_BYTES)
      throw new ServiceError('SaltAlreadySet', 'the salt was set concurrently');
    if (random.length !== SALT_BYTES)
      throw new ServiceError('BadRandomness', `raw_rand returned ${random.length} bytes`);
    this.#saveState({ ...this.#state, salt: random });
  }

  /** Every update method starts with this (spec "Salt"). */
  async #ensureSalt(): Promise<void> {
    if (this.#state.salt.length === SALT_BYTES) return;
    try {
      await this.initSalt();
    } catch {
      // Ignored on purpose: a concurrent init_salt may have won; checked below.
    }
    if (this.#state.salt.length !== SALT_BYTES)
      throw new ServiceError('SaltNotSet', 'the salt could not be initialised');
  }

  // ------------------------------------------------------------------ registration

  createChallenge(): ChallengeT {
    const now = this.#env.now();
    const challenge = createChallenge(this.#env.randomBytes(32), now);
    try {
      this.#captchas.add(challenge.key, challenge.chars, now);
    } catch (error) {
      throw new ServiceError('TooManyInflightCaptchas', (error as Error).message);
    }
    return { png_base64: challenge.pngBase64, challenge_key: challenge.key };
  }

  async register(deviceData: DeviceDataT, challenge: ChallengeResultT): Promise<RegisterResponseT> {
    await this.#ensureSalt();
    const device = this.#device(deviceData);
    if (!isCallerDevice({ toUint8Array: () => this.#env.caller() }, device.pubkey)) {
      throw new ServiceError(
        'Unauthorized',
        'the caller must be the self-authenticating principal of the device key',
      );
    }
    const now = this.#env.now();
    if (this.#captchaEnabled()) {
      if (this.#captchas.check(challenge.key, challenge.chars, now) !== 'ok')
        return { bad_challenge: null };
    }
    if (!this.#rateLimit.tryTake(now))
      throw new ServiceError('RateLimitExceeded', 'rate limit reached, try again later');
    const allocation = allocateAnchorNumber({
      range: this.#state.anchorRange,
      count: this.#state.anchorCount,
    });
    if (allocation.kind === 'canister_full') return { canister_full: null };
    this.#apply(registerAnchor(allocation.number, device));
    this.#saveState({ ...this.#state, anchorCount: allocation.allocation.count });
    return { registered: { user_number: allocation.number } };
  }

  // ------------------------------------------------------------------ devices

  async add(anchorNumber: bigint, deviceData: DeviceDataT): Promise<void> {
    await this.#ensureSalt();
    const { anchor } = this.#authenticated(anchorNumber);
    this.#apply(addDevice(anchor, this.#device(deviceData)));
  }

  async update(anchorNumber: bigint, key: Uint8Array, deviceData: DeviceDataT): Promise<void> {
    await this.#ensureSalt();
    const { anchor, actor } = this.#authenticated(anchorNumber);
    this.#apply(updateDevice(anchor, key, this.#device(deviceData), actor));
  }

  async replace(anchorNumber: bigint, key: Uint8Array, deviceData: DeviceDataT): Promise<void> {
    await this.#ensureSalt();
    const { anchor, actor } = this.#authenticated(anchorNumber);
    this.#apply(replaceDevice(anchor, key, this.#device(deviceData), actor));
  }

  async remove(anchorNumber: bigint, key: Uint8Array): Promise<void> {
    await this.#ensureSalt();
    const { anchor, actor } = this.#authenticated(anchorNumber);
    // Never refused for size: removing a device must stay possible for an anchor over a limit.
    this.#apply(removeDevice(anchor, key, actor), { sizeLimit: false });
  }

  /** Anyone may look up an anchor's devices; aliases are blanked (privacy, as II does). */
  lookup(anchorNumber: bigint): DeviceDataT[] {
    const anchor = this.#readAnchor(anchorNumber);
    return (anchor?.devices ?? []).map((d) => ({ ...deviceToCandid(d), alias: '' }));
  }

  getAnchorCredentials(anchorNumber: bigint): AnchorCredentialsT {
    const credentials: AnchorCredentialsT = {
      credentials: [],
      recovery_credentials: [],
      recovery_phrases: [],
    };
    for (const d of this.#readAnchor(anchorNumber)?.devices ?? []) {
      if (d.keyType === 'seed_phrase') credentials.recovery_phrases.push(d.pubkey);
      else if (d.credentialId) {
        const entry = { credential_id: d.credentialId, pubkey: d.pubkey };
        (d.purpose === 'recovery'
          ? credentials.recovery_credentials
          : credentials.credentials
        ).push(entry);
      }
    }
    return credentials;
  }

  async getAnchorInfo(anchorNumber: bigint): Promise<IdentityAnchorInfoT> {
    await this.#ensureSalt();
    const { anchor } = this.#authenticated(anchorNumber);
    const registration = this.#registrations.info(anchorNumber, this.#env.now());
    return {
      devices: anchor.devices.map(deviceToCandidWithUsage),
      device_registration: registration
        ? [
            {
              expiration: registration.expiration,
              tentative_device: registration.tentativeDevice
                ? [deviceToCandid(registration.tentativeDevice)]
                : [],
            },
          ]
        : [],
    };
  }

  // ------------------------------------------------------------------ device registration mode

  async enterDeviceRegistrationMode(anchorNumber: bigint): Promise<bigint> {
    await this.#ensureSalt();
    this.#authenticated(anchorNumber);
    return this.#registrations.enter(anchorNumber, this.#env.now());
  }

  async exitDeviceRegistrationMode(anchorNumber: bigint): Promise<void> {
    await this.#ensureSalt();
    this.#authenticated(anchorNumber);
    this.#registrations.exit(anchorNumber);
  }

  /** Anyone may add a tentative device; it cannot be used until verified by the anchor's owner. */
  async addTentativeDevice(
    anchorNumber: bigint,
    deviceData: DeviceDataT,
  ): Promise<AddTentativeDeviceResponseT> {
    await this.#ensureSalt();
    const device = this.#device(deviceData);
    if (!this.#readAnchor(anchorNumber))
      throw new ServiceError('AnchorNotFound', `anchor ${anchorNumber} does not exist`);
    // Check the mode before paying for a raw_rand call.
    if (!this.#registrations.info(anchorNumber, this.#env.now()))
      return { device_registration_mode_off: null };
    const code = verificationCodeFromRandomness(await this.#env.rawRand());
    const result = this.#registrations.addTentative(anchorNumber, device, this.#env.now(), code);
    switch (result.kind) {
      case 'added_tentatively':
        return {
          added_tentatively: {
            verification_code: result.verificationCode,
            device_registration_timeout: result.deviceRegistrationTimeout,
          },
        };
      case 'device_registration_mode_off':
        return { device_registration_mode_off: null };
      case 'another_device_tentatively_added':
        return { another_device_tentatively_added: null };
    }
  }

  async verifyTentativeDevice(
    anchorNumber: bigint,
    code: string,
  ): Promise<VerifyTentativeDeviceResponseT> {
    await this.#ensureSalt();
    const { anchor } = this.#authenticated(anchorNumber);
    const result = this.#registrations.verify(anchorNumber, code, this.#env.now());
    switch (result.kind) {
      case 'verified':
        // A failure here traps, which also undoes the verification above.
        this.#apply(addDevice(anchor, result.device));
        return { verified: null };
      case 'wrong_code':
        return { wrong_code: { retries_left: result.retriesLeft } };
      case 'device_registration_mode_off':
        return { device_registration_mode_off: null };
      case 'no_device_to_verify':
        return { no_device_to_verify: null };
    }
  }

  // ------------------------------------------------------------------ delegations

  async prepareDelegation(
    anchorNumber: bigint,
    frontend: string,
    sessionKey: Uint8Array,
    maxTimeToLive: bigint | undefined,
  ): Promise<[Uint8Array, bigint]> {
    await this.#ensureSalt();
    this.#authenticated(anchorNumber, true);
    const result = prepareDelegation(this.#delegationContext(), {
      anchorNumber,
      frontendHostname: frontend,
      sessionKey,
      maxTimeToLive,
      now: this.#env.now(),
    });
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    this.#env.setCertifiedData(result.value.certifiedData);
    this.#delegationCounter++;
    return [result.value.userKey, result.value.expiration];
  }

  getDelegation(
    anchorNumber: bigint,
    frontend: string,
    sessionKey: Uint8Array,
    expiration: bigint,
  ): GetDelegationResponseT {
    this.#authenticated(anchorNumber);
    const result = getDelegation(this.#delegationContext(), {
      anchorNumber,
      frontendHostname: frontend,
      sessionKey,
      expiration,
      certificate: this.#env.dataCertificate(),
    });
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    return result.value;
  }

  getPrincipal(anchorNumber: bigint, frontend: string): Uint8Array {
    this.#authenticated(anchorNumber);
    const result = getPrincipal(this.#delegationContext(), anchorNumber, frontend);
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    return result.value;
  }

  // ------------------------------------------------------------------ stats, http

  stats(): InternetIdentityStatsT {
    const s = this.#state;
    return {
      users_registered: s.anchorCount,
      storage_layout_version: this.#recordVersion,
      assigned_user_number_range: [s.anchorRange.lo, s.anchorRange.hi],
      archive_info: { archive_canister: [], archive_config: [] },
      canister_creation_cycles_cost: s.canisterCreationCyclesCost ?? 0n,
      event_aggregations: [],
    };
  }

  httpRequest(request: HttpRequestT): HttpResponseT {
    const sigTreeHash = this.#signatures.rootHash();
    return handleHttpRequest(request, {
      assets: this.#assets,
      certificate: this.#env.dataCertificate(),
      withSigSide: (witness) => assetWitnessTree(witness, sigTreeHash),
      metrics: () => this.metrics(),
    });
  }

  metrics(): MetricsInput {
    const now = this.#env.now();
    const s = this.#state;
    const limit = this.#rateLimit.config;
    return {
      userCount: s.anchorCount,
      minUserNumber: s.anchorRange.lo,
      maxUserNumber: s.anchorRange.hi - 1n,
      signatureCount: this.#signatures.count(),
      stableMemoryPages: this.#storage.stableMemoryPages(),
      lastUpgradeTimestampNs: s.lastUpgradeTimestamp ?? 0n,
      inflightChallenges: this.#captchas.inflight(now),
      usersInRegistrationMode: this.#registrations.usersInRegistrationMode(now),
      delegationCounter: this.#delegationCounter,
      anchorOperationsCounter: this.#anchorOperationsCounter,
      registerRateLimit: {
        maxTokens: limit.maxTokens,
        timePerTokenSeconds: limit.timePerTokenNs / 1_000_000_000n,
        currentTokens: this.#rateLimit.currentTokens(now),
      },
      gitCommit: this.#gitCommit,
      timestampMs: now / 1_000_000n,
    };
  }

  // ------------------------------------------------------------------ helpers

  #captchaEnabled(): boolean {
    return this.#state.captchaConfig?.captchaEnabled ?? true;
  }

  #delegationContext() {
    return {
      salt: this.#state.salt,
      canisterId: this.#env.canisterId(),
      sigMap: this.#signatures,
      assetsRootHash: this.#assets.assetsRootHash,
    };
  }

  #updateCertifiedData(): void {
    this.#env.setCertifiedData(
      certifiedDataRoot(this.#assets.assetsRootHash, this.#signatures.rootHash()),
    );
  }

  /** Converts and checks a device from the wire; a bad device rejects the call. */
  #device(data: DeviceDataT): Device {
    let device: Device;
    try {
      device = deviceFromCandid(data);
    } catch (error) {
      throw new ServiceError('InvalidDevice', (error as Error).message);
    }
    const error = validateDevice(device);
    if (error) throw new ServiceError(error.code, error.message);
    return device;
  }

  #readAnchor(anchorNumber: bigint): Anchor | undefined {
    if (
      !isAllocated({ range: this.#state.anchorRange, count: this.#state.anchorCount }, anchorNumber)
    )
      return undefined;
    const record = this.#storage.readAnchor(anchorNumber);
    if (record === undefined) return undefined;
    const decoded = decodeAnchor(record, this.#recordVersion);
    if (!decoded.ok)
      throw new ServiceError(`AnchorRecord${decoded.error.code}`, decoded.error.message);
    return { ...decoded.value, number: anchorNumber };
  }

  /**
   * The anchor and the caller's device, or a rejection: the caller must be the self-authenticating
   * principal of one of the anchor's devices (tentative devices do not count). With `recordUsage`
   * (updates), the device's last-usage timestamp is stored.
   */
  #authenticated(anchorNumber: bigint, recordUsage = false): { anchor: Anchor; actor: Device } {
    const anchor = this.#readAnchor(anchorNumber);
    if (!anchor) throw new ServiceError('AnchorNotFound', `anchor ${anchorNumber} does not exist`);
    const auth = authenticate(anchor, { toUint8Array: () => this.#env.caller() });
    if (!auth.ok)
      throw new ServiceError(
        'Unauthorized',
        `the caller is not authorized to use anchor ${anchorNumber}`,
      );
    if (recordUsage) {
      const used = recordDeviceUsage(anchor, auth.device.pubkey, this.#env.now());
      if (used) this.#writeAnchor(used);
    }
    return { anchor, actor: auth.device };
  }

  /** Writes the result of a device operation, after checking the size of the record it makes. */
  #apply(result: ReturnType<typeof addDevice>, { sizeLimit } = { sizeLimit: true }): void {
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    const record = encodeAnchor(result.anchor, this.#recordVersion);
    const tooLarge = sizeLimit ? validateRecordSize(record.length) : undefined;
    if (tooLarge) throw new ServiceError(tooLarge.code, tooLarge.message);
    this.#storage.writeAnchor(result.anchor.number, record);
    this.#anchorOperationsCounter++;
  }

  #writeAnchor(anchor: Anchor): void {
    this.#storage.writeAnchor(anchor.number, encodeAnchor(anchor, this.#recordVersion));
  }

  #saveState(state: PersistentState): void {
    this.#state = state;
    this.#storage.writePersistentState(encodePersistentState(state));
  }
}
