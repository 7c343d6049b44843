import { describe, expect, it } from 'vitest';
import * as anchors from './index.js';
import * as storage from '../storage/index.js';

describe('public entry points', () => {
  it('anchors exports the functions the canister wires in', () => {
    for (const name of [
      'deviceFromCandid',
      'deviceToCandid',
      'deviceToCandidWithUsage',
      'validateDevice',
      'validateDevices',
      'authenticate',
      'isCallerDevice',
      'registerAnchor',
      'addDevice',
      'updateDevice',
      'replaceDevice',
      'removeDevice',
      'recordDeviceUsage',
      'RegistrationModes',
      'verificationCodeFromRandomness',
      'RegisterRateLimit',
      'allocateAnchorNumber',
      'changeAnchorRange',
    ]) {
      expect(typeof (anchors as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('storage exports the codecs and serializers', () => {
    for (const name of [
      'encodeAnchor',
      'decodeAnchor',
      'anchorKey',
      'encodePersistentState',
      'decodePersistentState',
    ]) {
      expect(typeof (storage as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(typeof storage.anchorKeySerializer.toBytes).toBe('function');
  });
});
