import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthRequestTimeoutError, type MessageWindow, type Opener } from './channel.js';
import { listenAsSigner } from './window-signer.js';

/** The legacy protocol through the page's one listener (which also speaks ICRC-29). */
const waitForAuthRequest = (
  win: MessageWindow,
  opener: Opener,
  legacyTimeoutMs = 10_000,
  onInvalid: (origin: string, error: string) => void = () => {},
) =>
  listenAsSigner(win, opener, { legacyTimeoutMs, onInvalid }).request.then(
    ({ request, warnings, responder }) => ({
      origin: responder.origin,
      request,
      warnings,
      responder,
    }),
  );

/** A window-like event target plus a recording opener, as the browser provides them. */
function fakes() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const win: MessageWindow = {
    location: { origin: 'https://identity.ic0.app' },
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
  };
  const posted: Array<{ message: unknown; targetOrigin: string }> = [];
  const opener: Opener = {
    postMessage: (message, targetOrigin) => posted.push({ message, targetOrigin }),
  };
  const deliver = (origin: string, data: unknown, source: unknown = opener) =>
    [...listeners].forEach((l) => l({ origin, data, source } as MessageEvent));
  return { win, opener, posted, deliver, listeners };
}

const request = { kind: 'authorize-client', sessionPublicKey: new Uint8Array([1, 2]) };

afterEach(() => vi.useRealTimers());

describe('the legacy protocol (authorize-client)', () => {
  it('announces itself with "*" and resolves on the first valid request', async () => {
    const f = fakes();
    const invalid: string[] = [];
    const p = waitForAuthRequest(f.win, f.opener, 10_000, (o, e) => invalid.push(`${o} ${e}`));
    expect(f.posted).toEqual([{ message: { kind: 'authorize-ready' }, targetOrigin: '*' }]);
    f.deliver('https://identity.ic0.app', request); // own origin: ignored silently
    f.deliver('https://evil.com', request, {}); // not the opener: ignored silently
    f.deliver('https://dapp.com', { kind: 'nonsense' }); // invalid: reported
    f.deliver('https://dapp.com', { ...request, maxTimeToLive: 5 }); // valid (with warning)
    f.deliver('https://other.com', request); // after resolution: nobody listens
    await expect(p).resolves.toMatchObject({
      origin: 'https://dapp.com',
      request: { ...request, maxTimeToLive: 5n },
      warnings: [expect.stringMatching(/bigint/)],
    });
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toMatch(/^https:\/\/dapp\.com Invalid authorize-client request/);
  });

  it('times out after the given time and stops listening', async () => {
    vi.useFakeTimers();
    const f = fakes();
    const p = waitForAuthRequest(f.win, f.opener);
    const check = expect(p).rejects.toBeInstanceOf(AuthRequestTimeoutError);
    vi.advanceTimersByTime(9_999);
    expect(f.listeners.size).toBe(1);
    vi.advanceTimersByTime(1);
    await check;
    expect(f.listeners.size).toBe(0);
  });
});

describe('responses', () => {
  it('go to the request origin only', async () => {
    const f = fakes();
    const p = waitForAuthRequest(f.win, f.opener);
    f.deliver('https://dapp.com', request);
    const { responder } = await p;
    f.posted.length = 0;
    responder.failure('nope');
    responder.success({
      delegations: [],
      userPublicKey: new Uint8Array([3]),
      authnMethod: 'recovery',
    });
    expect(f.posted).toEqual([
      {
        message: { kind: 'authorize-client-failure', text: 'nope' },
        targetOrigin: 'https://dapp.com',
      },
      {
        message: {
          kind: 'authorize-client-success',
          delegations: [],
          userPublicKey: new Uint8Array([3]),
          authnMethod: 'recovery',
        },
        targetOrigin: 'https://dapp.com',
      },
    ]);
  });
});
