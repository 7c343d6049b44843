import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CA_COMMON_NAME,
  LEAF_VALIDITY_DAYS,
  loadOrCreateCa,
  TlsError,
  type CertificateAuthority,
} from './certificate-authority.js';

const servers: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function serve(ca: CertificateAuthority): Promise<number> {
  const server = createServer(ca.sniOptions(), (_req, res) => res.end('ok'));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

/** Full TLS verification (chain + hostname) against `trusted` only. */
function handshake(
  port: number,
  servername: string | undefined,
  trusted: string,
): Promise<{ ok: boolean; error?: string; subjectaltname?: string }> {
  return new Promise((resolve) => {
    const socket = connect(
      { host: '127.0.0.1', port, servername, ca: [trusted], rejectUnauthorized: true },
      () => {
        const peer = socket.getPeerCertificate();
        socket.end();
        resolve({ ok: socket.authorized, subjectaltname: peer.subjectaltname });
      },
    );
    socket.on('error', (e) => resolve({ ok: false, error: e.message }));
  });
}

describe('loadOrCreateCa', () => {
  it('issues leaves a client trusting only ca.pem accepts, per SNI name', async () => {
    const ca = await loadOrCreateCa();
    const port = await serve(ca);
    for (const name of [
      'identity.ic0.app',
      'identity.internetcomputer.org',
      'icp-api.io',
      'rdmx6-jaaaa-aaaaa-aaadq-cai.icp0.io',
    ]) {
      const r = await handshake(port, name, ca.certPem);
      expect(r, name).toMatchObject({ ok: true });
      expect(r.subjectaltname).toContain(`DNS:${name}`);
    }
  });

  it('serves a default certificate valid for 127.0.0.1 when no SNI is sent', async () => {
    const ca = await loadOrCreateCa();
    const port = await serve(ca);
    const r = await handshake(port, undefined, ca.certPem);
    expect(r.ok).toBe(true);
    expect(r.subjectaltname).toContain('IP Address:127.0.0.1');
  });

  it('is rejected by a client trusting another CA', async () => {
    const ca = await loadOrCreateCa();
    const other = await loadOrCreateCa();
    const port = await serve(ca);
    const r = await handshake(port, 'identity.ic0.app', other.certPem);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/certificate/i);
  });

  it('makes a CA and leaves with the properties browsers check', async () => {
    const ca = await loadOrCreateCa();
    const root = new X509Certificate(ca.certPem);
    expect(root.ca).toBe(true);
    expect(root.subject).toContain(`CN=${CA_COMMON_NAME}`);
    expect(new Date(root.validTo).getTime() - Date.now()).toBeGreaterThan(9 * 365 * 86_400_000);
    const leaf = new X509Certificate(ca.issue(['identity.ic0.app', '127.0.0.1']).cert);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(leaf.checkIssued(root)).toBe(true);
    expect(leaf.checkHost('identity.ic0.app')).toBe('identity.ic0.app');
    expect(leaf.checkHost('evil.ic0.app')).toBeUndefined();
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    const days =
      (new Date(leaf.validTo).getTime() - new Date(leaf.validFrom).getTime()) / 86_400_000;
    expect(days).toBeLessThanOrEqual(397);
    expect(days).toBeGreaterThanOrEqual(LEAF_VALIDITY_DAYS);
  });

  it('refuses invalid hostnames', async () => {
    const ca = await loadOrCreateCa();
    expect(() => ca.issue(['bad host'])).toThrow(TlsError);
    expect(() => ca.issue([])).toThrow(TlsError);
  });

  it('saves the CA with a private key file of mode 600 and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'localnet-ca-'));
    dirs.push(dir);
    const first = await loadOrCreateCa(join(dir, 'tls'));
    expect((await stat(join(dir, 'tls', 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'tls', 'ca.pem'), 'utf8')).toBe(first.certPem);
    const second = await loadOrCreateCa(join(dir, 'tls'));
    expect(second.certPem).toBe(first.certPem);
    // Leaves from the reloaded CA chain to the first CA.
    const port = await serve(second);
    expect((await handshake(port, 'identity.ic0.app', first.certPem)).ok).toBe(true);
  });

  it('refuses a directory holding only half a CA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'localnet-ca-'));
    dirs.push(dir);
    await loadOrCreateCa(dir);
    await rm(join(dir, 'ca-key.pem'));
    await expect(loadOrCreateCa(dir)).rejects.toThrow(TlsError);
  });
});
