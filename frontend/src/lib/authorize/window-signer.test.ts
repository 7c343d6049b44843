import { Principal } from '@dfinity/principal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64, toBase64 } from '../bytes.js';
import type { MessageWindow, Opener } from './channel.js';
import { RPC_ERROR } from './json-rpc.js';
import { listenAsSigner } from './window-signer.js';

function fakes() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const win: MessageWindow = {
    location: { origin: 'https://id.ai' },
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

const DAPP = 'https://dapp.example';
const status = (id: string | number) => ({ jsonrpc: '2.0', id, method: 'icrc29_status' });
const SESSION_KEY = new Uint8Array([48, 42, 1, 2, 3]);
const delegationRequest = (id: string | number, params: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method: 'icrc34_delegation',
  params: { publicKey: toBase64(SESSION_KEY), ...params },
});
const replies = (f: ReturnType<typeof fakes>) =>
  f.posted.filter((p) => (p.message as { jsonrpc?: string }).jsonrpc === '2.0');

afterEach(() => vi.useRealTimers());

describe('listenAsSigner: ICRC-29/25/34 in the window', () => {
  it('answers every icrc29_status with ready, to the established origin only', () => {
    const f = fakes();
    const s = listenAsSigner(f.win, f.opener, { onInvalid: () => {} });
    expect(f.posted[0]).toEqual({ message: { kind: 'authorize-ready' }, targetOrigin: '*' });
    f.deliver(DAPP, status('a'));
    f.deliver(DAPP, status(2));
    f.deliver('https://evil.example', status('x')); // another origin, same window: ignored
    f.deliver(DAPP, status('y'), {}); // not the opener: ignored
    expect(replies(f)).toEqual([
      { message: { jsonrpc: '2.0', id: 'a', result: 'ready' }, targetOrigin: DAPP },
      { message: { jsonrpc: '2.0', id: 2, result: 'ready' }, targetOrigin: DAPP },
    ]);
    expect(s.protocol()).toBe('icrc29');
    s.close();
  });

  it('answers ICRC-25 without the user, and refuses what it does not do with the right codes', () => {
    const f = fakes();
    const s = listenAsSigner(f.win, f.opener, { onInvalid: () => {} });
    f.deliver(DAPP, status(0));
    f.deliver(DAPP, { jsonrpc: '2.0', id: 1, method: 'icrc25_supported_standards' });
    f.deliver(DAPP, { jsonrpc: '2.0', id: 2, method: 'icrc25_permissions' });
    f.deliver(DAPP, {
      jsonrpc: '2.0',
      id: 3,
      method: 'icrc25_request_permissions',
      params: { scopes: [{ method: 'icrc34_delegation' }] },
    });
    f.deliver(DAPP, { jsonrpc: '2.0', id: 4, method: 'icrc49_call_canister', params: {} });
    f.deliver(DAPP, { jsonrpc: '2.0', id: 5, method: 'frobnicate' });
    f.deliver(DAPP, { jsonrpc: '2.0', id: 6 }); // no method
    f.deliver(DAPP, { jsonrpc: '2.0', id: 7, method: 'icrc25_permissions', params: 'x' });
    f.deliver(DAPP, { jsonrpc: '2.0', method: 'icrc25_permissions' }); // notification: no answer
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back in assertions
    type Json = Record<string, any>;
    const byId = new Map(
      replies(f).map((r) => [(r.message as { id: unknown }).id, r.message as Json]),
    );
    expect(byId.get(1)!.result.supportedStandards.map((s: { name: string }) => s.name)).toEqual([
      'ICRC-25',
      'ICRC-29',
      'ICRC-34',
      'ICRC-95',
    ]);
    const scopes = [{ scope: { method: 'icrc34_delegation' }, state: 'ask_on_use' }];
    expect(byId.get(2)!.result).toEqual({ scopes });
    expect(byId.get(3)!.result).toEqual({ scopes });
    expect(byId.get(4)!.error.code).toBe(RPC_ERROR.notSupported);
    expect(byId.get(5)!.error.code).toBe(RPC_ERROR.methodNotFound);
    expect(byId.get(6)!.error.code).toBe(RPC_ERROR.invalidRequest);
    expect(byId.get(7)!.error.code).toBe(RPC_ERROR.invalidRequest);
    expect(replies(f)).toHaveLength(8); // 7 + the status
    s.close();
  });

  it('takes icrc34_delegation as an AuthRequest and answers it with ICRC-34 base64 fields', async () => {
    const f = fakes();
    const s = listenAsSigner(f.win, f.opener, { onInvalid: () => {} });
    f.deliver(DAPP, status(0));
    const target = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
    f.deliver(
      DAPP,
      delegationRequest('d', {
        targets: [target],
        maxTimeToLive: '28800000000000',
        icrc95DerivationOrigin: 'https://other.example',
      }),
    );
    const { request, responder } = await s.request;
    expect(request.sessionPublicKey).toEqual(SESSION_KEY);
    expect(request.maxTimeToLive).toBe(28_800_000_000_000n);
    expect(request.derivationOrigin).toBe('https://other.example');
    expect(request.targets?.map((t) => t.toText())).toEqual([target]);
    expect(responder).toMatchObject({ protocol: 'icrc29', origin: DAPP });
    // A second request while this one is served: refused, the first one stands.
    f.deliver(DAPP, delegationRequest('e'));
    responder.success({
      delegations: [
        {
          delegation: {
            pubkey: SESSION_KEY,
            expiration: 1_702_683_438_614_940_079n,
            targets: [Principal.fromText(target)],
          },
          signature: new Uint8Array([9, 9]),
        },
      ],
      userPublicKey: new Uint8Array([7, 7, 7]),
      authnMethod: 'passkey',
    });
    responder.decline(); // after an answer: nothing more is sent
    const answers = replies(f).filter((r) => (r.message as { id: unknown }).id !== 0);
    expect(answers[0].message).toMatchObject({ id: 'e', error: { code: RPC_ERROR.generic } });
    expect(answers[1]).toEqual({
      targetOrigin: DAPP,
      message: {
        jsonrpc: '2.0',
        id: 'd',
        result: {
          publicKey: toBase64(new Uint8Array([7, 7, 7])),
          signerDelegation: [
            {
              delegation: {
                pubkey: toBase64(SESSION_KEY),
                expiration: '1702683438614940079',
                targets: [target],
              },
              signature: toBase64(new Uint8Array([9, 9])),
            },
          ],
        },
      },
    });
    expect(answers).toHaveLength(2);
    // The heartbeat goes on after the answer.
    f.deliver(DAPP, status('later'));
    expect(replies(f).at(-1)!.message).toEqual({ jsonrpc: '2.0', id: 'later', result: 'ready' });
    s.close();
    f.deliver(DAPP, status('closed'));
    expect(replies(f).at(-1)!.message).not.toMatchObject({ id: 'closed' });
  });

  it('refuses malformed delegation params with -32602, signing nothing', async () => {
    const f = fakes();
    const invalid: string[] = [];
    const s = listenAsSigner(f.win, f.opener, { onInvalid: (_o, e) => invalid.push(e) });
    f.deliver(DAPP, status(0));
    for (const [id, params] of [
      [1, { publicKey: 'not base64!' }],
      [2, { publicKey: toBase64(SESSION_KEY), maxTimeToLive: 5 }],
      [3, { publicKey: toBase64(SESSION_KEY), targets: ['nope'] }],
      [4, {}],
    ] as const)
      f.deliver(DAPP, { jsonrpc: '2.0', id, method: 'icrc34_delegation', params });
    const codes = replies(f)
      .slice(1)
      .map((r) => (r.message as { error: { code: number } }).error.code);
    expect(codes).toEqual([-32602, -32602, -32602, -32602]);
    expect(invalid).toHaveLength(4);
    let settled = false;
    void s.request.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    s.close();
  });

  it('a user who declines gets 3001 Action aborted', async () => {
    const f = fakes();
    const s = listenAsSigner(f.win, f.opener);
    f.deliver(DAPP, status(0));
    f.deliver(DAPP, delegationRequest(1));
    (await s.request).responder.decline();
    expect(replies(f).at(-1)!.message).toMatchObject({
      id: 1,
      error: { code: RPC_ERROR.actionAborted, message: 'Action aborted' },
    });
    s.close();
  });

  it('knows an ICRC opener at its first heartbeat: no legacy timeout then', async () => {
    vi.useFakeTimers();
    const f = fakes();
    const s = listenAsSigner(f.win, f.opener, { legacyTimeoutMs: 10_000 });
    f.deliver(DAPP, status(0));
    vi.advanceTimersByTime(60_000);
    f.deliver(DAPP, delegationRequest(1));
    await expect(s.request).resolves.toMatchObject({ responder: { protocol: 'icrc29' } });
    s.close();
  });
});

