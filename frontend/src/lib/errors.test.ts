import {
  CertificateVerificationErrorCode,
  CertifiedRejectErrorCode,
  HttpErrorCode,
  HttpFetchErrorCode,
  ProtocolError,
  RejectError,
  TransportError,
  TrustError,
  UncertifiedRejectErrorCode,
} from '@dfinity/agent';
import { describe, expect, it } from 'vitest';
import { canRetry, ERROR_MESSAGES, IIError, toIIError, trapKind } from './errors.js';
import { parsePhrase } from './recovery-phrase.js';

const reqId = new Uint8Array(32) as never;
const trap = (text: string, rejectCode = 5) =>
  RejectError.fromCode(
    new CertifiedRejectErrorCode(
      reqId,
      rejectCode,
      `Error from Canister rdmx6-jaaaa-aaaaa-aaadq-cai: Canister called \`ic0.trap\` with message: '${text}'`,
      'IC0503',
    ),
  );

describe('errors', () => {
  it('maps canister traps by their code', () => {
    expect(toIIError(trap('Unauthorized: the caller is not a device of anchor 10000')).kind).toBe(
      'unauthorized',
    );
    expect(toIIError(trap('TooManyDevices: at most 10 devices')).kind).toBe('too_many_devices');
    expect(toIIError(trap('MutationNotAllowed: protected')).kind).toBe('protected_device');
    expect(toIIError(trap('AliasTooLong: 65 > 64')).kind).toBe('invalid_device');
    expect(toIIError(trap('RateLimitExceeded: rate limit reached')).kind).toBe('rate_limited');
    const q = RejectError.fromCode(
      new UncertifiedRejectErrorCode(
        reqId,
        5,
        "trapped: 'AnchorNotFound: anchor 1 does not exist'",
        undefined,
        [],
      ),
    );
    expect(toIIError(q).kind).toBe('anchor_not_found');
    // An unknown trap is still an error, but not a misleading one.
    expect(toIIError(trap('SomethingNew: ?')).kind).toBe('unknown');
    expect(trapKind('no code here')).toBeUndefined();
  });

  it('keeps the technical text out of the user message', () => {
    const e = toIIError(trap('Unauthorized: caller 2vxsx-fae'));
    expect(e).toBeInstanceOf(IIError);
    expect(e.message).toBe(ERROR_MESSAGES.unauthorized);
    expect(e.detail).toContain('2vxsx-fae');
  });

  it('maps an unreachable canister and network failures to "unreachable"', () => {
    expect(toIIError(trap('Canister rdmx6 not found', 3)).kind).toBe('unreachable');
    expect(
      toIIError(TransportError.fromCode(new HttpFetchErrorCode(new TypeError('Failed to fetch'))))
        .kind,
    ).toBe('unreachable');
    expect(toIIError(ProtocolError.fromCode(new HttpErrorCode(503, 'x', [], ''))).kind).toBe(
      'unreachable',
    );
    expect(toIIError(new TypeError('Failed to fetch')).kind).toBe('unreachable');
    expect(
      toIIError(TrustError.fromCode(new CertificateVerificationErrorCode('bad sig'))).kind,
    ).toBe('untrusted_response');
  });

  it('maps WebAuthn outcomes', () => {
    const dom = (name: string) => Object.assign(new Error('x'), { name });
    expect(toIIError(dom('NotAllowedError')).kind).toBe('passkey_cancelled');
    expect(toIIError(dom('InvalidStateError')).kind).toBe('passkey_already_registered');
    expect(toIIError(new Error('WebAuthn is not supported in this browser')).kind).toBe(
      'passkey_unsupported',
    );
  });

  it('says how many attempts are left for a wrong code, and passes IIErrors through', () => {
    const e = new IIError('wrong_code', undefined, 2);
    expect(e.message).toMatch(/2 attempts left/);
    expect(new IIError('wrong_code', undefined, 1).message).toMatch(/1 attempt left/);
    expect(toIIError(e)).toBe(e);
    expect(toIIError('weird').kind).toBe('unknown');
  });

  it('offers a retry only where repeating the action can help', () => {
    expect(canRetry(new IIError('passkey_cancelled'))).toBe(true);
    expect(canRetry(new IIError('unreachable'))).toBe(true);
    expect(canRetry(new IIError('passkey_already_registered'))).toBe(false);
    expect(canRetry(new IIError('invalid_phrase'))).toBe(false);
    expect(canRetry(new IIError('device_not_found'))).toBe(false);
    expect(canRetry(new IIError('bad_captcha'))).toBe(false);
  });

  it('keeps the precise text of a recovery phrase problem (not "Something went wrong")', () => {
    for (const text of [
      `10000 ${'abandon '.repeat(5)}abandn ${'abandon '.repeat(17)}art`,
      `10000 ${'abandon '.repeat(22)}art`,
      `10000 ${'abandon '.repeat(23)}about`,
    ]) {
      let thrown: unknown;
      try {
        parsePhrase(text);
      } catch (e) {
        thrown = e;
      }
      const e = toIIError(thrown);
      expect(e.kind).toBe('invalid_phrase');
      expect(e.message).toBe((thrown as Error).message);
      expect(e.message).not.toBe(ERROR_MESSAGES.unknown);
    }
  });
});
