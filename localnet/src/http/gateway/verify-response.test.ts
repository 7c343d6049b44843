import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ASSETS, toCertified } from '../../testing/http-fixture/assets.js';
import {
  buildAssetTree,
  icCertificateV1,
  icCertificateV2,
  v1Witness,
  v2Witness,
} from '../../testing/http-fixture/asset-certification.js';
import { forgeCertificate, makeRootKey } from './forge-certificate.test-support.js';
import { verifyResponse, type VerifyInput } from './verify-response.js';

const ID = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const NOW = 1_750_000_000_000_000_000n;
const key = makeRootKey();
const tree = buildAssetTree(FIXTURE_ASSETS.map(toCertified));
const cert = forgeCertificate(key, ID.toUint8Array(), tree.digest(), NOW);
const asset = FIXTURE_ASSETS.find((a) => a.path === '/hello.txt')!;
const request = { method: 'GET', url: '/hello.txt', headers: [], body: new Uint8Array() };

function v1Input(body = asset.body): VerifyInput {
  return {
    canisterId: ID,
    request,
    certificateVersion: 2,
    response: {
      status: 200,
      headers: [
        ...asset.headers,
        ['IC-Certificate', icCertificateV1(cert, v1Witness(tree, asset.path))],
      ],
      body,
    },
    rootKeyDer: key.der,
    nowNs: NOW,
  };
}

function v2Input(): VerifyInput {
  const c = toCertified(asset);
  return {
    ...v1Input(),
    response: {
      status: 200,
      headers: [
        ...c.headers,
        ['IC-Certificate', icCertificateV2(cert, v2Witness(tree, c), asset.path)],
      ],
      body: asset.body,
    },
  };
}

describe('verifyResponse', () => {
  it('accepts v1 and v2 responses certified by the root key', () => {
    expect(verifyResponse(v1Input())).toMatchObject({ ok: true, version: 1 });
    const v2 = verifyResponse(v2Input());
    expect(v2).toMatchObject({ ok: true, version: 2 });
    if (v2.ok) {
      const names = v2.certified!.headers.map(([n]) => n.toLowerCase());
      expect(names).toContain('content-type');
      // ic-http-gateway serves these headers: IC-Certificate reaches the browser (it is not stripped).
      expect(names).toContain('ic-certificate');
      expect(names).toContain('ic-certificateexpression');
    }
  });

  it('rejects a v1 body that is not the certified one', () => {
    const r = verifyResponse(v1Input(new TextEncoder().encode('other')));
    expect(r).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/InvalidResponseBody|body/i),
    });
  });

  it('rejects a v2 response whose status changed', () => {
    const input = v2Input();
    expect(verifyResponse({ ...input, response: { ...input.response, status: 201 } }).ok).toBe(
      false,
    );
  });

  it('rejects a certificate for another canister, another root key, or too old', () => {
    expect(
      verifyResponse({
        ...v2Input(),
        canisterId: Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai'),
      }).ok,
    ).toBe(false);
    expect(verifyResponse({ ...v2Input(), rootKeyDer: makeRootKey().der }).ok).toBe(false);
    expect(verifyResponse({ ...v2Input(), nowNs: NOW + 301n * 1_000_000_000n }).ok).toBe(false);
    expect(verifyResponse({ ...v2Input(), nowNs: NOW + 299n * 1_000_000_000n }).ok).toBe(true);
  });

  it('explains a missing certificate header', () => {
    const input = v1Input();
    const r = verifyResponse({ ...input, response: { ...input.response, headers: asset.headers } });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/certif/i) });
  });
});
