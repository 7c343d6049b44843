// A local CA whose leaves make browsers trust localnet on any hostname it is mapped to
// (identity.ic0.app, icp-api.io, <id>.icp0.io, localhost...). Leaves are issued on demand by SNI.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { ServerOptions } from 'node:https';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { LocalnetError, type TLS_ERRORS } from '../errors.js';
import { buildCertificate } from './x509.js';

export const CA_COMMON_NAME = 'localnet development CA';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Chromium refuses leaves valid for more than 398 days. */
export const LEAF_VALIDITY_DAYS = 396;
const CA_VALIDITY_DAYS = 3650;
/** Bounds the SNI cache: a client can ask for any name. */
const MAX_CACHED_CONTEXTS = 1000;
export const DEFAULT_HOSTNAMES = ['localhost', '127.0.0.1'];

/** The CA or a certificate it was asked for cannot be made; `code` says which. */
export class TlsError extends LocalnetError {
  declare readonly code: keyof typeof TLS_ERRORS;
  override name = 'TlsError';

  constructor(code: keyof typeof TLS_ERRORS, message: string) {
    super(code, message);
  }
}

export interface IssuedCertificate {
  cert: string;
  key: string;
}

export interface CertificateAuthority {
  /** PEM of the CA certificate: what browsers and clients must trust. */
  readonly certPem: string;
  /** Issues a leaf for these DNS names / IPv4 addresses. */
  issue(hostnames: string[]): IssuedCertificate;
  /** HTTPS options: a default leaf for localhost/127.0.0.1 and an SNICallback issuing (and caching) one per name. */
  sniOptions(): ServerOptions;
}

const HOSTNAME_RE =
  /^(?=.{1,253}$)(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV4_RE = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function validName(n: string): boolean {
  return HOSTNAME_RE.test(n) || IPV4_RE.test(n);
}

function newKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

class LocalCa implements CertificateAuthority {
  private readonly contexts = new Map<string, SecureContext>();

  constructor(
    readonly certPem: string,
    private readonly key: KeyObject,
  ) {}

  issue(hostnames: string[]): IssuedCertificate {
    const names = [...new Set(hostnames.map((h) => h.toLowerCase()))];
    if (names.length === 0)
      throw new TlsError('II_ERR_TLS_HOSTNAME', 'issue() needs at least one hostname');
    const bad = names.filter((n) => !validName(n));
    if (bad.length > 0)
      throw new TlsError(
        'II_ERR_TLS_HOSTNAME',
        `not a valid DNS name or IPv4 address: ${bad.join(', ')}`,
      );
    const leaf = newKey();
    const now = Date.now();
    const cert = buildCertificate({
      subjectCn: names[0],
      subjectKey: leaf.publicKey,
      issuerCn: CA_COMMON_NAME,
      issuerKey: this.key,
      issuerPublicKey: createPublicKey(this.key),
      notBefore: new Date(now - DAY_MS), // tolerate clocks slightly behind
      notAfter: new Date(now + LEAF_VALIDITY_DAYS * DAY_MS),
      ca: false,
      altNames: names,
    });
    return { cert, key: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  }

  private context(servername: string): SecureContext {
    let ctx = this.contexts.get(servername);
    if (ctx === undefined) {
      if (this.contexts.size >= MAX_CACHED_CONTEXTS) this.contexts.clear();
      const { cert, key } = this.issue([servername]);
      ctx = createSecureContext({ cert, key });
      this.contexts.set(servername, ctx);
    }
    return ctx;
  }

  sniOptions(): ServerOptions {
    const fallback = this.issue(DEFAULT_HOSTNAMES);
    return {
      cert: fallback.cert,
      key: fallback.key,
      SNICallback: (servername, cb) => {
        const name = servername.toLowerCase().replace(/\.$/, '');
        if (!validName(name) || name.startsWith('*')) {
          cb(null, undefined); // the default certificate; the client will reject it if it does not match
          return;
        }
        try {
          cb(null, this.context(name));
        } catch (e) {
          cb(e instanceof Error ? e : new TlsError('II_ERR_TLS_LEAF', String(e)), undefined);
        }
      },
    };
  }
}

function createCa(): { certPem: string; keyPem: string; key: KeyObject } {
  const { privateKey, publicKey } = newKey();
  const now = Date.now();
  const certPem = buildCertificate({
    subjectCn: CA_COMMON_NAME,
    subjectKey: publicKey,
    issuerCn: CA_COMMON_NAME,
    issuerKey: privateKey,
    issuerPublicKey: publicKey,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_VALIDITY_DAYS * DAY_MS),
    ca: true,
  });
  return {
    certPem,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    key: privateKey,
  };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Loads `ca.pem` + `ca-key.pem` from `dir`, or creates a new CA (saved there when `dir` is given,
 * key mode 600). Without `dir` the CA lives in memory only.
 */
export async function loadOrCreateCa(dir?: string): Promise<CertificateAuthority> {
  if (dir === undefined) {
    const fresh = createCa();
    return new LocalCa(fresh.certPem, fresh.key);
  }
  const certPath = join(dir, 'ca.pem');
  const keyPath = join(dir, 'ca-key.pem');
  const [certPem, keyPem] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)]);
  if (certPem !== undefined && keyPem !== undefined) {
    let key: KeyObject;
    let x509: X509Certificate;
    try {
      key = createPrivateKey(keyPem);
      x509 = new X509Certificate(certPem);
    } catch (e) {
      throw new TlsError(
        'II_ERR_TLS_CA',
        `cannot read the CA in ${dir}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (!x509.checkPrivateKey(key))
      throw new TlsError('II_ERR_TLS_CA', `${keyPath} is not the key of ${certPath}`);
    if (new Date(x509.validTo).getTime() < Date.now())
      throw new TlsError('II_ERR_TLS_CA', `the CA in ${certPath} has expired`);
    return new LocalCa(certPem, key);
  }
  if (certPem !== undefined || keyPem !== undefined) {
    throw new TlsError(
      'II_ERR_TLS_CA',
      `${dir} holds only one of ca.pem / ca-key.pem; remove it to make a new CA`,
    );
  }
  const fresh = createCa();
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, fresh.keyPem, { mode: 0o600 });
  await chmod(keyPath, 0o600); // mode is ignored when the file already existed
  await writeFile(certPath, fresh.certPem, { mode: 0o644 });
  return new LocalCa(fresh.certPem, fresh.key);
}
