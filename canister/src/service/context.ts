/**
 * What every area of the service shares: the environment and storage ports, the persistent state,
 * the heap state (rate limiter, captchas, registration modes, prepared signatures, counters), and
 * the steps most methods take (salt first, read and authenticate the anchor, check and write a
 * device change). Failures are thrown as ServiceError, which the entry turns into a trap.
 */
import {
  type Anchor,
  type Device,
  type Operation,
  type OperationResult,
  RegisterRateLimit,
  archiveEntry,
  RegistrationModes,
  authenticate,
  deviceFromCandid,
  isAllocated,
  recordDeviceUsage,
  validateDevice,
  validateRecordSize,
} from '../anchors/index.js';
import { Principal } from '@dfinity/principal';
import { ArchiveEntry, type DeviceDataT } from '../candid.js';
import { fixedTypeEncoder } from '../candid-fixed-type.js';
import { CaptchaStore } from '../captcha/index.js';
import { certifiedDataRoot } from '../certification/index.js';
import { SignatureMap } from '../delegation/index.js';
import type { AssetTables } from '../http/asset-tables.js';
import {
  type PersistentState,
  decodeAnchor,
  encodeAnchor,
  encodeArchiveEntry,
  encodePersistentState,
} from '../storage/index.js';
import type { Flavor } from '../flavor.js';
import type { RecordVersion } from '../storage/record-version.js';
import { type Environment, ServiceError, type Storage } from './ports.js';

export interface ServiceOptions {
  env: Environment;
  storage: Storage;
  /**
   * Builds the certified assets once the configuration is known (the page config carries the
   * canister id and whether to fetch the root key; see http/asset-tables.ts).
   */
  assets: (config: { fetchRootKey: boolean; captchaEnabled: boolean }) => AssetTables;
  /** Which anchor-record format this build writes. */
  recordVersion: RecordVersion;
  gitCommit: string;
  /** The build flavor (flavor.ts); absent = production. */
  flavor?: Flavor;
}

export const SALT_BYTES = 32;

/** Every archived operation encodes one entry: the type's header is built once. */
const encodeEntry = fixedTypeEncoder(ArchiveEntry);

export class ServiceContext {
  readonly env: Environment;
  readonly storage: Storage;
  readonly assets: AssetTables;
  readonly recordVersion: RecordVersion;
  readonly gitCommit: string;
  readonly flavor: Flavor;
  readonly rateLimit: RegisterRateLimit;
  readonly captchas: CaptchaStore;
  readonly registrations = new RegistrationModes();
  // Heap only: prepared signatures are dropped on upgrade, as the spec says.
  readonly signatures = new SignatureMap();
  readonly counters = { delegations: 0n, anchorOperations: 0n, idAliases: 0n };
  /** Successful calls of each v2 method since the last upgrade (for /metrics). */
  readonly v2Calls = new Map<string, bigint>();
  #state: PersistentState;

  constructor(options: ServiceOptions, state: PersistentState) {
    this.env = options.env;
    this.storage = options.storage;
    this.assets = options.assets({
      fetchRootKey: state.fetchRootKey ?? false,
      captchaEnabled: state.captchaConfig?.captchaEnabled ?? true,
    });
    this.recordVersion = options.recordVersion;
    this.gitCommit = options.gitCommit;
    this.flavor = options.flavor ?? 'production';
    this.#state = state;
    const limiter = RegisterRateLimit.create(state.registerRateLimit, state.registerRateLimitState);
    if (!limiter.ok) throw new ServiceError(limiter.error.code, limiter.error.message);
    this.rateLimit = limiter.limiter;
    this.captchas = new CaptchaStore(
      Number(state.captchaConfig?.maxUnsolvedCaptchas ?? state.maxInflightCaptchas ?? 500n),
    );
  }

  get state(): PersistentState {
    return this.#state;
  }

  saveState(state: PersistentState): void {
    this.#state = state;
    this.storage.writePersistentState(encodePersistentState(state));
  }

  /** The caller as a principal, for the `Unauthorized : principal` results of the v2 API. */
  callerPrincipal(): Principal {
    return Principal.fromUint8Array(this.env.caller());
  }

  countV2Call(method: string): void {
    this.v2Calls.set(method, (this.v2Calls.get(method) ?? 0n) + 1n);
  }

  captchaEnabled(): boolean {
    return this.#state.captchaConfig?.captchaEnabled ?? true;
  }

