/**
 * The service's ports implemented with Azle's System API, and its options as this build has them:
 * the embedded assets, the record format, the git commit and the flavor.
 */
import { IDL, call, canisterSelf, certifiedDataSet, dataCertificate, msgCaller, time } from 'azle';
import { managementMethods } from '../candid.js';
import { GENERATED_ASSETS } from '../generated/assets.js';
import { WRONG_PAGE_CANISTER_ID } from '../faults.js';
import { BUILD_RECORD_VERSION, FAULT, FLAVOR, GIT_COMMIT } from '../generated/build-info.js';
import { buildAssetTables } from '../http/asset-tables.js';
import {
  AGENT_API_HOSTS,
  ALTERNATIVE_ORIGINS_CONNECT_SRC,
  LOCALNET_CONNECT_SRC,
} from '../http/security-headers.js';
import type { Environment, Storage } from '../service/ports.js';
import type { ServiceOptions } from '../service/service.js';
import { parseRecordVersion } from '../storage/record-version.js';

const env: Environment = {
  now: () => time(),
  caller: () => msgCaller().toUint8Array(),
  canisterId: () => canisterSelf().toUint8Array(),
  setCertifiedData: (data) => certifiedDataSet(data),
  dataCertificate: () => dataCertificate(),
  rawRand: () =>
    call<undefined, Uint8Array>('aaaaa-aa', 'raw_rand', { returnIdlType: IDL.Vec(IDL.Nat8) }),
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
  management: async (method, args, cycles) => {
    const func = managementMethods[method];
    const reply = await call<Uint8Array, Uint8Array>('aaaaa-aa', method, {
      raw: true,
      args: new Uint8Array(IDL.encode(func.argTypes, args)),
      cycles,
    });
    const decoded = IDL.decode(func.retTypes, reply);
    return decoded.length === 0 ? undefined : decoded[0];
  },
};

// Served over plain HTTP on localnet too, so no `upgrade-insecure-requests` (see README).
function assets({
  fetchRootKey,
  captchaEnabled,
}: {
  fetchRootKey: boolean;
  captchaEnabled: boolean;
}) {
  const built = buildAssetTables(GENERATED_ASSETS, {
    canisterId: FAULT === 'page-canister-id' ? WRONG_PAGE_CANISTER_ID : canisterSelf().toText(),
    insecureRequests: true,
    fetchRootKey,
    // Only the test page reads it; production pages keep their config as it was.
    ...(FLAVOR === 'test' ? { captcha: captchaEnabled } : {}),
    // The frontend's agent calls the apex API hosts, and it fetches dapps' alternative-origins files.
    extraConnectSrc: [
      ...(FAULT === 'csp-api-host' ? [] : AGENT_API_HOSTS),
      ...ALTERNATIVE_ORIGINS_CONNECT_SRC,
      ...(fetchRootKey ? LOCALNET_CONNECT_SRC : []),
    ],
  });
  if (!built.ok) throw new Error(`assets: ${built.error}`);
  // A certified root that no served asset's witness reconstructs to.
  if (FAULT === 'asset-certification')
    return { ...built.tables, assetsRootHash: new Uint8Array(32).fill(0xfa) };
  return built.tables;
}

export function serviceOptions(storage: Storage): ServiceOptions {
  return {
    env,
    storage,
    assets,
    recordVersion: parseRecordVersion(String(BUILD_RECORD_VERSION)),
    gitCommit: GIT_COMMIT,
    flavor: FLAVOR,
  };
}
