/**
 * Validates a dapp's `derivationOrigin` (the Internet Identity specification,
 * "Alternative Frontend Origins"): the derivation origin's canister must list the requesting origin in its certified
 * `/.well-known/ii-alternative-origins`. Fetched from the canister-id host (so the gateway verifies
 * certification), without following redirects or sending credentials.
 */
import { Principal } from '@dfinity/principal';
import { z } from '../zod.js';
import { remapToLegacyDomain } from './frontend-origin.js';

export const MAX_ALTERNATIVE_ORIGINS = 10;
export const ALTERNATIVE_ORIGINS_PATH = '/.well-known/ii-alternative-origins';

/**
 * An allowed shape of derivation origin. `pattern`'s first group is the canister id;
 * `wellKnownUrl` says where that canister's list is fetched from.
 */
export interface DerivationOriginPattern {
  pattern: RegExp;
  wellKnownUrl(canisterId: string, match: RegExpExecArray): string;
}

/** Mainnet: `https://<canister-id>(.raw)?.(ic0.app|icp0.io)`, list read from `<id>.icp0.io`. */
export const MAINNET_PATTERNS: readonly DerivationOriginPattern[] = [
  {
    pattern: /^https:\/\/([\w-]+)(?:\.raw)?\.(?:ic0\.app|icp0\.io)$/,
    wellKnownUrl: (id) => `https://${id}.icp0.io${ALTERNATIVE_ORIGINS_PATH}`,
  },
];

/** Localnet (pass these when the page config says `fetchRootKey`): `http://<id>.localhost:<port>`. */
export const LOCALNET_PATTERNS: readonly DerivationOriginPattern[] = [
  {
    pattern: /^http:\/\/([\w-]+)\.localhost:(\d{1,5})$/,
    wellKnownUrl: (id, m) => `http://${id}.localhost:${m[2]}${ALTERNATIVE_ORIGINS_PATH}`,
  },
];

export type DerivationOriginResult =
  | {
      ok: true;
      /** The origin principals are derived for (derivationOrigin once validated). */
      origin: string;
      /** `origin` after the icp0.io → ic0.app rewrite: the canister's `FrontendHostname`. */
      hostname: string;
    }
  | { ok: false; reason: string };

const alternativeOriginsSchema = z.object({
  alternativeOrigins: z
    .array(z.string())
    .max(MAX_ALTERNATIVE_ORIGINS, `at most ${MAX_ALTERNATIVE_ORIGINS} alternative origins`)
    .refine((a) => new Set(a).size === a.length, 'alternative origins must be unique'),
});

function isCanisterId(text: string): boolean {
  try {
    return Principal.fromText(text).toText() === text;
  } catch {
    return false;
  }
}

/**
 * Where a relying-party origin's `.well-known` files are read: the origin must have one of the
 * `patterns`' shapes (a canister id host), and the file is fetched from that canister's host.
 */
function wellKnownUrlFor(
  origin: string,
  path: string,
  patterns: readonly DerivationOriginPattern[],
): string | undefined {
  for (const p of patterns) {
    const m = p.pattern.exec(origin);
    if (m && isCanisterId(m[1]))
      return p.wellKnownUrl(m[1], m).replace(ALTERNATIVE_ORIGINS_PATH, path);
  }
  return undefined;
}

/**
 * Fetches a certified `.well-known` JSON file under the same rules for every such file: from the
 * canister-id host (so the gateway verifies certification), no redirects, no credentials, status
 * 200, valid JSON matching `schema`.
 */
