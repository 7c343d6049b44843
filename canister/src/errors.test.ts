import { describe, expect, it } from 'vitest';
import { CandidError } from './candid-check/errors.js';
import { TooManyInflightCaptchasError } from './captcha/errors.js';
import { CertificationError } from './certification/errors.js';
import { DelegationError } from './delegation/errors.js';
import { CANISTER_ERRORS, CanisterError } from './errors.js';
import { ServiceError } from './service/errors.js';

describe('the canister error table', () => {
  it('roots every error class in CanisterError with a code from CANISTER_ERRORS', () => {
    const errors = [
      new ServiceError('Unauthorized', 'the caller is not authorized to use anchor 1'),
      new ServiceError('AnchorRecordChecksumMismatch', 'bad crc'),
      new ServiceError('TooManyDevices', 'eleven'),
      new DelegationError('II_ERR_DELEGATION_HOSTNAME_TOO_LONG'),
      new CertificationError('II_ERR_CERT_PATH_EMPTY'),
      new CandidError('II_ERR_CANDID_MAGIC'),
      new TooManyInflightCaptchasError(500),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(CanisterError);
      expect(Object.keys(CANISTER_ERRORS)).toContain(e.code);
    }
  });

  it('keeps the trap texts callers match on: a refusal starts with its code', () => {
    expect(new ServiceError('Unauthorized', 'no').message).toBe('Unauthorized: no');
    expect(new CandidError('II_ERR_CANDID_TRAILING', '1 bytes').message).toBe(
      'bytes are left over after the last argument: 1 bytes',
    );
  });
});