  /** init_salt: only the first writer of the salt wins; everybody else traps. */
  async initSalt(): Promise<void> {
    if (this.#state.salt.length === SALT_BYTES)
      throw new ServiceError('SaltAlreadySet', 'the salt is already set');
    const random = await this.env.rawRand();
    if (this.#state.salt.length === SALT_BYTES)
      throw new ServiceError('SaltAlreadySet', 'the salt was set concurrently');
    if (random.length !== SALT_BYTES)
      throw new ServiceError('BadRandomness', `raw_rand returned ${random.length} bytes`);
    this.saveState({ ...this.#state, salt: random });
  }

  /** Every update method starts with this (spec "Salt"). */
  async ensureSalt(): Promise<void> {
    if (this.#state.salt.length === SALT_BYTES) return;
    try {
      await this.initSalt();
    } catch {
      // Ignored on purpose: a concurrent init_salt may have won; checked below.
    }
    if (this.#state.salt.length !== SALT_BYTES)
      throw new ServiceError('SaltNotSet', 'the salt could not be initialised');
  }

  delegationContext() {
    return {
      salt: this.#state.salt,
      canisterId: this.env.canisterId(),
      sigMap: this.signatures,
      assetsRootHash: this.assets.assetsRootHash,
    };
  }

  updateCertifiedData(): void {
    this.env.setCertifiedData(
      certifiedDataRoot(this.assets.assetsRootHash, this.signatures.rootHash()),
    );
  }

  /** Converts and checks a device from the wire; a bad device rejects the call. */
  device(data: DeviceDataT): Device {
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

  readAnchor(anchorNumber: bigint): Anchor | undefined {
    const { anchorRange: range, anchorCount: count } = this.#state;
    if (!isAllocated({ range, count }, anchorNumber)) return undefined;
    const record = this.storage.readAnchor(anchorNumber);
    if (record === undefined) return undefined;
    const decoded = decodeAnchor(record, this.recordVersion);
    if (!decoded.ok)
      throw new ServiceError(`AnchorRecord${decoded.error.code}`, decoded.error.message);
    return { ...decoded.value, number: anchorNumber };
  }

  /**
   * The anchor and the caller's device, or a rejection: the caller must be the self-authenticating
   * principal of one of the anchor's devices (tentative devices do not count). With `recordUsage`
   * (updates), the device's last-usage timestamp is stored.
   */
  authenticated(anchorNumber: bigint, recordUsage = false): { anchor: Anchor; actor: Device } {
    const anchor = this.readAnchor(anchorNumber);
    if (!anchor) throw new ServiceError('AnchorNotFound', `anchor ${anchorNumber} does not exist`);
    const auth = authenticate(anchor, { toUint8Array: () => this.env.caller() });
    if (!auth.ok)
      throw new ServiceError(
        'Unauthorized',
        `the caller is not authorized to use anchor ${anchorNumber}`,
      );
    if (recordUsage) {
      const used = recordDeviceUsage(anchor, auth.device.pubkey, this.env.now());
      if (used) this.storage.writeAnchor(used.number, encodeAnchor(used, this.recordVersion));
    }
    return { anchor, actor: auth.device };
  }

  /**
   * Whether anchor operations are archived: once deploy_archive has created the archive canister
   * (before that there is nobody to pull the entries, as in the official II).
   */
  archiving(): boolean {
    return this.#state.archiveCanister !== undefined && this.#state.archiveConfig !== undefined;
  }

  /**
   * Writes the result of an anchor operation, after checking the size of the record it makes, and
   * buffers its archive entry. While the buffer holds `entries_buffer_limit` entries, operations
   * are refused (spec, ArchiveConfig) until the archive has fetched and acknowledged them.
   */
  apply(result: OperationResult, { sizeLimit } = { sizeLimit: true }): void {
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    const record = encodeAnchor(result.anchor, this.recordVersion);
    const tooLarge = sizeLimit ? validateRecordSize(record.length) : undefined;
    if (tooLarge) throw new ServiceError(tooLarge.code, tooLarge.message);
    const archiving = this.archiving();
    if (archiving) {
      const buffered = this.storage.archiveBufferLength();
      if (buffered >= this.#state.archiveConfig!.entriesBufferLimit) {
        throw new ServiceError(
          'ArchiveBufferFull',
          `${buffered} archive entries wait for the archive (entries_buffer_limit); anchor operations resume once it has fetched them`,
        );
      }
    }
    this.storage.writeAnchor(result.anchor.number, record);
    this.counters.anchorOperations++;
    if (archiving) this.#archive(result.anchor.number, result.operation);
  }

  #archive(anchorNumber: bigint, operation: Operation): void {
    const sequenceNumber = this.#state.archiveSequenceNumber ?? 0n;
    const timestamp = this.env.now();
    const entry = archiveEntry({
      anchorNumber,
      operation,
      timestamp,
      caller: this.callerPrincipal(),
      sequenceNumber,
    });
    this.storage.archiveBufferAppend(
      sequenceNumber,
      encodeArchiveEntry({
        sequenceNumber,
        anchorNumber,
        timestamp,
        entry: encodeEntry(entry),
      }),
    );
    this.saveState({ ...this.#state, archiveSequenceNumber: sequenceNumber + 1n });
  }
}
