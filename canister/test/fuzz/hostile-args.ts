/**
 * Seeded generators of argument bytes for every method of the canister: well-typed values
 * (ordinary and extreme) and hostile encodings (random bytes, truncated or mutated messages,
 * another method's arguments, oversized blobs, vec and opt bombs, deep nesting, invalid UTF-8).
 * Each input says whether a correct canister must refuse it whoever calls (`mustFail`).
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import * as C from '../../src/candid.js';

export type MethodName = keyof typeof C.serviceMethods;
export const METHODS = Object.keys(C.serviceMethods) as MethodName[];
/**
 * The Candid signatures inputs are encoded with: this build's (src/candid.ts), or an older
 * interface (the previous release's, as its own clients encode).
 */
export type Service = Readonly<Record<string, IDL.FuncClass>>;

export const CATEGORIES = [
  'valid',
  'extreme',
  'random-bytes',
  'truncated',
  'mutated',
  'wrong-type',
  'oversized',
  'bomb',
  'deep-nesting',
  'invalid-utf8',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface HostileInput {
  method: MethodName;
  category: Category;
  bytes: Uint8Array;
  /** A spec-conforming canister refuses this whoever calls (malformed or over a decoding bound). */
  mustFail: boolean;
  /** The anchor the arguments name, when they are well-formed enough to name one. */
  anchor?: bigint;
}

/** What the generators may put in arguments: the anchors and keys that exist on the target. */
export interface FuzzTargets {
  /** Anchors the arguments may name (the caller may or may not own them). */
  anchors: bigint[];
  /** Device keys that exist on those anchors. */
  keys: Uint8Array[];
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
  text(max: number): string {
    const alphabet = ['a', 'Z', '0', ' ', 'é', '💻', '\u0000', '/', ':', '.', 'ü', '漢'];
    let s = '';
    for (let i = this.int(max + 1); i > 0; i--) s += this.pick(alphabet);
    return s;
  }
}

const NAT64_MAX = 2n ** 64n - 1n;

function metadata(rng: Rng, depth: number): C.MetadataMapT {
  const entries: C.MetadataMapT = [];
  for (let i = rng.int(3) + (depth > 1 ? 1 : 0); i > 0; i--) {
    const key = `${rng.text(4)}${i}`;
    if (depth > 1 && i === 1) entries.push([key, { map: metadata(rng, depth - 1) }]);
    else
      entries.push([
        key,
        rng.next() < 0.5 ? { string: rng.text(8) } : { bytes: rng.bytes(rng.int(8)) },
      ]);
  }
  return entries;
}

function device(rng: Rng, extreme = false): C.DeviceDataT {
  const big = (limit: number) => (extreme ? rng.pick([0, limit, limit + 1]) : rng.int(limit));
  return {
    pubkey: rng.bytes(extreme ? big(300) : 32 + rng.int(60)),
    alias: extreme ? 'a'.repeat(big(64)) : rng.text(12),
    credential_id: rng.next() < 0.7 ? [rng.bytes(big(350))] : [],
    aaguid: rng.next() < 0.3 ? [rng.bytes(extreme ? rng.pick([0, 15, 16, 17, 300]) : 16)] : [],
    purpose: rng.next() < 0.5 ? { authentication: null } : { recovery: null },
    key_type: rng.pick<C.KeyTypeT>([
      { unknown: null },
      { platform: null },
      { cross_platform: null },
      { seed_phrase: null },
      { browser_storage_key: null },
    ]),
    protection: rng.next() < 0.8 ? { unprotected: null } : { protected: null },
    origin: rng.next() < 0.5 ? [extreme ? 'o'.repeat(big(50)) : 'https://identity.ic0.app'] : [],
    metadata: rng.next() < 0.5 ? [metadata(rng, extreme ? rng.pick([8, 9]) : 1 + rng.int(3))] : [],
  };
}

function metadataV2(rng: Rng, depth: number): C.MetadataMapV2T {
  const toV2 = (map: C.MetadataMapT): C.MetadataMapV2T =>
    map.map(([k, v]): [string, C.MetadataValueV2T] => [
      k,
      'string' in v
        ? { String: v.string }
        : 'bytes' in v
          ? { Bytes: v.bytes }
          : { Map: toV2(v.map) },
    ]);
  return toV2(metadata(rng, depth));
}

/** A v2 authentication method: a device's fields as the v2 API spells them. */
function authnMethod(rng: Rng, extreme = false): C.AuthnMethodDataT {
  const d = device(rng, extreme);
  const entries: C.MetadataMapV2T = [];
  if (rng.next() < 0.9) entries.push(['alias', { String: d.alias }]);
  if (d.origin.length === 1) entries.push(['origin', { String: d.origin[0] }]);
  const kind = rng.pick(['authenticator_attachment', 'usage', 'none', 'both']);
  if (kind === 'authenticator_attachment' || kind === 'both')
    entries.push([
      'authenticator_attachment',
      { String: rng.pick(['platform', 'cross_platform', 'x']) },
    ]);
  if (kind === 'usage' || kind === 'both')
    entries.push(['usage', { String: rng.pick(['recovery_phrase', 'browser_storage_key', 'x']) }]);
  return {
    authn_method:
      d.credential_id.length === 1
        ? { WebAuthn: { pubkey: d.pubkey, credential_id: d.credential_id[0], aaguid: d.aaguid } }
        : { PubKey: { pubkey: d.pubkey } },
    security_settings: securitySettings(rng),
    metadata: [...entries, ...(d.metadata.length === 1 ? metadataV2(rng, 2) : [])],
    last_authentication: rng.next() < 0.2 ? [BigInt(rng.int(1e9))] : [],
  };
}

function securitySettings(rng: Rng): C.AuthnMethodSecuritySettingsT {
  return {
    protection: rng.next() < 0.8 ? { Unprotected: null } : { Protected: null },
    purpose: rng.next() < 0.5 ? { Authentication: null } : { Recovery: null },
  };
}

function anchorOf(rng: Rng, t: FuzzTargets, extreme = false): bigint {
  if (extreme) return rng.pick([0n, 1n, 9_999n, NAT64_MAX, ...t.anchors]);
  return rng.next() < 0.9 ? rng.pick(t.anchors) : BigInt(rng.int(1_000_000));
}

function keyOf(rng: Rng, t: FuzzTargets): Uint8Array {
  return rng.next() < 0.6 && t.keys.length > 0 ? rng.pick(t.keys) : rng.bytes(rng.int(100));
}

function hostname(rng: Rng, extreme: boolean): string {
  if (extreme) return rng.pick(['', 'h'.repeat(255), 'h'.repeat(256), 'https://x.icp0.io']);
  return rng.pick(['https://dapp.example', 'https://abc.icp0.io', 'http://localhost:1']);
}

/** Well-typed arguments for `method` (ordinary or at the edges of every limit). */
export function typedArgs(
  method: MethodName,
  rng: Rng,
  t: FuzzTargets,
  extreme: boolean,
): unknown[] {
  const n = () => anchorOf(rng, t, extreme);
  const ttl = (): [] | [bigint] =>
    rng.next() < 0.5 ? [] : [extreme ? rng.pick([0n, NAT64_MAX]) : BigInt(rng.int(1e12))];
  const session = () => rng.bytes(extreme ? rng.pick([0, 44, 2000]) : 44);
  switch (method) {
    case 'init_salt':
    case 'create_challenge':
    case 'stats':
      return [];
    case 'register':
      return [
        device(rng, extreme),
        { key: rng.text(10), chars: rng.text(6) },
        rng.next() < 0.5 ? [] : [Principal.fromUint8Array(rng.bytes(rng.int(30)))],
      ];
    case 'add':
    case 'add_tentative_device':
      return [n(), device(rng, extreme)];
    case 'update':
    case 'replace':
      return [n(), keyOf(rng, t), device(rng, extreme)];
    case 'remove':
      return [n(), keyOf(rng, t)];
    case 'lookup':
    case 'get_anchor_credentials':
    case 'get_anchor_info':
    case 'enter_device_registration_mode':
    case 'exit_device_registration_mode':
      return [n()];
    case 'get_principal':
      return [n(), hostname(rng, extreme)];
    case 'verify_tentative_device':
      return [n(), extreme ? rng.pick(['', '9'.repeat(1000), '000000']) : String(rng.int(1e6))];
    case 'prepare_delegation':
      return [n(), hostname(rng, extreme), session(), ttl()];
    case 'get_delegation':
      return [n(), hostname(rng, extreme), session(), extreme ? NAT64_MAX : BigInt(rng.int(1e12))];
    case 'deploy_archive':
      // Random bytes: never the configured module (and the fuzz canister has no archive_config).
      return [rng.bytes(extreme ? rng.pick([0, 100_000]) : rng.int(200))];
    case 'fetch_entries':
      return [];
    case 'acknowledge_entries':
      return [extreme ? rng.pick([0n, NAT64_MAX]) : BigInt(rng.int(1000))];
    case 'captcha_create':
      return [];
    case 'identity_register':
      return [
        authnMethod(rng, extreme),
        { key: rng.text(10), chars: rng.text(6) },
        rng.next() < 0.5 ? [] : [Principal.fromUint8Array(rng.bytes(rng.int(30)))],
      ];
    case 'identity_authn_info':
    case 'identity_info':
    case 'authn_method_registration_mode_enter':
    case 'authn_method_registration_mode_exit':
      return [n()];
    case 'identity_metadata_replace':
      return [n(), metadataV2(rng, extreme ? rng.pick([8, 9]) : 1 + rng.int(3))];
    case 'authn_method_add':
    case 'authn_method_register':
      return [n(), authnMethod(rng, extreme)];
    case 'authn_method_replace':
      return [n(), keyOf(rng, t), authnMethod(rng, extreme)];
    case 'authn_method_metadata_replace':
      return [n(), keyOf(rng, t), metadataV2(rng, extreme ? rng.pick([8, 9]) : 1 + rng.int(3))];
    case 'authn_method_security_settings_replace':
      return [n(), keyOf(rng, t), securitySettings(rng)];
    case 'authn_method_remove':
      return [n(), keyOf(rng, t)];
    case 'authn_method_confirm':
      return [n(), extreme ? rng.pick(['', '9'.repeat(1000), '000000']) : String(rng.int(1e6))];
    case 'prepare_id_alias':
      return [
        {
          identity_number: n(),
          relying_party: hostname(rng, extreme),
          issuer: hostname(rng, extreme),
        },
      ];
    case 'get_id_alias':
      return [
        {
          identity_number: n(),
          relying_party: hostname(rng, extreme),
          issuer: hostname(rng, extreme),
          rp_id_alias_jwt: rng.text(extreme ? 2000 : 40),
          issuer_id_alias_jwt: rng.text(40),
        },
      ];
    case 'http_request':
    case 'http_request_update':
      return [
        {
          method: rng.pick(['GET', 'POST', 'HEAD', extreme ? 'X'.repeat(5000) : 'GET']),
          url: rng.pick([
            '/',
            '/metrics',
            '/index.html',
            '/../../etc',
            extreme ? `/${'a'.repeat(8000)}` : '/x',
          ]),
          headers: Array.from({ length: extreme ? 100 : rng.int(4) }, () => [
            rng.text(8),
            rng.text(8),
          ]),
          body: rng.bytes(extreme ? 50_000 : rng.int(16)),
          certificate_version: rng.pick<[] | [number]>([[], [1], [2], [65535]]),
        },
      ];
  }
}

const argTypesOf = (service: Service, method: MethodName): IDL.Type[] => {
  const func = service[method];
  if (!func) throw new Error(`the interface has no method ${method}`);
  return func.argTypes;
};

/** Where a v2 method takes metadata: in an authentication method, or as the last argument. */
const V2_METADATA_ARGUMENT: Partial<Record<MethodName, 'method' | 'map'>> = {
  identity_register: 'method',
  authn_method_add: 'method',
  authn_method_register: 'method',
  authn_method_replace: 'method',
  identity_metadata_replace: 'map',
  authn_method_metadata_replace: 'map',
};

/** Types built to hold `depth` levels of nesting in one argument. */
function deepOpt(depth: number): { type: IDL.Type; value: unknown } {
  let type: IDL.Type = IDL.Null;
  let value: unknown = null;
  for (let i = 0; i < depth; i++) {
    type = IDL.Opt(type);
    value = [value];
  }
  return { type, value };
}

/** Candid for `text` fields with invalid UTF-8: a valid message whose text bytes are then broken. */
function withInvalidUtf8(
  method: MethodName,
  rng: Rng,
  t: FuzzTargets,
  encode: (method: MethodName, args: unknown[]) => Uint8Array,
): Uint8Array | undefined {
  const args = typedArgs(method, rng, t, false);
  const marker = 'UTF8MARK';
  const json = JSON.stringify(args, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  if (!json.includes('"')) return undefined;
  const replaced = replaceFirstText(args, marker);
  if (!replaced) return undefined;
  const bytes = encode(method, args);
  const at = indexOf(bytes, new TextEncoder().encode(marker));
  if (at < 0) return undefined;
  // 0xC3 0x28: a two-byte lead followed by a non-continuation byte.
  bytes.set([0xc3, 0x28, 0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0], at);
  return bytes;
}

function replaceFirstText(value: unknown, marker: string): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] === 'string') {
        value[i] = marker;
        return true;
      }
      if (replaceFirstText(value[i], marker)) return true;
    }
    return false;
  }
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      if (typeof record[k] === 'string') {
        record[k] = marker;
        return true;
      }
      if (replaceFirstText(record[k], marker)) return true;
    }
  }
  return false;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** One hostile (or well-typed) input for `method` in `category`. */
