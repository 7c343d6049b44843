// Pure helpers over the canister's device records: what the manage page shows and the records the
// flows add. No Solid, no I/O: unit-tested in Node.
import type { DeviceDataT, DeviceWithUsageT } from '@ii/canister/candid';
import type { DeviceView } from '../components/DeviceList.js';
import { bytesEqual, toHex } from '../lib/bytes.js';

export const isRecovery = (d: DeviceDataT): boolean => 'recovery' in d.purpose;
export const isPhrase = (d: DeviceDataT): boolean => 'seed_phrase' in d.key_type;
export const isLocked = (d: DeviceDataT): boolean => 'protected' in d.protection;

/** "3 minutes ago"-style text for a nanosecond timestamp. */
export function formatLastUsed(
  lastUsageNs: bigint | undefined,
  nowMs: number,
  never: string,
): string {
  if (lastUsageNs === undefined) return never;
  const ms = Number(lastUsageNs / 1_000_000n);
  const s = Math.max(0, Math.round((nowMs - ms) / 1000));
  if (s < 60) return 'just now';
  const units: [number, string][] = [
    [60 * 60 * 24 * 365, 'year'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${n === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

/** The words the device rows are made of (from the manage page's copy). */
export interface DeviceWords {
  never: string;
  /** "Last used" of the device this session logged in with. */
  now: string;
  /** Kind badges of recovery devices. */
  recovery: string;
  phrase: string;
  /** The "current" badge of a passkey / of a recovery phrase (not a device). */
  current: string;
  currentPhrase: string;
}

/**
 * The manage page's rows: authentication devices first, then recovery; the current one marked.
 * A kind badge is left out when the name already says it ("Recovery phrase" needs no "recovery
 * phrase" badge). The canister records use only when a dapp gets a delegation, so the device
 * this session logged in with is "used now" whatever its record says.
 */
export function toDeviceViews(
  devices: DeviceWithUsageT[],
  currentPubkey: Uint8Array | undefined,
  nowMs: number,
  words: DeviceWords,
): DeviceView[] {
  const sorted = [...devices].sort((a, b) => Number(isRecovery(a)) - Number(isRecovery(b)));
  return sorted.map((d) => {
    const current = currentPubkey !== undefined && bytesEqual(d.pubkey, currentPubkey);
    const kind = !isRecovery(d) ? undefined : isPhrase(d) ? words.phrase : words.recovery;
    const says = (text: string) => d.alias.toLowerCase().includes(text.toLowerCase());
    return {
      key: toHex(d.pubkey),
      alias: d.alias,
      recovery: isRecovery(d),
      isPhrase: isPhrase(d),
      locked: isLocked(d),
      current,
      currentLabel: current ? (isPhrase(d) ? words.currentPhrase : words.current) : undefined,
      kind: kind !== undefined && !says(kind) ? kind : undefined,
      lastUsed: current ? words.now : formatLastUsed(d.last_usage[0], nowMs, words.never),
    };
  });
}

/** The canister's limit on device names, in UTF-8 bytes (not characters). */
export const ALIAS_MAX_BYTES = 64;

export const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** The record to store for a device, given its key and what kind it is. */
export function deviceData(args: {
  alias: string;
  pubkey: Uint8Array;
  credentialId?: Uint8Array;
  purpose: 'authentication' | 'recovery';
  keyType: 'platform' | 'cross_platform' | 'seed_phrase' | 'unknown';
  locked?: boolean;
  origin?: string;
}): DeviceDataT {
  return {
    alias: args.alias,
    pubkey: args.pubkey,
    credential_id: args.credentialId ? [args.credentialId] : [],
    aaguid: [],
    purpose: args.purpose === 'recovery' ? { recovery: null } : { authentication: null },
    key_type: { [args.keyType]: null } as DeviceDataT['key_type'],
    protection: args.locked ? { protected: null } : { unprotected: null },
    origin: args.origin ? [args.origin] : [],
    metadata: [],
  };
}

/** Strips `last_usage` (update/add take DeviceData, not DeviceWithUsage). */
export function withoutUsage(d: DeviceWithUsageT): DeviceDataT {
  return {
    alias: d.alias,
    pubkey: d.pubkey,
    credential_id: d.credential_id,
    aaguid: d.aaguid,
    purpose: d.purpose,
    key_type: d.key_type,
    protection: d.protection,
    origin: d.origin,
    metadata: d.metadata,
  };
}

/** A sensible default device name from the user agent. */
export function defaultAlias(userAgent: string): string {
  const os = /iPhone/.test(userAgent)
    ? 'iPhone'
    : /iPad/.test(userAgent)
      ? 'iPad'
      : /Android/.test(userAgent)
        ? 'Android'
        : /Mac OS X/.test(userAgent)
          ? 'Mac'
          : /Windows/.test(userAgent)
            ? 'Windows'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : '';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : '';
  return [browser, os].filter(Boolean).join(' on ') || 'My device';
}

/** Parses what the user typed as an anchor: 1–20 digits that fit in a nat64. */
export function parseAnchorInput(text: string): bigint | undefined {
  const t = text.trim();
  if (!/^\d{1,20}$/.test(t)) return undefined;
  const n = BigInt(t);
  return n < 2n ** 64n ? n : undefined;
}
