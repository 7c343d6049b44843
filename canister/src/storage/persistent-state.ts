/**
 * The persistent configuration record (one per canister, e.g. in a StableCell or under a fixed
 * key), framed and versioned like anchor records: older builds skip (and keep) newer fields.
 *
 * Fields: 1 salt (0 or 32 bytes)  2 range lo  3 range hi  4 anchor count
 *   5 register rate limit {1 time per token ns, 2 max tokens, 3 tokens?, 4 token timestamp?}
 *   6 captcha config? {1 max unsolved captchas, 2 captcha enabled (0/1)}  7 max inflight captchas?
 *   8 archive config? {1 module hash, 2 entries buffer limit, 3 entries fetch limit, 4 polling interval ns}
 *   9 archive canister? (principal bytes)  10 canister creation cycles cost?  11 last upgrade timestamp?
 *   12 fetch root key?  13 anchors registered through the v2 API? (since the v2 release)
 *   14 the archive's next sequence number? (since the archive release)
 */
import { type AnchorRange, DEFAULT_ANCHOR_RANGE } from '../anchors/anchor-numbers.js';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
  type RateLimitConfig,
  type RateLimitState,
} from '../anchors/rate-limit.js';
import { encodeFrame, openFrame } from './record-frame.js';
import {
  catchDecodeFailure,
  DecodeFailure,
  type DecodeResult,
  FieldSet,
  WIRE_BYTES,
  WIRE_VARINT,
  type WireReader,
  type WireWriter,
} from './wire.js';

export const PERSISTENT_STATE_VERSION = 1;
const MIN_READER_VERSION = 1;
export const SALT_LENGTH = 32;

export interface CaptchaSettings {
  readonly maxUnsolvedCaptchas: bigint;
  readonly captchaEnabled: boolean;
}

export interface ArchiveSettings {
  readonly moduleHash: Uint8Array;
  readonly entriesBufferLimit: bigint;
  readonly entriesFetchLimit: number;
  readonly pollingIntervalNs: bigint;
}

export interface PersistentState {
  /** Empty until `init_salt` (or the first update call) stores the 32 bytes from raw_rand. */
  readonly salt: Uint8Array;
  readonly anchorRange: AnchorRange;
  readonly anchorCount: bigint;
  readonly registerRateLimit: RateLimitConfig;
  readonly registerRateLimitState?: RateLimitState;
  readonly captchaConfig?: CaptchaSettings;
  readonly maxInflightCaptchas?: bigint;
  readonly archiveConfig?: ArchiveSettings;
  readonly archiveCanister?: Uint8Array;
  /** Anchors registered with `identity_register`; the others came through `register`. */
  readonly v2Registrations?: bigint;
  /** The sequence number the next archive entry gets (entries are numbered from 0). */
  readonly archiveSequenceNumber?: bigint;
  readonly canisterCreationCyclesCost?: bigint;
  readonly lastUpgradeTimestamp?: bigint;
  /** The page fetches the root key (development deployments); mainnet never sets it. */
  readonly fetchRootKey?: boolean;
  /** Fields written by a newer build, kept verbatim (see anchors/types.ts). */
  readonly unknownFields?: readonly Uint8Array[];
}

export function defaultPersistentState(): PersistentState {
  return {
    salt: new Uint8Array(),
    anchorRange: DEFAULT_ANCHOR_RANGE,
    anchorCount: 0n,
    registerRateLimit: DEFAULT_RATE_LIMIT_CONFIG,
  };
}

const F_SALT = 1;
const F_LO = 2;
const F_HI = 3;
const F_COUNT = 4;
const F_RATE_LIMIT = 5;
const F_CAPTCHA = 6;
const F_MAX_INFLIGHT = 7;
const F_ARCHIVE_CONFIG = 8;
const F_ARCHIVE_CANISTER = 9;
const F_CYCLES_COST = 10;
const F_LAST_UPGRADE = 11;
const F_FETCH_ROOT_KEY = 12;
const F_V2_REGISTRATIONS = 13;
const F_ARCHIVE_SEQUENCE_NUMBER = 14;
const KNOWN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

