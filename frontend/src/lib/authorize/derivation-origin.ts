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

  let url: string | undefined;
  for (const p of patterns) {
    const m = p.pattern.exec(derivationOrigin);
    if (m && isCanisterId(m[1])) {
      url = p.wellKnownUrl(m[1], m);
      break;
    }
  }
  if (!url) return { ok: false, reason: `"${derivationOrigin}" is not a valid derivation origin.` };

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
  const parsed = alternativeOriginsSchema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      reason: `${url} is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    };
  if (!parsed.data.alternativeOrigins.includes(requestOrigin))
    return {
      ok: false,
      reason: `${requestOrigin} is not listed as an alternative origin of ${derivationOrigin}.`,
    };
  return ok(derivationOrigin);
}
