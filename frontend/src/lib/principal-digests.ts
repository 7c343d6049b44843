/**
 * For `autoSelectionPrincipal`: which anchor gave this principal to this origin? Only keyed
 * digests are stored (HMAC-SHA-256 under a random per-browser key), so the storage does not reveal
 * which dapps an anchor uses, and a digest cannot be checked without the key.
 */
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import type { StorageLike } from './anchor-storage.js';
import { concatBytes, fromBase64, toBase64 } from './bytes.js';

export const DIGEST_KEY_KEY = 'ii-principal-digest-key';
export const DIGESTS_KEY = 'ii-principal-digests';
export const MAX_ANCHORS = 10;
export const MAX_DIGESTS_PER_ANCHOR = 40;

interface Entry {
  digest: string;
  lastUsed: number;
}
type Store = Record<string, { lastUsed: number; principals: Entry[] }>;

export class PrincipalDigests {
  constructor(
    private readonly storage: StorageLike | null = safeLocalStorage(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Remembers that `anchor` used `principalText` at `origin` (use the derivation origin). */
  remember(anchor: bigint, origin: string, principalText: string): void {
    const key = this.key(true);
    if (!key) return;
    const digest = digestOf(key, origin, principalText);
    const store = this.load();
    const t = this.now();
    const a = store[anchor.toString()] ?? { lastUsed: t, principals: [] };
    a.lastUsed = t;
    a.principals = [
      { digest, lastUsed: t },
      ...a.principals.filter((p) => p.digest !== digest),
    ].slice(0, MAX_DIGESTS_PER_ANCHOR);
    store[anchor.toString()] = a;
    // Keep the most recently used anchors only.
    const kept = Object.entries(store)
      .sort(([, x], [, y]) => y.lastUsed - x.lastUsed)
      .slice(0, MAX_ANCHORS);
    this.save(Object.fromEntries(kept));
  }

  /** The anchor (most recently used first) that gave `principalText` to `origin`, if known here. */
  findAnchorFor(origin: string, principalText: string): bigint | undefined {
    const key = this.key(false);
    if (!key) return undefined;
    const digest = digestOf(key, origin, principalText);
    let best: { anchor: bigint; lastUsed: number } | undefined;
    for (const [anchor, a] of Object.entries(this.load())) {
      const hit = a.principals.find((p) => p.digest === digest);
      if (hit && (!best || hit.lastUsed > best.lastUsed) && /^\d+$/.test(anchor))
        best = { anchor: BigInt(anchor), lastUsed: hit.lastUsed };
    }
    return best?.anchor;
  }

  forgetAnchor(anchor: bigint): void {
    const store = this.load();
    delete store[anchor.toString()];
    this.save(store);
  }

  private key(create: boolean): Uint8Array | undefined {
    const stored = this.get(DIGEST_KEY_KEY);
    if (stored) {
      try {
        const k = fromBase64(stored);
        if (k.length === 32) return k;
      } catch {
        // corrupt: replaced below (the old digests become unmatched, which is harmless)
      }
    }
    if (!create) return undefined;
    const k = crypto.getRandomValues(new Uint8Array(32));
    this.set(DIGEST_KEY_KEY, toBase64(k));
    // A key we could not store would make every digest unmatchable later.
    return this.get(DIGEST_KEY_KEY) === toBase64(k) ? k : undefined;
  }

  private load(): Store {
    try {
      const raw: unknown = JSON.parse(this.get(DIGESTS_KEY) ?? '{}');
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
      const out: Store = {};
      for (const [anchor, v] of Object.entries(raw as Record<string, unknown>)) {
        const a = v as { lastUsed?: unknown; principals?: unknown };
        if (typeof a?.lastUsed !== 'number' || !Array.isArray(a.principals)) continue;
        out[anchor] = {
          lastUsed: a.lastUsed,
          principals: a.principals.filter(
            (p): p is Entry => typeof p?.digest === 'string' && typeof p?.lastUsed === 'number',
          ),
        };
      }
      return out;
    } catch {
      return {};
    }
  }

  private save(store: Store): void {
    this.set(DIGESTS_KEY, JSON.stringify(store));
  }

  private get(k: string): string | null {
    try {
      return this.storage?.getItem(k) ?? null;
    } catch {
      return null;
    }
  }

  private set(k: string, v: string): void {
    try {
      this.storage?.setItem(k, v);
    } catch {
      // storage full or blocked: auto-selection just won't happen
    }
  }
}

/** Length-prefixed fields so ("ab","c") and ("a","bc") cannot collide. */
function digestOf(key: Uint8Array, origin: string, principal: string): string {
  const enc = new TextEncoder();
  const field = (s: string) => {
    const b = enc.encode(s);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, b.length);
    return concatBytes(len, b);
  };
  return toBase64(hmac(sha256, key, concatBytes(field(origin), field(principal))));
}

function safeLocalStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
