import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthError, SignatureError } from './auth/index.js';
import { CertificationError } from './certification/index.js';
import { LOCALNET_ERRORS, LocalnetError } from './errors.js';
import { EnvelopeError } from './http/api/envelope.js';
import { StreamingError } from './http/gateway/collect-body.js';
import { CandidDecodeError } from './http/gateway/index.js';
import { loadOrCreateSeed } from './persistence.js';
import { Clock } from './replica/clock.js';
import { ReplicaError } from './replica/errors.js';
import { RejectCode } from './replica/reject.js';
import { TlsError } from './tls/index.js';
import {
  HostTrap,
  InvalidModuleError,
  RuntimeUsageError,
  StableMemoryError,
  WasmParseError,
} from './wasm/errors.js';

describe('the localnet error table', () => {
  const cases: Array<[LocalnetError, string, string, string]> = [
    [new HostTrap('called_trap', 'boom'), 'HostTrap', 'II_ERR_WASM_CALLED_TRAP', 'boom'],
    [new HostTrap('trapped', 'x'), 'HostTrap', 'II_ERR_WASM_TRAPPED', 'x'],
    [new HostTrap('contract_violation', 'y'), 'HostTrap', 'II_ERR_WASM_CONTRACT_VIOLATION', 'y'],
    [
      new HostTrap('instruction_limit', 'instruction limit exceeded'),
      'HostTrap',
      'II_ERR_WASM_INSTRUCTION_LIMIT',
      'instruction limit exceeded',
    ],
    [new InvalidModuleError('no'), 'InvalidModuleError', 'II_ERR_WASM_INVALID_MODULE', 'no'],
    [
      new WasmParseError('section 3 runs past the end'),
      'WasmParseError',
      'II_ERR_WASM_PARSE',
      'invalid wasm module: section 3 runs past the end',
    ],
    [new StableMemoryError('s'), 'StableMemoryError', 'II_ERR_WASM_STABLE_MEMORY', 's'],
    [new RuntimeUsageError('r'), 'RuntimeUsageError', 'II_ERR_WASM_RUNTIME_USAGE', 'r'],
    [
      new ReplicaError('Canister x not found', RejectCode.DestinationInvalid, 'IC0301'),
      'ReplicaError',
      'II_ERR_REPLICA_REJECT',
      'Canister x not found',
    ],
    [
      new AuthError('Invalid signature'),
      'AuthError',
      'II_ERR_AUTH_REQUEST_INVALID',
      'Invalid signature',
    ],
    [new SignatureError('bad'), 'SignatureError', 'II_ERR_AUTH_SIGNATURE', 'bad'],
    [
      new CertificationError('II_ERR_CERT_SEED_LENGTH', 'got 31'),
      'CertificationError',
      'II_ERR_CERT_SEED_LENGTH',
      'a certifier seed must be exactly 32 bytes: got 31',
    ],
    [new EnvelopeError('e'), 'EnvelopeError', 'II_ERR_HTTP_ENVELOPE', 'e'],
    [new CandidDecodeError('c'), 'CandidDecodeError', 'II_ERR_GATEWAY_CANDID', 'c'],
    [new StreamingError('s'), 'StreamingError', 'II_ERR_GATEWAY_STREAMING', 's'],
    [new TlsError('II_ERR_TLS_CA', 'expired'), 'TlsError', 'II_ERR_TLS_CA', 'expired'],
  ];

  it('roots every error class in LocalnetError with a code from LOCALNET_ERRORS; messages unchanged', () => {
    for (const [error, name, code, message] of cases) {
      expect(error).toBeInstanceOf(LocalnetError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(Object.keys(LOCALNET_ERRORS)).toContain(error.code);
      expect(error.message).toBe(message);
    }
  });

  it('keeps what the classes carry beside the code', () => {
    const replica = new ReplicaError('m', RejectCode.DestinationInvalid, 'IC0301');
    expect([replica.rejectCode, replica.errorCode]).toEqual([3, 'IC0301']);
    expect(new ReplicaError('m').rejectCode).toBe(RejectCode.CanisterError);
    expect(new AuthError('m', 403).status).toBe(403);
    expect(new HostTrap('trapped', 'r').kind).toBe('trapped');
  });

  it('describes every code, each under the II_ERR_ prefix', () => {
    for (const [code, meaning] of Object.entries(LOCALNET_ERRORS)) {
      expect(code).toMatch(/^II_ERR_[A-Z0-9_]+$/);
      expect(meaning.length).toBeGreaterThan(10);
    }
  });

  it('codes what the library and the state dir throw', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof LocalnetError ? [e.code, e.message] : ['not a LocalnetError'];
      }
      return ['nothing thrown'];
    };
    expect(code(() => new Clock().advance(-1n))).toEqual([
      'II_ERR_CLOCK_BACKWARDS',
      'time can only move forward',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'localnet-errors-'));
    try {
      writeFileSync(join(dir, 'seed.bin'), new Uint8Array(5));
      expect(code(() => loadOrCreateSeed(dir))).toEqual([
        'II_ERR_STATE_DIR_SEED',
        `${join(dir, 'seed.bin')} must hold 32 bytes, found 5`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