export function generate(
  method: MethodName,
  category: Category,
  rng: Rng,
  t: FuzzTargets,
  service: Service = C.serviceMethods,
): HostileInput {
  const encode = (m: MethodName, args: unknown[]) =>
    new Uint8Array(IDL.encode(argTypesOf(service, m), args));
  // The anchor an argument list names: first argument, or a request record's identity_number.
  const named = (args: unknown[]) => {
    const first = args[0] as { identity_number?: unknown } | undefined;
    if (typeof first === 'bigint') return { anchor: first };
    if (first && typeof first === 'object' && typeof first.identity_number === 'bigint')
      return { anchor: first.identity_number };
    return {};
  };
  switch (category) {
    case 'valid':
    case 'extreme': {
      const args = typedArgs(method, rng, t, category === 'extreme');
      return { method, category, bytes: encode(method, args), mustFail: false, ...named(args) };
    }
    case 'random-bytes': {
      const body = rng.bytes(rng.int(300));
      const bytes = rng.next() < 0.5 ? body : new Uint8Array([0x44, 0x49, 0x44, 0x4c, ...body]);
      return { method, category, bytes, mustFail: false };
    }
    case 'truncated': {
      const args = typedArgs(method, rng, t, false);
      const full = encode(method, args);
      // Any strict prefix of a message is malformed: its values end before their bytes do.
      const cut = 1 + rng.int(Math.max(1, full.length - 1));
      return {
        method,
        category,
        bytes: full.subarray(0, full.length - cut),
        mustFail: full.length > 6,
        ...named(args),
      };
    }
    case 'mutated': {
      const bytes = encode(method, typedArgs(method, rng, t, false)).slice();
      for (let i = 1 + rng.int(4); i > 0; i--) bytes[rng.int(bytes.length)] = rng.int(256);
      return { method, category, bytes, mustFail: false };
    }
    case 'wrong-type': {
      const other = rng.pick(METHODS.filter((m) => m !== method && m in service));
      return {
        method,
        category,
        bytes: encode(other, typedArgs(other, rng, t, false)),
        mustFail: false,
      };
    }
    case 'oversized': {
      // A blob close to the ingress limit where the method has one, else a long text.
      const args = typedArgs(method, rng, t, false);
      const huge = rng.bytes(1_000_000 + rng.int(500_000));
      const bytes =
        method === 'http_request' || method === 'http_request_update'
          ? encode(method, [{ ...(args[0] as C.HttpRequestT), body: huge }])
          : new Uint8Array(
              IDL.encode([...argTypesOf(service, method), IDL.Vec(IDL.Nat8)], [...args, huge]),
            );
      return { method, category, bytes, mustFail: false, ...named(args) };
    }
    case 'bomb': {
      // Declares 2^32 - 1 elements of a zero-sized type as an extra argument.
      const args = typedArgs(method, rng, t, false);
      const inner = rng.pick([IDL.Reserved, IDL.Null, IDL.Record({})]);
      const empty = new Uint8Array(
        IDL.encode([...argTypesOf(service, method), IDL.Vec(inner)], [...args, []]),
      );
      const bytes = new Uint8Array([...empty.subarray(0, -1), 0xff, 0xff, 0xff, 0xff, 0x0f]);
      return { method, category, bytes, mustFail: true, ...named(args) };
    }
    case 'deep-nesting': {
      if (
        (method === 'add' || method === 'add_tentative_device' || method === 'register') &&
        rng.next() < 0.7
      ) {
        const depth = rng.pick([9, 20, 64, 100, 120, 176, 436]);
        const args = typedArgs(method, rng, t, false);
        const d = args[method === 'register' ? 0 : 1] as C.DeviceDataT;
        let map: C.MetadataMapT = [['leaf', { string: 'x' }]];
        for (let i = 1; i < depth; i++) map = [[`l${i}`, { map }]];
        d.metadata = [map];
        return { method, category, bytes: encode(method, args), mustFail: true, ...named(args) };
      }
      const v2Metadata = V2_METADATA_ARGUMENT[method];
      if (v2Metadata && rng.next() < 0.7) {
        const depth = rng.pick([9, 20, 64, 100, 436]);
        const args = typedArgs(method, rng, t, false);
        let map: C.MetadataMapV2T = [['leaf', { String: 'x' }]];
        for (let i = 1; i < depth; i++) map = [[`l${i}`, { Map: map }]];
        if (v2Metadata === 'map') args[args.length - 1] = map;
        else {
          const at = method === 'identity_register' ? 0 : args.length - 1;
          (args[at] as C.AuthnMethodDataT).metadata = map;
        }
        return { method, category, bytes: encode(method, args), mustFail: true, ...named(args) };
      }
      const { type, value } = deepOpt(65 + rng.int(400));
      const args = typedArgs(method, rng, t, false);
      const bytes = new Uint8Array(
        IDL.encode([...argTypesOf(service, method), type], [...args, value]),
      );
      return { method, category, bytes, mustFail: true, ...named(args) };
    }
    case 'invalid-utf8': {
      const bytes = withInvalidUtf8(method, rng, t, encode);
      if (bytes) return { method, category, bytes, mustFail: true };
      // No text field: an extra text argument instead.
      const args = typedArgs(method, rng, t, false);
      const valid = new Uint8Array(
        IDL.encode([...argTypesOf(service, method), IDL.Text], [...args, 'UTF8MARK']),
      );
      valid.set([0xc3, 0x28, 0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0], valid.length - 8);
      return { method, category, bytes: valid, mustFail: true };
    }
  }
}
