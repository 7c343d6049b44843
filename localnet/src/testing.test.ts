import { describe, expect, it } from 'vitest';
import * as testing from './testing.js';

describe('@ii/localnet/testing', () => {
  it('keeps the names other packages import', () => {
    expect(Object.keys(testing).sort()).toEqual(
      [
        'Certifier',
        'StateTree',
        'authenticate',
        'buildFixtures',
        'clearCertificateCache',
        'compileCanister',
        'delegationHash',
        'encodeLeb128',
        'fixtureWasm',
        'gatewayRequest',
        'instrument',
        'isWellFormed',
        'lookupPath',
        'mainnetDelegationVector',
        'nowNs',
        'parsePublicKey',
        'parseSpki',
        'patchExports',
        'reconstruct',
        'requestId',
        'signedEnvelope',
        'verifyCertificate',
        'verifyResponse',
      ].sort(),
    );
  });
});
