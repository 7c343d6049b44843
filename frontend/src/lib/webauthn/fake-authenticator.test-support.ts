/**
 * A software stand-in for the browser's WebAuthn API (`navigator.credentials` and
 * `PublicKeyCredential`), signing with node:crypto keys the way real authenticators do:
 * authenticatorData bytes, clientDataJSON with the base64url challenge, and an ES256 (DER) or
 * RS256 signature over authenticatorData ‖ SHA-256(clientDataJSON).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { vi } from 'vitest';

type Cbor = number | string | Uint8Array | Array<[Cbor, Cbor]>;

/** Minimal CBOR writer; maps are entry lists so integer labels keep their order. */
export function cbor(v: Cbor): Uint8Array {
  const head = (major: number, n: number) => {
    const m = major << 5;
    if (n < 24) return [m | n];
    if (n < 256) return [m | 24, n];
    if (n < 65536) return [m | 25, n >> 8, n & 255];
    return [m | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
  };
  if (typeof v === 'number') return new Uint8Array(v >= 0 ? head(0, v) : head(1, -1 - v));
  if (typeof v === 'string') {
    const b = new TextEncoder().encode(v);
    return new Uint8Array([...head(3, b.length), ...b]);
  }
  if (v instanceof Uint8Array) return new Uint8Array([...head(2, v.length), ...v]);
  return new Uint8Array([...head(5, v.length), ...v.flatMap(([k, x]) => [...cbor(k), ...cbor(x)])]);
}

export function coseKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  const b = (s?: string) => new Uint8Array(Buffer.from(s!, 'base64url'));
  if (jwk.kty === 'EC')
    return cbor([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, b(jwk.x)],
      [-3, b(jwk.y)],
    ]);
  return cbor([
    [1, 3],
    [3, -257],
    [-1, b(jwk.n)],
    [-2, b(jwk.e)],
  ]);
}

interface StoredCredential {
  id: Uint8Array;
  kind: 'ec' | 'rsa';
  privateKey: KeyObject;
  cose: Uint8Array;
  counter: number;
}

const ab = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength);
const u8 = (b: BufferSource) =>
  b instanceof ArrayBuffer
    ? new Uint8Array(b)
    : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export interface FakeAuthenticatorOptions {
  origin?: string;
  kind?: 'ec' | 'rsa';
  attachment?: 'platform' | 'cross-platform' | null;
  /** Appends CBOR extension data after the key (flag ED), as some authenticators do. */
  withExtensions?: boolean;
}

export class FakeAuthenticator {
  readonly credentials: StoredCredential[] = [];
  /** Which offered credential `get` answers with (default: the first it has). */
  choose?: (offered: Uint8Array[]) => Uint8Array | undefined;
  /** When set, create/get reject with a DOMException-like error of this name. */
  failWith?: string;
  lastCreateOptions?: PublicKeyCredentialCreationOptions;
  lastGetOptions?: PublicKeyCredentialRequestOptions;

  constructor(readonly opts: FakeAuthenticatorOptions = {}) {}

  get origin() {
    return this.opts.origin ?? 'https://identity.ic0.app';
  }

  /** Installs this authenticator as the page's WebAuthn API (undo with vi.unstubAllGlobals). */
  install(): this {
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    vi.stubGlobal('location', new URL(this.origin));
    vi.stubGlobal('navigator', {
      credentials: {
        create: (o: CredentialCreationOptions) => this.create(o),
        get: (o: CredentialRequestOptions) => this.get(o),
      },
    });
    return this;
  }

  private fail() {
    if (this.failWith)
      throw Object.assign(new Error(`${this.failWith} (fake)`), { name: this.failWith });
  }

  private rpIdHash(rpId: string | undefined) {
    return createHash('sha256')
      .update(rpId ?? new URL(this.origin).hostname)
      .digest();
  }

  async create(o: CredentialCreationOptions) {
    this.fail();
    const pk = o.publicKey!;
    this.lastCreateOptions = pk;
    for (const ex of pk.excludeCredentials ?? [])
      if (this.credentials.some((c) => Buffer.from(c.id).equals(u8(ex.id))))
        throw Object.assign(new Error('already registered'), { name: 'InvalidStateError' });
    const kind = this.opts.kind ?? 'ec';
    const pair =
      kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
    const id = new Uint8Array(randomBytes(kind === 'ec' ? 32 : 64));
    const cose = coseKey(pair.publicKey);
    this.credentials.push({ id, kind, privateKey: pair.privateKey, cose, counter: 0 });
    const flags = 0x45 | (this.opts.withExtensions ? 0x80 : 0); // UP | UV | AT (| ED)
    const ext = this.opts.withExtensions ? cbor([['credProtect', 2]]) : new Uint8Array();
    const authData = Buffer.concat([
      this.rpIdHash(pk.rp.id),
      Buffer.from([flags, 0, 0, 0, 0]),
      Buffer.alloc(16), // aaguid
      Buffer.from([id.length >> 8, id.length & 255]),
      id,
      cose,
      ext,
    ]);
    const clientData = JSON.stringify({
      type: 'webauthn.create',
      challenge: Buffer.from(u8(pk.challenge)).toString('base64url'),
      origin: this.origin,
    });
    return {
      id: Buffer.from(id).toString('base64url'),
      rawId: ab(id),
      type: 'public-key',
      authenticatorAttachment:
        this.opts.attachment === undefined ? 'platform' : this.opts.attachment,
      response: {
        attestationObject: ab(
          cbor([
            ['fmt', 'none'],
            ['attStmt', []],
            ['authData', new Uint8Array(authData)],
          ]),
        ),
        clientDataJSON: ab(new TextEncoder().encode(clientData)),
      },
      getClientExtensionResults: () => ({}),
    };
  }

  async get(o: CredentialRequestOptions) {
    this.fail();
    const pk = o.publicKey!;
    this.lastGetOptions = pk;
    const offered = (pk.allowCredentials ?? []).map((c) => u8(c.id));
    const pick = this.choose
      ? this.choose(offered)
      : offered.find((id) => this.credentials.some((c) => Buffer.from(c.id).equals(id)));
    const cred = pick && this.credentials.find((c) => Buffer.from(c.id).equals(pick));
    if (!cred) throw Object.assign(new Error('no credential'), { name: 'NotAllowedError' });
    cred.counter++;
    const authData = Buffer.concat([
      this.rpIdHash(pk.rpId),
      Buffer.from([0x05, 0, 0, 0, cred.counter]), // UP | UV, signCount
    ]);
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.get',
        challenge: Buffer.from(u8(pk.challenge)).toString('base64url'),
        origin: this.origin,
        crossOrigin: false,
      }),
    );
    const signed = Buffer.concat([authData, createHash('sha256').update(clientData).digest()]);
    const signature = sign('sha256', signed, cred.privateKey); // ECDSA: DER, RSA: PKCS#1 v1.5
    return {
      id: Buffer.from(cred.id).toString('base64url'),
      rawId: ab(cred.id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        authenticatorData: ab(new Uint8Array(authData)),
        clientDataJSON: ab(new Uint8Array(clientData)),
        signature: ab(new Uint8Array(signature)),
        userHandle: null,
      },
      getClientExtensionResults: () => ({}),
    };
  }
}
