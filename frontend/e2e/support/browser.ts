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
// Values from @ii/client, the type only from localnet.ts: the probes and the release tool import this
// module, and must not need a built localnet to run.
import { API_HOSTS, II_HOSTNAMES as PRODUCTION_HOSTS } from '@ii/client';
import type { E2eNet } from './localnet.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium 156 runs its omnibox popup as WebUI pages (chrome://omnibox-popup.top-chrome), even
  // headless, and they rebuild tab suggestions on every tab change: measured 4.8 s of CPU in one
  // 20 s dapp sign-in, starving the pages under test (an ICRC-29 client drops the channel after 2 s
  // without a heartbeat answer).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/** A hostname pattern the browser resolves to `address` (`HOST:PORT`), as curl's `--resolve`. */
export interface HostMapping {
  host: string;
  address: string;
}

/**
 * The single resolver flag: a second `--host-resolver-rules` would replace the first. With
 * `others: 'fail'` every host not mapped fails fast (a closed test network); `'resolve'` leaves
 * them to DNS (a probe against mainnet with a few hosts mapped).
 */
export function resolverFlag(mappings: HostMapping[], others: 'fail' | 'resolve'): string | null {
  const rules = mappings.map((m) => `MAP ${m.host} ${m.address}`);
  if (others === 'fail') rules.push('MAP * ~NOTFOUND');
  return rules.length === 0 ? null : `--host-resolver-rules=${rules.join(', ')}`;
}

/** The e2e suite's mappings: production and API hosts to localnet's HTTPS port, *.localhost to HTTP. */
export function hostResolverRules(e2e: E2eNet): string {
  const https = e2e.net.httpsPort;
  if (https === undefined) throw new Error('localnet was started without an HTTPS port');
  return resolverFlag(
    [
      ...[...PRODUCTION_HOSTS, ...API_HOSTS].map((host) => ({
        host,
        address: `127.0.0.1:${https}`,
      })),
      { host: '*.localhost', address: `127.0.0.1:${e2e.net.port}` },
    ],
    'fail',
  )!;
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

export interface LaunchOptions {
  /** `--host-resolver-rules` (see resolverFlag), or none. */
  resolverRules?: string | null;
  /** A CA certificate (PEM) the browser trusts for TLS servers, besides the system's. */
  caPem?: string;
}

/** Debian's Chromium with the flags that work on these machines, trusting `caPem` when given. */
export async function launchChromium(options: LaunchOptions = {}): Promise<E2eBrowser> {
  const home = options.caPem ? homeTrusting(options.caPem) : undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...FLAGS, ...(options.resolverRules ? [options.resolverRules] : [])],
    env: { ...process.env, ...(home ? { HOME: home } : {}) },
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      if (home) rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(e2e: E2eNet): Promise<E2eBrowser> {
  if (!e2e.net.caCertPem) throw new Error('localnet has no CA (start it with httpsPort)');
  return launchChromium({ resolverRules: hostResolverRules(e2e), caPem: e2e.net.caCertPem });
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
