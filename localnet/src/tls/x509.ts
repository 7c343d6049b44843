// Builds X.509 v3 certificates (RFC 5280) signed with ECDSA P-256 / SHA-256 by Node's crypto,
// synchronously, so a certificate can be issued inside an SNI callback without a dependency.
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIPv4 } from 'node:net';
import * as der from './der-writer.js';

const ECDSA_WITH_SHA256 = der.sequence(der.oid('1.2.840.10045.4.3.2'));

export interface CertificateSpec {
  subjectCn: string;
  subjectKey: KeyObject; // public
  issuerCn: string;
  issuerKey: KeyObject; // private
  /** The issuer's public key, for the authority key identifier. */
  issuerPublicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  /** DNS names and IPv4 addresses for the subjectAltName (leaves only). */
  altNames?: string[];
}

function name(cn: string): der.Der {
  return der.sequence(der.set(der.sequence(der.oid('2.5.4.3'), der.utf8(cn))));
}

function extension(id: string, critical: boolean, value: der.Der): der.Der {
  return critical
    ? der.sequence(der.oid(id), der.bool(true), der.octets(value))
    : der.sequence(der.oid(id), der.octets(value));
}

function keyId(spki: Uint8Array): Uint8Array {
  // RFC 5280 4.2.1.2 method 1 would hash only the key bits; any stable unique id is allowed.
  return createHash('sha1').update(spki).digest().subarray(0, 20);
}

function ipBytes(ip: string): Uint8Array {
  return Uint8Array.from(ip.split('.').map(Number));
}

export function buildCertificate(spec: CertificateSpec): string {
  const spki = new Uint8Array(spec.subjectKey.export({ type: 'spki', format: 'der' }));
  const issuerSpki = new Uint8Array(spec.issuerPublicKey.export({ type: 'spki', format: 'der' }));
  const serial = new Uint8Array(randomBytes(16));
  serial[0] = (serial[0] & 0x7f) | 0x40; // positive, 16 bytes, non-zero

  const extensions: der.Der[] = [
    extension('2.5.29.19', true, spec.ca ? der.sequence(der.bool(true)) : der.sequence()),
    // keyUsage: CA = digitalSignature|keyCertSign|cRLSign (0x86, 1 unused bit); leaf = digitalSignature.
    extension(
      '2.5.29.15',
      true,
      spec.ca ? der.bits(Uint8Array.of(0x86), 1) : der.bits(Uint8Array.of(0x80), 7),
    ),
    extension('2.5.29.14', false, der.octets(keyId(spki))),
    extension('2.5.29.35', false, der.sequence(der.implicit(0, keyId(issuerSpki)))),
  ];
  if (!spec.ca) {
    extensions.push(extension('2.5.29.37', false, der.sequence(der.oid('1.3.6.1.5.5.7.3.1'))));
    const names = (spec.altNames ?? []).map((n) =>
      isIPv4(n) ? der.implicit(7, ipBytes(n)) : der.implicit(2, new TextEncoder().encode(n)),
    );
    extensions.push(extension('2.5.29.17', false, der.sequence(...names)));
  }

  const tbs = der.sequence(
    der.explicit(0, der.uint(2)),
    der.uint(serial),
    ECDSA_WITH_SHA256,
    name(spec.issuerCn),
    der.sequence(der.time(spec.notBefore), der.time(spec.notAfter)),
    name(spec.subjectCn),
    spki,
    der.explicit(3, der.sequence(...extensions)),
  );
  const signature = new Uint8Array(sign('sha256', tbs, spec.issuerKey)); // DER ECDSA-Sig-Value
  const cert = der.sequence(tbs, ECDSA_WITH_SHA256, der.bits(signature));
  const b64 = Buffer.from(cert).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