export function encodePersistentState(s: PersistentState): Uint8Array {
  if (s.salt.length !== 0 && s.salt.length !== SALT_LENGTH) {
    throw new RangeError(`salt must be empty or ${SALT_LENGTH} bytes, got ${s.salt.length}`);
  }
  return encodeFrame(PERSISTENT_STATE_VERSION, MIN_READER_VERSION, (w: WireWriter) => {
    w.fieldBytes(F_SALT, s.salt);
    w.fieldBigint(F_LO, s.anchorRange.lo);
    w.fieldBigint(F_HI, s.anchorRange.hi);
    w.fieldBigint(F_COUNT, s.anchorCount);
    w.fieldMessage(F_RATE_LIMIT, (r) => {
      r.fieldBigint(1, s.registerRateLimit.timePerTokenNs);
      r.fieldBigint(2, s.registerRateLimit.maxTokens);
      if (s.registerRateLimitState) {
        r.fieldBigint(3, s.registerRateLimitState.tokens);
        r.fieldBigint(4, s.registerRateLimitState.tokenTimestamp);
      }
    });
    if (s.captchaConfig) {
      const c = s.captchaConfig;
      w.fieldMessage(F_CAPTCHA, (r) => {
        r.fieldBigint(1, c.maxUnsolvedCaptchas);
        r.fieldVarint(2, c.captchaEnabled ? 1 : 0);
      });
    }
    if (s.maxInflightCaptchas !== undefined) w.fieldBigint(F_MAX_INFLIGHT, s.maxInflightCaptchas);
    if (s.archiveConfig) {
      const a = s.archiveConfig;
      w.fieldMessage(F_ARCHIVE_CONFIG, (r) => {
        r.fieldBytes(1, a.moduleHash);
        r.fieldBigint(2, a.entriesBufferLimit);
        r.fieldVarint(3, a.entriesFetchLimit);
        r.fieldBigint(4, a.pollingIntervalNs);
      });
    }
    if (s.archiveCanister) w.fieldBytes(F_ARCHIVE_CANISTER, s.archiveCanister);
    if (s.canisterCreationCyclesCost !== undefined)
      w.fieldBigint(F_CYCLES_COST, s.canisterCreationCyclesCost);
    if (s.lastUpgradeTimestamp !== undefined) w.fieldBigint(F_LAST_UPGRADE, s.lastUpgradeTimestamp);
    if (s.fetchRootKey !== undefined) w.fieldBigint(F_FETCH_ROOT_KEY, s.fetchRootKey ? 1n : 0n);
    if (s.v2Registrations !== undefined) w.fieldBigint(F_V2_REGISTRATIONS, s.v2Registrations);
    if (s.archiveSequenceNumber !== undefined)
      w.fieldBigint(F_ARCHIVE_SEQUENCE_NUMBER, s.archiveSequenceNumber);
    for (const raw of s.unknownFields ?? []) w.raw(raw);
  });
}

/** Reads a nested message of nat64 fields (all optional here; callers require what they need). */
function readNat64s(r: WireReader, what: string): Map<number, bigint> {
  const fields = new FieldSet(what);
  const out = new Map<number, bigint>();
  while (!r.done()) {
    const key = r.next();
    if (key.wireType !== WIRE_VARINT) {
      r.skip(key.wireType); // a newer build's extra sub-field
      continue;
    }
    fields.expect(key, WIRE_VARINT);
    out.set(key.field, r.varBigint());
  }
  return out;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new DecodeFailure('MissingField', `persistent state: ${what} is missing`);
  return value;
}

