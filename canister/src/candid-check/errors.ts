/** Why a Candid message was refused before decoding; the candid-check share of the error table. */
import { CanisterError } from '../canister-error.js';

export const CANDID_ERRORS = {
  II_ERR_CANDID_MAGIC: 'the message does not start with DIDL',
  II_ERR_CANDID_TRUNCATED: 'the message ends inside a value',
  II_ERR_CANDID_TRAILING: 'bytes are left over after the last argument',
  II_ERR_CANDID_LEB: 'a LEB128 number is malformed or too large',
  II_ERR_CANDID_TYPE: 'the type table is malformed',
  II_ERR_CANDID_VALUE: 'a value is malformed',
  II_ERR_CANDID_TEXT: 'a text is not valid UTF-8',
  II_ERR_CANDID_COST: 'the message holds more values than a call may decode',
  II_ERR_CANDID_DEPTH: 'values are nested too deeply',
} as const;

export type CandidErrorCode = keyof typeof CANDID_ERRORS;

export class CandidError extends CanisterError {
  declare readonly code: CandidErrorCode;

  constructor(code: CandidErrorCode, detail?: string) {
    super(code, detail ? `${CANDID_ERRORS[code]}: ${detail}` : CANDID_ERRORS[code]);
    this.name = 'CandidError';
  }
}
