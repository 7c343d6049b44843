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
import { canRetry, FRONTEND_ERRORS, FrontendError, toFrontendError, trapCode } from './errors.js';
import { AuthRequestTimeoutError } from './authorize/channel.js';
import { ConfigError } from './config.js';
import { parsePhrase } from './recovery-phrase.js';
import { CborError } from './webauthn/cbor.js';
import { PasskeyError } from './webauthn/errors.js';

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
    expect(
      toFrontendError(trap('Unauthorized: the caller is not a device of anchor 10000')).code,
    ).toBe('unauthorized');
    expect(toFrontendError(trap('TooManyDevices: at most 10 devices')).code).toBe(
      'too_many_devices',
    );
    expect(toFrontendError(trap('MutationNotAllowed: protected')).code).toBe('protected_device');
    expect(toFrontendError(trap('AliasTooLong: 65 > 64')).code).toBe('invalid_device');
    expect(toFrontendError(trap('RateLimitExceeded: rate limit reached')).code).toBe(
      'rate_limited',
    );
    const q = RejectError.fromCode(
      new UncertifiedRejectErrorCode(
        reqId,
        5,
        "trapped: 'AnchorNotFound: anchor 1 does not exist'",
        undefined,
        [],
      ),
    );
    expect(toFrontendError(q).code).toBe('anchor_not_found');
    // An unknown trap is still an error, but not a misleading one.
    expect(toFrontendError(trap('SomethingNew: ?')).code).toBe('unknown');
    expect(trapCode('no code here')).toBeUndefined();
  });

  it('keeps the technical text out of the user message', () => {
    const e = toFrontendError(trap('Unauthorized: caller 2vxsx-fae'));
    expect(e).toBeInstanceOf(FrontendError);
    expect(e.message).toBe(FRONTEND_ERRORS.unauthorized);
    expect(e.detail).toContain('2vxsx-fae');
  });

  it('maps an unreachable canister and network failures to "unreachable"', () => {
    expect(toFrontendError(trap('Canister rdmx6 not found', 3)).code).toBe('unreachable');
    expect(
      toFrontendError(
        TransportError.fromCode(new HttpFetchErrorCode(new TypeError('Failed to fetch'))),
      ).code,
    ).toBe('unreachable');
    expect(toFrontendError(ProtocolError.fromCode(new HttpErrorCode(503, 'x', [], ''))).code).toBe(
      'unreachable',
    );
    expect(toFrontendError(new TypeError('Failed to fetch')).code).toBe('unreachable');
    expect(
      toFrontendError(TrustError.fromCode(new CertificateVerificationErrorCode('bad sig'))).code,
    ).toBe('untrusted_response');
  });

  it('maps WebAuthn outcomes', () => {
    const dom = (name: string) => Object.assign(new Error('x'), { name });
    expect(toFrontendError(dom('NotAllowedError')).code).toBe('passkey_cancelled');
    expect(toFrontendError(dom('InvalidStateError')).code).toBe('passkey_already_registered');
    expect(toFrontendError(new Error('WebAuthn is not supported in this browser')).code).toBe(
      'passkey_unsupported',
    );
  });

  it('says how many attempts are left for a wrong code, and passes FrontendErrors through', () => {
    const e = new FrontendError('wrong_code', undefined, 2);
    expect(e.message).toMatch(/2 attempts left/);
    expect(new FrontendError('wrong_code', undefined, 1).message).toMatch(/1 attempt left/);
    expect(toFrontendError(e)).toBe(e);
    expect(toFrontendError('weird').code).toBe('unknown');
  });

  it('offers a retry only where repeating the action can help', () => {
    expect(canRetry(new FrontendError('passkey_cancelled'))).toBe(true);
    expect(canRetry(new FrontendError('unreachable'))).toBe(true);
    expect(canRetry(new FrontendError('passkey_already_registered'))).toBe(false);
    expect(canRetry(new FrontendError('invalid_phrase'))).toBe(false);
    expect(canRetry(new FrontendError('device_not_found'))).toBe(false);
    expect(canRetry(new FrontendError('bad_captcha'))).toBe(false);
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
      const e = toFrontendError(thrown);
      expect(e.code).toBe('invalid_phrase');
      expect(e.message).toBe((thrown as Error).message);
      expect(e.message).not.toBe(FRONTEND_ERRORS.unknown);
    }
  });

  it("shows the frontend's own failures under the user's codes, their technical text as detail", () => {
    const own = [
      new AuthRequestTimeoutError(10_000),
      new ConfigError('config_not_json', 'The page configuration is not valid JSON.'),
      new CborError('CBOR: truncated'),
      new PasskeyError('webauthn_bad_attestation', 'The authenticator data is truncated.'),
    ];
    for (const thrown of own) {
      expect(thrown).toBeInstanceOf(FrontendError);
      const e = toFrontendError(thrown);
      expect([e.code, e.message, e.detail]).toEqual([
        'unknown',
        FRONTEND_ERRORS.unknown,
        thrown.message,
      ]);
    }
    const foreign = new PasskeyError('webauthn_unknown_credential', "not one of the anchor's");
    expect(toFrontendError(foreign).code).toBe('passkey_unknown');
    expect(toFrontendError(foreign).message).toBe(FRONTEND_ERRORS.passkey_unknown);
    const alg = new PasskeyError('webauthn_unsupported_algorithm', 'Ed25519');
    expect(toFrontendError(alg).code).toBe('passkey_unsupported');
  });
});
