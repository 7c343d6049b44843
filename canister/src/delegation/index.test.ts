import { describe, expect, it } from 'vitest';
import * as certification from '../certification/index.js';
import * as delegation from './index.js';

// The public surface main.ts wires in: a removed or renamed export should fail here, not in the build.
describe('exports', () => {
  it('delegation/ exposes the wiring API', () => {
    expect(Object.keys(delegation).sort()).toEqual(
      [
        'CANISTER_SIG_ALGORITHM',
        'CANISTER_SIG_PK_DER_PREFIX_LENGTH',
        'DEFAULT_EXPIRATION_PERIOD_NS',
        'DELEGATION_DOMAIN_SEPARATOR',
        'DELEGATION_ERRORS',
        'DelegationError',
        'FRONTEND_HOSTNAME_LIMIT',
        'ID_ALIAS_ISSUER_URL',
        'MAX_EXPIRATION_PERIOD_NS',
        'MAX_SIGS_TO_PRUNE',
        'SALT_LENGTH',
        'SIGNATURE_EXPIRATION_PERIOD_NS',
        'SignatureMap',
        'U64_MAX',
        'calculateSeed',
        'canisterSigPublicKeyDer',
        'delegationExpiration',
        'delegationHash',
        'delegationMessageHash',
        'delegationSignaturePayload',
        'encodeCanisterSignature',
        'getDelegation',
        'getIdAlias',
        'getPrincipal',
        'idAliasCredentialJwt',
        'idAliasSeed',
        'jwsHeader',
        'jwsSigningInput',
        'normalizeFrontendHostname',
        'parseCanisterSigPublicKeyDer',
        'prepareDelegation',
        'prepareIdAlias',
        'userPrincipal',
        'vcSigningMessage',
      ].sort(),
    );
  });
  it('certification/ exposes trees, CBOR and the certified data layout', () => {
    for (const name of [
      'LabeledTree',
      'certifiedDataRoot',
      'signatureWitnessTree',
      'assetWitnessTree',
      'assetsRootHashOf',
      'encodeSelfDescribed',
      'reconstruct',
      'hashCallCount',
      'representationIndependentHash',
    ])
      expect(certification).toHaveProperty(name);
  });
});
