// Security headers (those the official II sends). Static ones go on every response; the CSP of HTML pages
// depends on init config (API host, plain-http dev), so HTML headers are computed at init.
import type { Header } from './certification.js';

const PERMISSIONS_DENIED = [
  'accelerometer',
  'ambient-light-sensor',
  'autoplay',
  'battery',
  'camera',
  'clipboard-read',
  'conversion-measurement',
  'cross-origin-isolated',
  'display-capture',
  'document-domain',
  'encrypted-media',
  'execution-while-not-rendered',
  'execution-while-out-of-viewport',
  'focus-without-user-activation',
  'fullscreen',
  'gamepad',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'interest-cohort',
  'keyboard-map',
  'magnetometer',
  'microphone',
  'midi',
  'navigation-override',
  'payment',
  'picture-in-picture',
  'screen-wake-lock',
  'serial',
  'speaker-selection',
  'sync-script',
  'trust-token-redemption',
  'usb',
  'vertical-scroll',
  'web-share',
  'window-placement',
  'xr-spatial-tracking',
];
// WebAuthn (publickey-credentials-get), copying the recovery phrase, and sync XHR stay allowed.
const PERMISSIONS_SELF = ['clipboard-write', 'publickey-credentials-get', 'sync-xhr'];

export const PERMISSIONS_POLICY = [
  ...PERMISSIONS_DENIED.map((p) => `${p}=()`),
  ...PERMISSIONS_SELF.map((p) => `${p}=(self)`),
].join(', ');

/**
 * Hosts a frontend needs in connect-src when it fetches other dapps'
 * `/.well-known/ii-alternative-origins` (the placeholder does not, so it is off by default).
 */
/**
 * The API hosts @dfinity/agent (≥ 2) actually calls from a boundary-node hostname: it rewrites a
 * `*.ic0.app` host to `ic0.app` and `*.icp0.io` to `icp0.io` ("to avoid redirects"). A page on
 * identity.ic0.app therefore calls https://ic0.app/api/…, and the CSP must allow exactly that —
 * the outage of 31 January 2022 was this mismatch.
 */
export const AGENT_API_HOSTS: readonly string[] = ['https://ic0.app', 'https://icp0.io'];

/**
 * Development deployments only (`fetch_root_key`): dapps on localnet live at
 * `http://<canister-id>.localhost:<port>`, where the page fetches their alternative-origins files.
 */
export const LOCALNET_CONNECT_SRC: readonly string[] = ['http://*.localhost:*'];

export const ALTERNATIVE_ORIGINS_CONNECT_SRC: readonly string[] = [
  'https://*.icp0.io',
  'https://*.ic0.app',
];

export interface CspConfig {
  /**
   * Origin of the IC API when it is not the page's own origin (e.g. `https://icp-api.io`).
   * Undefined: the page calls `/api` on its own origin, covered by 'self'.
   */
  apiHost?: string;
  /** Extra connect-src sources, e.g. ALTERNATIVE_ORIGINS_CONNECT_SRC. */
  extraConnectSrc?: readonly string[];
  /**
   * Extra script-src sources. agent-js ≥ 2 verifies BLS in plain JS (@noble/curves), so
   * nothing is needed; an agent with a wasm BLS verifier would need `'wasm-unsafe-eval'`.
   */
  extraScriptSrc?: readonly string[];
  /** Served over plain http (localnet, http://localhost): drop `upgrade-insecure-requests`. */
  insecureRequests?: boolean;
}

/** The CSP of HTML pages: everything same-origin, no inline code, never framed. */
export function contentSecurityPolicy(config: CspConfig = {}): string {
  const connect = ["'self'"];
  if (config.apiHost) connect.push(config.apiHost);
  for (const s of config.extraConnectSrc ?? []) if (!connect.includes(s)) connect.push(s);
  const directives = [
    "default-src 'none'",
    `connect-src ${connect.join(' ')}`,
    "img-src 'self' data:",
    ["script-src 'self'", ...(config.extraScriptSrc ?? [])].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "style-src 'self'",
    "font-src 'self'",
    "frame-ancestors 'none'",
  ];
  if (!config.insecureRequests) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** CSP for non-HTML responses: a document opened directly (an SVG, say) may run nothing. */
export const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries, whatever its type and the init config. */
export const STATIC_SECURITY_HEADERS: readonly Header[] = [
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Strict-Transport-Security', 'max-age=31536000 ; includeSubDomains'],
  ['Referrer-Policy', 'same-origin'],
  ['Permissions-Policy', PERMISSIONS_POLICY],
];

export function htmlSecurityHeaders(config: CspConfig = {}): Header[] {
  return [...STATIC_SECURITY_HEADERS, ['Content-Security-Policy', contentSecurityPolicy(config)]];
}

export function nonHtmlSecurityHeaders(): Header[] {
  return [...STATIC_SECURITY_HEADERS, ['Content-Security-Policy', NON_HTML_CSP]];
}