describe('listenAsSigner: the legacy protocol on the same page', () => {
  it('serves authorize-client and ignores JSON-RPC after it', async () => {
    const f = fakes();
    const s = listenAsSigner(f.win, f.opener);
    f.deliver(DAPP, { kind: 'authorize-client', sessionPublicKey: SESSION_KEY });
    const { request, responder } = await s.request;
    expect(request.sessionPublicKey).toEqual(SESSION_KEY);
    expect(responder.protocol).toBe('authorize-client');
    f.deliver(DAPP, status(1));
    responder.failure('nope');
    expect(f.posted.slice(1)).toEqual([
      { message: { kind: 'authorize-client-failure', text: 'nope' }, targetOrigin: DAPP },
    ]);
    s.close();
  });

  it('still times out after 10 s when nobody speaks', async () => {
    vi.useFakeTimers();
    const f = fakes();
    const s = listenAsSigner(f.win, f.opener, { legacyTimeoutMs: 10_000 });
    const failed = expect(s.request).rejects.toThrow(/10 seconds/);
    vi.advanceTimersByTime(10_001);
    await failed;
    expect(f.listeners.size).toBe(0);
  });
});

describe('base64 round trip', () => {
  it('fromBase64(toBase64(x)) = x', () => {
    expect(fromBase64(toBase64(SESSION_KEY))).toEqual(SESSION_KEY);
  });
});
