// Test-only: the http_fixture canister's http_request answered in Node (same assets, same
// certification code), with a forged replica certificate, for gateway tests without a replica.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import {
  chunksOf,
  FIXTURE_ASSETS,
  toCertified,
  UNCERTIFIED_PATH,
  UPGRADE_PATH,
} from '../../testing/http-fixture/assets.js';
import {
  buildAssetTree,
  icCertificateV1,
  icCertificateV2,
  v1Witness,
  v2Witness,
  type Header,
} from '../../testing/http-fixture/asset-certification.js';
import { forgeCertificate, type TestRootKey } from './forge-certificate.test-support.js';

const H = IDL.Tuple(IDL.Text, IDL.Text);
const Req = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(H),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});
const Token = IDL.Record({
  key: IDL.Text,
  content_encoding: IDL.Text,
  index: IDL.Nat,
  sha256: IDL.Opt(IDL.Vec(IDL.Nat8)),
});
const CbResp = IDL.Record({ body: IDL.Vec(IDL.Nat8), token: IDL.Opt(Token) });
const Resp = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(H),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
  streaming_strategy: IDL.Opt(
    IDL.Variant({
      Callback: IDL.Record({
        callback: IDL.Func([Token], [IDL.Opt(CbResp)], ['query']),
        token: Token,
      }),
    }),
  ),
});

type Outcome = { reply: Uint8Array } | { reject: { code: number; message: string } };

export interface CannedOptions {
  key: TestRootKey;
  canisterId: Principal;
  /** Time written into the certificate. */
  certTimeNs: bigint;
  /** Replace a served response (after certification) to simulate a misbehaving canister or replica. */
  tamper?: (
    path: string,
    headers: Header[],
    body: Uint8Array,
  ) => { headers: Header[]; body: Uint8Array };
}

function reply(value: unknown, type: IDL.Type = Resp): Outcome {
  return { reply: new Uint8Array(IDL.encode([type], [value])) };
}

function plain(status: number, text: string, upgrade = false) {
  return {
    status_code: status,
    headers: [['Content-Type', 'text/plain']],
    body: new TextEncoder().encode(text),
    upgrade: upgrade ? [true] : [],
    streaming_strategy: [],
  };
}

export function cannedHttpCanister(opts: CannedOptions) {
  const tree = buildAssetTree(FIXTURE_ASSETS.map(toCertified));
  const cert = forgeCertificate(
    opts.key,
    opts.canisterId.toUint8Array(),
    tree.digest(),
    opts.certTimeNs,
  );
  return {
    calls: [] as { kind: 'query' | 'update'; method: string }[],
    query(method: string, arg: Uint8Array): Outcome {
      this.calls.push({ kind: 'query', method });
      if (method === 'http_streaming_callback') {
        const [token] = IDL.decode([Token], arg) as unknown as [{ key: string; index: bigint }];
        const asset = FIXTURE_ASSETS.find((a) => a.path === token.key)!;
        const chunks = chunksOf(asset.body, asset.chunkSize!);
        const i = Number(token.index);
        const next = i + 1 < chunks.length ? [{ ...token, index: BigInt(i + 1) }] : [];
        return reply([{ body: chunks[i], token: next }], IDL.Opt(CbResp));
      }
      if (method !== 'http_request')
        return { reject: { code: 3, message: `Canister has no query method '${method}'` } };
      const [req] = IDL.decode([Req], arg) as unknown as [
        { url: string; certificate_version: [] | [number] },
      ];
      const path = req.url.split('?')[0];
      if (path === UPGRADE_PATH) return reply(plain(200, '', true));
      if (path === UNCERTIFIED_PATH) return reply(plain(200, 'no certificate here'));
      const asset = FIXTURE_ASSETS.find((a) => a.path === path);
      if (asset === undefined) return reply(plain(404, `Asset ${path} not found.`));
      const v2 = (req.certificate_version[0] ?? 1) >= 2;
      const headers: Header[] = v2 ? toCertified(asset).headers : [...asset.headers];
      headers.push([
        'IC-Certificate',
        v2
          ? icCertificateV2(cert, v2Witness(tree, toCertified(asset)), path)
          : icCertificateV1(cert, v1Witness(tree, path)),
      ]);
      const served = asset.servedBody ?? asset.body;
      const t = opts.tamper ? opts.tamper(path, headers, served) : { headers, body: served };
      const chunks = asset.chunkSize ? chunksOf(t.body, asset.chunkSize) : [t.body];
      return reply({
        status_code: asset.status,
        headers: t.headers,
        body: chunks[0],
        upgrade: [],
        streaming_strategy:
          chunks.length > 1
            ? [
                {
                  Callback: {
                    callback: [opts.canisterId, 'http_streaming_callback'],
                    token: { key: path, content_encoding: 'identity', index: 1n, sha256: [] },
                  },
                },
              ]
            : [],
      });
    },
    update(method: string, arg: Uint8Array): Outcome {
      this.calls.push({ kind: 'update', method });
      if (method !== 'http_request_update')
        return { reject: { code: 3, message: `no update method '${method}'` } };
      const [req] = IDL.decode([Req], arg) as unknown as [{ method: string; url: string }];
      return reply(plain(200, `updated: ${req.method} ${req.url}`));
    },
  };
}

export { Principal };
