// Canister id resolution as the boundary nodes' ic-gateway does it, plus `?canisterId=` and aliases.
import { Principal } from '@dfinity/principal';

export type CanisterResolution =
  | { ok: true; canisterId: Principal; /** false on `.raw.` hosts */ verify: boolean }
  | { ok: false; status: 400; reason: string };

// RFC 1123 labels; a port may follow; IPv6 literals in brackets.
const HOST_RE =
  /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)\.?(?::\d{1,5})?$/;

/** Lowercased hostname without port or trailing dot; null when the Host header is not a valid authority. */
export function parseHostname(host: string | undefined): string | null {
  if (host === undefined) return null;
  const h = host.trim().toLowerCase();
  if (h.length === 0 || h.length > 260 || !HOST_RE.test(h)) return null;
  const withoutPort = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.replace(/:\d+$/, '');
  return withoutPort.replace(/\.$/, '');
}

function principalOrNull(text: string): Principal | null {
  try {
    const p = Principal.fromText(text);
    // fromText accepts some non-canonical spellings; require the canonical one.
    return p.toText() === text ? p : null;
  } catch {
    return null;
  }
}

/** `<id>.<domain>`, `<prefix>--<id>.<domain>`, `<id>.raw.<domain>`. */
function fromHostname(hostname: string): { canisterId: Principal; verify: boolean } | null {
  const labels = hostname.split('.');
  if (labels.length < 2) return null;
  const first = labels[0].split('--').pop()!;
  const canisterId = principalOrNull(first);
  if (canisterId === null) return null;
  const raw = labels[1] === 'raw';
  // `<id>.raw` alone has no domain left.
  if (raw && labels.length < 3) return null;
  return { canisterId, verify: !raw };
}

function fromQuery(url: string): Principal | null | 'invalid' {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const value = new URLSearchParams(url.slice(q + 1)).get('canisterId');
  if (value === null) return null;
  return principalOrNull(value) ?? 'invalid';
}

/** Which canister an HTTP request is for, and whether its response must be verified. */
export function resolveCanister(
  host: string | undefined,
  url: string,
  aliases: Record<string, string> = {},
): CanisterResolution {
  const hostname = parseHostname(host);
  if (hostname === null) {
    return {
      ok: false,
      status: 400,
      reason: host === undefined ? 'no_authority' : 'malformed_request: invalid Host header',
    };
  }
  const alias = Object.entries(aliases).find(([name]) => name.toLowerCase() === hostname);
  if (alias !== undefined) {
    const canisterId = principalOrNull(alias[1]);
    if (canisterId === null)
      return { ok: false, status: 400, reason: `malformed alias for ${hostname}: ${alias[1]}` };
    return { ok: true, canisterId, verify: true };
  }
  const byHost = fromHostname(hostname);
  if (byHost !== null) return { ok: true, ...byHost };
  const byQuery = fromQuery(url);
  if (byQuery === 'invalid')
    return {
      ok: false,
      status: 400,
      reason: 'malformed_request: invalid canisterId query parameter',
    };
  if (byQuery !== null)
    return { ok: true, canisterId: byQuery, verify: hostname.split('.')[0] !== 'raw' };
  return { ok: false, status: 400, reason: 'canister_id_not_found' };
}