async function fetchWellKnown<T>(
  url: string,
  schema: z.ZodType<T>,
  fetchImpl: typeof fetch,
): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      redirect: 'error',
      credentials: 'omit',
      headers: { Accept: 'application/json' },
    });
  } catch (e) {
    return {
      ok: false,
      reason: `Could not load ${url} (redirects are not followed): ${(e as Error).message}`,
    };
  }
  if (response.status !== 200)
    return { ok: false, reason: `${url} answered with HTTP status ${response.status}.` };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, reason: `${url} is not valid JSON.` };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      reason: `${url} is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    };
  return { ok: true, value: parsed.data };
}

export async function resolveDerivationOrigin(
  requestOrigin: string,
  derivationOrigin: string | undefined,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  patterns: readonly DerivationOriginPattern[] = MAINNET_PATTERNS,
): Promise<DerivationOriginResult> {
  const ok = (origin: string) =>
    ({ ok: true, origin, hostname: remapToLegacyDomain(origin) }) as const;
  if (derivationOrigin === undefined || derivationOrigin === requestOrigin)
    return ok(requestOrigin);

  const url = wellKnownUrlFor(derivationOrigin, ALTERNATIVE_ORIGINS_PATH, patterns);
  if (!url) return { ok: false, reason: `"${derivationOrigin}" is not a valid derivation origin.` };
  const file = await fetchWellKnown(url, alternativeOriginsSchema, fetchImpl);
  if (!file.ok) return file;
  if (!file.value.alternativeOrigins.includes(requestOrigin))
    return {
      ok: false,
      reason: `${requestOrigin} is not listed as an alternative origin of ${derivationOrigin}.`,
    };
  return ok(derivationOrigin);
}

export const MAX_AUTH_CALLBACKS = 10;
export const AUTH_CALLBACKS_PATH = '/.well-known/ii-auth-callbacks';

const authCallbacksSchema = z.object({
  callbacks: z
    .array(z.string())
    .max(MAX_AUTH_CALLBACKS, `at most ${MAX_AUTH_CALLBACKS} callbacks`)
    .refine((a) => new Set(a).size === a.length, 'callbacks must be unique'),
});

export type AuthCallbackResult =
  | {
      ok: true;
      /** The callback's origin: the relying party, shown to the user, principals derive from it. */
      origin: string;
      callback: string;
    }
  | { ok: false; reason: string };

/**
 * ICRC-167: the callback a redirect request names must be listed, exactly, in a certified
 * `/.well-known/ii-auth-callbacks` (`{"callbacks": [...]}`, ≤ 10, unique), fetched and checked
 * under the same rules as the alternative-origins file: the callback's own origin's, or, when the
 * request names an ICRC-95 derivation origin, that origin's (whose owner also lists the callback's
 * origin among its alternative origins, checked afterwards like any derivation origin; a custom
 * domain has no canister host to read a file from). Until it is, II sends nothing there: an
 * unlisted callback gets no answer at all.
 */
export async function resolveAuthCallback(
  callback: string,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  patterns: readonly DerivationOriginPattern[] = MAINNET_PATTERNS,
  derivationOrigin?: string,
): Promise<AuthCallbackResult> {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return { ok: false, reason: `The callback "${callback}" is not an absolute URL.` };
  }
  if (url.hash !== '' || callback.includes('#'))
    return { ok: false, reason: `The callback ${callback} must not contain a fragment.` };
  if (url.username !== '' || url.password !== '')
    return { ok: false, reason: `The callback ${callback} must not contain credentials.` };
  const origin = url.origin;
  const listedBy = derivationOrigin ?? origin;
  const wellKnown = wellKnownUrlFor(listedBy, AUTH_CALLBACKS_PATH, patterns);
  if (!wellKnown)
    return {
      ok: false,
      reason: `${listedBy} is not a canister's origin II can read the callbacks of ${callback} from.`,
    };
  const file = await fetchWellKnown(wellKnown, authCallbacksSchema, fetchImpl);
  if (!file.ok) return file;
  if (!file.value.callbacks.includes(callback))
    return {
      ok: false,
      reason: `${callback} is not listed in ${listedBy}${AUTH_CALLBACKS_PATH}.`,
    };
  return { ok: true, origin, callback };
}
