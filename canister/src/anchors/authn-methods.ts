/**
 * The v2 API's view of an anchor: an "identity" whose devices are "authentication methods", and
 * the identity's own metadata. The v2 types map onto the same stored anchor and devices as the v1
 * API (as the official II maps them), so an identity made through one API is used through the
 * other:
 *
 *   AuthnMethod           WebAuthn { credential_id, pubkey, aaguid? } = a device with a credential
 *                         id; PubKey { pubkey } = a device without one
 *   security_settings     protection and purpose, the device's
 *   metadata              `alias` (String, always), `origin` (String), `authenticator_attachment`
 *                         (String "platform" | "cross_platform") or `usage` (String
 *                         "recovery_phrase" | "browser_storage_key") from the key type, then the
 *                         device's own metadata entries
 *   last_authentication   the device's last usage
 *
 * A v2 metadata map that cannot be such a device (a reserved key with another value or variant,
 * both an attachment and a usage) is refused as `InvalidMetadata`.
 */
import type {
  AuthnMethodDataT,
  AuthnMethodT,
  MetadataMapV2T,
  MetadataValueV2T,
} from '../candid.js';
import { RESERVED_METADATA_KEYS, boundedMetadata } from './limits.js';
import type { Device, KeyType, MetadataMap, MetadataValue } from './types.js';

export type ConversionResult = { ok: true; device: Device } | { ok: false; message: string };

export function metadataFromV2(map: MetadataMapV2T): MetadataMap {
  return map.map(([key, value]) => [key, metadataValueFromV2(value)] as const);
}

function metadataValueFromV2(v: MetadataValueV2T): MetadataValue {
  if ('String' in v) return { kind: 'string', value: v.String };
  if ('Bytes' in v) return { kind: 'bytes', value: v.Bytes };
  return { kind: 'map', value: metadataFromV2(v.Map) };
}

export function metadataToV2(map: MetadataMap): MetadataMapV2T {
  return map.map(([key, value]): [string, MetadataValueV2T] => [
    key,
    value.kind === 'string'
      ? { String: value.value }
      : value.kind === 'bytes'
        ? { Bytes: value.value }
        : { Map: metadataToV2(value.value) },
  ]);
}

const ATTACHMENTS: Partial<Record<KeyType, string>> = {
  platform: 'platform',
  cross_platform: 'cross_platform',
};
const USAGES: Partial<Record<KeyType, string>> = {
  seed_phrase: 'recovery_phrase',
  browser_storage_key: 'browser_storage_key',
};
/** The v2 metadata keys that stand for device fields (all String values). */
const DEVICE_FIELD_KEYS = ['alias', 'origin', 'authenticator_attachment', 'usage'];

function keyTypeOf(attachment: string | undefined, usage: string | undefined): KeyType | string {
  if (attachment !== undefined && usage !== undefined)
    return 'both authenticator_attachment and usage are set; a method has one or the other';
  if (attachment !== undefined) {
    const found = (Object.keys(ATTACHMENTS) as KeyType[]).find(
      (k) => ATTACHMENTS[k] === attachment,
    );
    return found ?? `authenticator_attachment '${attachment}' is not platform or cross_platform`;
  }
  if (usage !== undefined) {
    const found = (Object.keys(USAGES) as KeyType[]).find((k) => USAGES[k] === usage);
    return found ?? `usage '${usage}' is not recovery_phrase or browser_storage_key`;
  }
  return 'unknown';
}

const KEY_TYPES_SET = new Set<string>([
  'unknown',
  'platform',
  'cross_platform',
  'seed_phrase',
  'browser_storage_key',
]);

/**
 * The device an `AuthnMethodData` stands for. Only the mapping is checked here; the device's
 * limits are checked where every device write is (limits.ts). `last_authentication` is ignored:
 * it cannot be written.
 */
export function deviceFromAuthnMethod(data: AuthnMethodDataT): ConversionResult {
  const strings = new Map<string, string>();
  const rest: MetadataMapV2T = [];
  for (const [key, value] of data.metadata) {
    if (DEVICE_FIELD_KEYS.includes(key)) {
      if (!('String' in value))
        return { ok: false, message: `metadata key '${key}' must hold a String` };
      if (strings.has(key)) return { ok: false, message: `metadata key '${key}' appears twice` };
      strings.set(key, value.String);
    } else if (RESERVED_METADATA_KEYS.includes(key)) {
      return { ok: false, message: `metadata key '${key}' is reserved` };
    } else {
      rest.push([key, value]);
    }
  }
  const keyType = keyTypeOf(strings.get('authenticator_attachment'), strings.get('usage'));
  if (!KEY_TYPES_SET.has(keyType)) return { ok: false, message: keyType };

  const method = data.authn_method;
  const device: { -readonly [K in keyof Device]: Device[K] } = {
    pubkey: 'WebAuthn' in method ? method.WebAuthn.pubkey : method.PubKey.pubkey,
    alias: strings.get('alias') ?? '',
    purpose: 'Recovery' in data.security_settings.purpose ? 'recovery' : 'authentication',
    keyType: keyType as KeyType,
    protection: 'Protected' in data.security_settings.protection ? 'protected' : 'unprotected',
  };
  if ('WebAuthn' in method) {
    device.credentialId = method.WebAuthn.credential_id;
    if (method.WebAuthn.aaguid.length === 1) device.aaguid = method.WebAuthn.aaguid[0];
  }
  const origin = strings.get('origin');
  if (origin !== undefined) device.origin = origin;
  if (rest.length > 0) device.metadata = metadataFromV2(rest);
  return { ok: true, device };
}

/** The v2 authentication method of a device (no metadata: `identity_authn_info`). */
export function authnMethodOf(d: Device): AuthnMethodT {
  return d.credentialId === undefined
    ? { PubKey: { pubkey: d.pubkey } }
    : {
        WebAuthn: {
          credential_id: d.credentialId,
          pubkey: d.pubkey,
          aaguid: d.aaguid === undefined ? [] : [d.aaguid],
        },
      };
}

/**
 * A device as the v2 API shows it (`identity_info`, `authn_method_registration`). Metadata is cut
 * at the depth limit, as in the v1 replies, so a legacy device always encodes.
 */
export function authnMethodDataOf(d: Device): AuthnMethodDataT {
  const entries: MetadataMapV2T = [['alias', { String: d.alias }]];
  if (d.origin !== undefined) entries.push(['origin', { String: d.origin }]);
  const attachment = ATTACHMENTS[d.keyType];
  if (attachment !== undefined) entries.push(['authenticator_attachment', { String: attachment }]);
  const usage = USAGES[d.keyType];
  if (usage !== undefined) entries.push(['usage', { String: usage }]);
  return {
    authn_method: authnMethodOf(d),
    security_settings: {
      protection: d.protection === 'protected' ? { Protected: null } : { Unprotected: null },
      purpose: d.purpose === 'recovery' ? { Recovery: null } : { Authentication: null },
    },
    metadata: [...entries, ...metadataToV2(boundedMetadata(d.metadata ?? []))],
    last_authentication: d.lastUsage === undefined ? [] : [d.lastUsage],
  };
}
