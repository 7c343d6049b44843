/**
 * Debian's Chromium driven by playwright-core, one per spec file. Production hostnames resolve to
 * localnet through one `--host-resolver-rules` flag (everything else fails fast), and localnet's CA
 * is trusted the way a real machine trusts a CA: an NSS db in a temporary HOME. No
 * `ignoreHTTPSErrors`, no `bypassCSP`: the browser checks certificates and CSP as for a user.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type CDPSession, type Page, chromium } from 'playwright-core';
import { API_HOSTS, type E2eNet, PRODUCTION_HOSTS } from './localnet.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The single resolver flag: a second `--host-resolver-rules` would replace the first. */
export function hostResolverRules(e2e: E2eNet): string {
  const https = e2e.net.httpsPort;
  if (https === undefined) throw new Error('localnet was started without an HTTPS port');
  const rules = [
    ...[...PRODUCTION_HOSTS, ...API_HOSTS].map((h) => `MAP ${h} 127.0.0.1:${https}`),
    `MAP *.localhost 127.0.0.1:${e2e.net.port}`,
    'MAP * ~NOTFOUND',
  ];
  return `--host-resolver-rules=${rules.join(', ')}`;
}

/** A temporary HOME whose NSS db trusts `caPem` as a CA for TLS servers. */
export function homeTrusting(caPem: string): string {
  const home = mkdtempSync(join(tmpdir(), 'ii-e2e-home-'));
  const db = join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  const pem = join(home, 'localnet-ca.pem');
  writeFileSync(pem, caPem);
  execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'localnet-ca', '-t', 'C,,', '-i', pem]);
  return home;
}

export interface E2eBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(e2e: E2eNet): Promise<E2eBrowser> {
  if (!e2e.net.caCertPem) throw new Error('localnet has no CA (start it with httpsPort)');
  const home = homeTrusting(e2e.net.caCertPem);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...FLAGS, hostResolverRules(e2e)],
    env: { ...process.env, HOME: home },
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface SecurityState {
  securityState: string;
  certificateNetworkError?: string;
  certificateSubject?: string;
}

/**
 * Starts watching the page's CDP security state: `Security.visibleSecurityStateChanged` says
 * `secure` only when the certificate chain verified against a trusted root (ignored errors would
 * read `insecure-broken`). Call before navigating; `current()` returns the latest state.
 */
export async function watchSecurityState(
  page: Page,
): Promise<{ current(): SecurityState | undefined; session: CDPSession }> {
  const session = await page.context().newCDPSession(page);
  let state: SecurityState | undefined;
  session.on('Security.visibleSecurityStateChanged', (e) => {
    const v = e.visibleSecurityState;
    state = {
      securityState: v.securityState,
      certificateNetworkError: v.certificateSecurityState?.certificateNetworkError,
      certificateSubject: v.certificateSecurityState?.subjectName,
    };
  });
  await session.send('Security.enable');
  return { current: () => state, session };
}
