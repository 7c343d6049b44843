import { describe, expect, it } from 'vitest';
import * as certification from './index.js';

describe('certification exports', () => {
  it('exposes the public API and nothing internal', () => {
    expect(Object.keys(certification).sort()).toEqual(
      [
        'BLS_DER_PREFIX',
        'BLS_SIGNATURE_DST',
        'BlsKey',
        'CERTIFICATION_ERRORS',
        'CertificationError',
        'Certifier',
        'EMPTY_HASH',
        'HashTreeNode',
        'NodeKey',
        'RESPONSE_DOMAIN_SEPARATOR',
        'STATE_ROOT_DOMAIN_SEPARATOR',
        'StateTree',
        'blsVerify',
        'compareLabels',
        'decodeLeb128',
        'domainSeparator',
        'ed25519Verify',
        'empty',
        'encodeCanisterRanges',
        'encodeCertificate',
        'encodeLeb128',
        'fork',
        'hashFork',
        'hashLabeled',
        'hashLeaf',
        'labelBytes',
        'labeled',
        'leaf',
        'pruned',
        'queryResponseHash',
        'reconstruct',
        'representationIndependentHash',
        'signQueryResponse',
        'signQueryResponseAsync',
        'verifyQueryResponseSignature',
        'writeSubnetState',
      ].sort(),
    );
  });
});