export function decodePersistentState(bytes: Uint8Array): DecodeResult<PersistentState> {
  return catchDecodeFailure(() => {
    const { fields: r } = openFrame(bytes, PERSISTENT_STATE_VERSION, 'persistent state');
    const fields = new FieldSet('persistent state');
    const s: { -readonly [K in keyof PersistentState]?: PersistentState[K] } = {};
    let lo: bigint | undefined;
    let hi: bigint | undefined;
    const unknown: Uint8Array[] = [];
    while (!r.done()) {
      const key = r.next();
      if (!KNOWN.includes(key.field)) {
        r.skip(key.wireType);
        unknown.push(r.rawSince(key.start));
        continue;
      }
      const bytesField = [
        F_SALT,
        F_RATE_LIMIT,
        F_CAPTCHA,
        F_ARCHIVE_CONFIG,
        F_ARCHIVE_CANISTER,
      ].includes(key.field);
      fields.expect(key, bytesField ? WIRE_BYTES : WIRE_VARINT);
      switch (key.field) {
        case F_SALT:
          s.salt = r.bytesValue();
          if (s.salt.length !== 0 && s.salt.length !== SALT_LENGTH) {
            throw new DecodeFailure(
              'InvalidValue',
              `persistent state: salt has ${s.salt.length} bytes`,
            );
          }
          break;
        case F_LO:
          lo = r.varBigint();
          break;
        case F_HI:
          hi = r.varBigint();
          break;
        case F_COUNT:
          s.anchorCount = r.varBigint();
          break;
        case F_RATE_LIMIT: {
          const m = readNat64s(r.message(), 'rate limit');
          s.registerRateLimit = {
            timePerTokenNs: required(m.get(1), 'rate limit time per token'),
            maxTokens: required(m.get(2), 'rate limit max tokens'),
          };
          const tokens = m.get(3);
          const tokenTimestamp = m.get(4);
          if (tokens !== undefined && tokenTimestamp !== undefined)
            s.registerRateLimitState = { tokens, tokenTimestamp };
          break;
        }
        case F_CAPTCHA: {
          const m = readNat64s(r.message(), 'captcha config');
          s.captchaConfig = {
            maxUnsolvedCaptchas: required(m.get(1), 'max unsolved captchas'),
            captchaEnabled: required(m.get(2), 'captcha enabled') !== 0n,
          };
          break;
        }
        case F_MAX_INFLIGHT:
          s.maxInflightCaptchas = r.varBigint();
          break;
        case F_ARCHIVE_CONFIG:
          s.archiveConfig = readArchiveConfig(r.message());
          break;
        case F_ARCHIVE_CANISTER:
          s.archiveCanister = r.bytesValue();
          break;
        case F_CYCLES_COST:
          s.canisterCreationCyclesCost = r.varBigint();
          break;
        case F_LAST_UPGRADE:
          s.lastUpgradeTimestamp = r.varBigint();
          break;
        case F_FETCH_ROOT_KEY:
          s.fetchRootKey = r.varBigint() !== 0n;
          break;
        case F_V2_REGISTRATIONS:
          s.v2Registrations = r.varBigint();
          break;
        case F_ARCHIVE_SEQUENCE_NUMBER:
          s.archiveSequenceNumber = r.varBigint();
          break;
      }
    }
    s.anchorRange = { lo: required(lo, 'anchor range lo'), hi: required(hi, 'anchor range hi') };
    required(s.salt, 'salt');
    required(s.anchorCount, 'anchor count');
    required(s.registerRateLimit, 'register rate limit');
    if (unknown.length > 0) s.unknownFields = unknown;
    return s as PersistentState;
  });
}

function readArchiveConfig(r: WireReader): ArchiveSettings {
  const fields = new FieldSet('archive config');
  let moduleHash: Uint8Array | undefined;
  const nums = new Map<number, bigint>();
  while (!r.done()) {
    const key = r.next();
    if (key.field === 1) {
      fields.expect(key, WIRE_BYTES);
      moduleHash = r.bytesValue();
    } else if (key.field >= 2 && key.field <= 4) {
      fields.expect(key, WIRE_VARINT);
      nums.set(key.field, r.varBigint());
    } else r.skip(key.wireType);
  }
  const fetchLimit = required(nums.get(3), 'archive entries fetch limit');
  if (fetchLimit > 0xffffn)
    throw new DecodeFailure('InvalidValue', 'archive entries fetch limit exceeds nat16');
  return {
    moduleHash: required(moduleHash, 'archive module hash'),
    entriesBufferLimit: required(nums.get(2), 'archive entries buffer limit'),
    entriesFetchLimit: Number(fetchLimit),
    pollingIntervalNs: required(nums.get(4), 'archive polling interval'),
  };
}
