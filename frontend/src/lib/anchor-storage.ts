/**
 * What the browser remembers about anchors. The spec's one piece of local storage is
 * `user_number` (the last used anchor); `ii-anchors` adds a short most-recent-first list so the
 * UI can offer a choice. Storage may be missing, full, blocked or hand-edited: every read
 * tolerates garbage and every write failure is swallowed, because losing this convenience must
 * never break a login.
 */
export const USER_NUMBER_KEY = 'user_number';
export const ANCHORS_KEY = 'ii-anchors';
export const MAX_KNOWN_ANCHORS = 10;

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function parseAnchor(v: unknown): bigint | undefined {
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) return undefined;
  const n = BigInt(v);
  return n < 2n ** 64n ? n : undefined;
}

function defaultStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // accessing localStorage itself throws when storage is blocked
  }
}

export class AnchorStorage {
  constructor(private readonly storage: StorageLike | null = defaultStorage()) {}

  private get(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private set(key: string, value: string | null): void {
    try {
      if (value === null) this.storage?.removeItem(key);
      else this.storage?.setItem(key, value);
    } catch {
      // quota exceeded or storage blocked: nothing to do
    }
  }

  /** The anchor last used in this browser (spec: `user_number`). */
  lastUsed(): bigint | undefined {
    return parseAnchor(this.get(USER_NUMBER_KEY));
  }

  /** Known anchors, most recently used first; the last used one is always included. */
  knownAnchors(): bigint[] {
    let list: unknown;
    try {
      list = JSON.parse(this.get(ANCHORS_KEY) ?? '[]');
    } catch {
      list = [];
    }
    const anchors = (Array.isArray(list) ? list : [])
      .map(parseAnchor)
      .filter((a): a is bigint => a !== undefined);
    const last = this.lastUsed();
    const all = last === undefined ? anchors : [last, ...anchors];
    return [...new Set(all)].slice(0, MAX_KNOWN_ANCHORS);
  }

  /** Records a successful login or registration. */
  remember(anchor: bigint): void {
    const rest = this.knownAnchors().filter((a) => a !== anchor);
    this.set(USER_NUMBER_KEY, anchor.toString());
    this.set(
      ANCHORS_KEY,
      JSON.stringify([anchor, ...rest].slice(0, MAX_KNOWN_ANCHORS).map(String)),
    );
  }

  /** Logout (spec "Flow: Logging out"): the anchor is no longer preselected. */
  forgetLastUsed(): void {
    this.set(USER_NUMBER_KEY, null);
  }

  /** Removes an anchor from this browser entirely. */
  forget(anchor: bigint): void {
    if (this.lastUsed() === anchor) this.set(USER_NUMBER_KEY, null);
    const rest = this.knownAnchors().filter((a) => a !== anchor);
    this.set(ANCHORS_KEY, JSON.stringify(rest.map(String)));
  }
}
