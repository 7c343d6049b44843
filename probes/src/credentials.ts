/**
 * The probe's identity: an anchor with an Ed25519 device key (the `api` flow signs with it) and one
 * passkey per hostname (WebAuthn credentials are bound to the hostname they were made on; the
 * `login` flow puts the one for its hostname into the browser's virtual authenticator), plus the
 * principal the test dapp must see for the probe's anchor. Kept in one file of mode 0600, never
 * logged and never in a metric.
 */
import {
  chmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { DER_COSE_OID, wrapDER } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Credential } from '@ii/frontend/e2e';
import { z } from 'zod';
import { ProbeError } from './errors.js';

const credentialSchema = z.object({
  credentialId: z.string(),
  isResidentCredential: z.boolean(),
  rpId: z.string(),
  privateKey: z.string(),
  userHandle: z.string().optional(),
  signCount: z.number(),
});

const fileSchema = z
  .object({
    version: z.literal(1),
    target: z.string(),
    canisterId: z.string(),
    anchor: z.string().regex(/^\d+$/),
    /** Ed25519KeyIdentity.toJSON(): [public key hex, secret key hex]. */
    deviceKey: z.tuple([z.string(), z.string()]),
    passkeys: z.array(z.object({ hostname: z.string(), credential: credentialSchema })),
    /** Dapp origin → the principal the anchor has there. */
    principals: z.record(z.string(), z.string()),
    enrolledAt: z.string(),
  })
  .strict();

export type ProbeCredentials = z.infer<typeof fileSchema>;

export function deviceIdentity(c: ProbeCredentials): Ed25519KeyIdentity {
  return Ed25519KeyIdentity.fromParsedJson(c.deviceKey);
}

export function passkeyFor(c: ProbeCredentials, hostname: string): Credential {
  const entry = c.passkeys.find((p) => p.hostname === hostname);
  if (!entry)
    throw new ProbeError(
      'II_ERR_PROBE_CREDENTIALS',
      `the credentials have no passkey for ${hostname}: enroll the probe for it`,
    );
  return entry.credential;
}

/** Reads the credentials file, refusing one that others could read. */
export function readCredentials(path: string): ProbeCredentials {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (e) {
    throw new ProbeError(
      'II_ERR_PROBE_CREDENTIALS',
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  if ((mode & 0o077) !== 0)
    throw new ProbeError(
      'II_ERR_PROBE_CREDENTIALS',
      `${path} is readable by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ProbeError(
      'II_ERR_PROBE_CREDENTIALS',
      `${path} is not a credentials file: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ProbeError('II_ERR_PROBE_CREDENTIALS', `${path} is not a credentials file`);
  return parsed.data;
}

/** Writes the file with mode 0600 (its folder 0700); refuses to replace one unless `force`. */
export function writeCredentials(path: string, c: ProbeCredentials, force = false): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, force ? 'w' : 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new ProbeError(
        'II_ERR_PROBE_CREDENTIALS',
        `${path} exists: pass --force to replace it`,
      );
    throw e;
  }
  try {
    writeSync(fd, `${JSON.stringify(c, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
  // `w` keeps the mode of an existing file.
  chmodSync(path, 0o600);
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export interface NewPasskey {
  /** What the anchor stores: the COSE key wrapped in DER (IC interface spec, "Web Authentication"). */
  pubkeyDer: Uint8Array;
  credentialId: Uint8Array;
  /** What a CDP virtual authenticator takes (with its relying party id). */
  credential: Credential & { rpId: string };
}

/** A P-256 passkey for `rpId`, made in Node (the browser later holds it in a virtual authenticator). */
export async function newPasskey(rpId: string): Promise<NewPasskey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const x = raw.subarray(1, 33);
  const y = raw.subarray(33, 65);
  // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y} in CBOR.
  const cose = new Uint8Array([
    0xa5,
    0x01,
    0x02,
    0x03,
    0x26,
    0x20,
    0x01,
    0x21,
    0x58,
    0x20,
    ...x,
    0x22,
    0x58,
    0x20,
    ...y,
  ]);
  const credentialId = crypto.getRandomValues(new Uint8Array(32));
  return {
    pubkeyDer: new Uint8Array(wrapDER(cose, DER_COSE_OID)),
    credentialId,
    credential: {
      credentialId: b64(credentialId),
      isResidentCredential: false,
      rpId,
      privateKey: b64(pkcs8),
      signCount: 0,
    },
  };
}
