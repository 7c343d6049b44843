/**
 * The Azle entry of Internet Identity: each Candid method of `candid.ts` mapped to the service in
 * one line (entry/canister-class.ts registers them with Azle, checks and decodes arguments and
 * replies). Whether a method is a query or an update, and why, is noted in `candid.ts`.
 */
import {
  IDL,
  Principal,
  call,
  canisterSelf,
  certifiedDataSet,
  dataCertificate,
  msgCaller,
  time,
} from 'azle';
import * as C from './candid.js';
import {
  type CanisterDefinition,
  type ServiceHandlers,
  canisterClass,
} from './entry/canister-class.js';
import { GENERATED_ASSETS } from './generated/assets.js';
import { BUILD_RECORD_VERSION, GIT_COMMIT } from './generated/build-info.js';
import { buildAssetTables } from './http/asset-tables.js';
import {
  AGENT_API_HOSTS,
  ALTERNATIVE_ORIGINS_CONNECT_SRC,
  LOCALNET_CONNECT_SRC,
} from './http/security-headers.js';
import type { Environment } from './service/ports.js';
import { InternetIdentity } from './service/service.js';
import { StableStorage } from './state.js';
import { parseRecordVersion } from './storage/record-version.js';

const env: Environment = {
  now: () => time(),
  caller: () => msgCaller().toUint8Array(),
  canisterId: () => canisterSelf().toUint8Array(),
  setCertifiedData: (data) => certifiedDataSet(data),
  dataCertificate: () => dataCertificate(),
  rawRand: () =>
    call<undefined, Uint8Array>('aaaaa-aa', 'raw_rand', { returnIdlType: IDL.Vec(IDL.Nat8) }),
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
};

/** The service's state and methods; `definition()` is what the canister exports. */
export class InternetIdentityCanister {
  readonly storage = new StableStorage();
  #ii: InternetIdentity | undefined;

  get service(): InternetIdentity {
    if (!this.#ii) throw new Error('Internet Identity is not initialised');
    return this.#ii;
  }

  /** Starts (or, after an upgrade, restarts) the service from stable memory and `arg`. */
  start(arg: [] | [C.InternetIdentityInitT]): void {
    // Served over plain HTTP on localnet too, so no `upgrade-insecure-requests` (see README).
    const assets = ({ fetchRootKey }: { fetchRootKey: boolean }) => {
      const built = buildAssetTables(GENERATED_ASSETS, {
        canisterId: canisterSelf().toText(),
        insecureRequests: true,
        fetchRootKey,
        // The frontend's agent calls the apex API hosts, and it fetches dapps' alternative-origins files.
        extraConnectSrc: [
          ...AGENT_API_HOSTS,
          ...ALTERNATIVE_ORIGINS_CONNECT_SRC,
          ...(fetchRootKey ? LOCALNET_CONNECT_SRC : []),
        ],
      });
      if (!built.ok) throw new Error(`assets: ${built.error}`);
      return built.tables;
    };
    this.#ii = InternetIdentity.start(
      {
        env,
        storage: this.storage,
        assets,
        recordVersion: parseRecordVersion(String(BUILD_RECORD_VERSION)),
        gitCommit: GIT_COMMIT,
      },
      arg[0],
    );
  }

  definition(): CanisterDefinition {
    const ii = () => this.service;
    const m = C.serviceMethods;
    const methods: ServiceHandlers<C.InternetIdentityService> = {
      init_salt: { func: m.init_salt, handler: () => ii().initSalt() },
      create_challenge: { func: m.create_challenge, handler: () => ii().createChallenge() },
      register: { func: m.register, handler: (d, c) => ii().register(d, c) },
      add: { func: m.add, handler: (n, d) => ii().add(n, d) },
      update: { func: m.update, handler: (n, k, d) => ii().update(n, k, d) },
      replace: { func: m.replace, handler: (n, k, d) => ii().replace(n, k, d) },
      remove: { func: m.remove, handler: (n, k) => ii().remove(n, k) },
      lookup: { func: m.lookup, handler: (n) => ii().lookup(n) },
      get_anchor_credentials: {
        func: m.get_anchor_credentials,
        handler: (n) => ii().getAnchorCredentials(n),
      },
      get_anchor_info: { func: m.get_anchor_info, handler: (n) => ii().getAnchorInfo(n) },
      get_principal: {
        func: m.get_principal,
        handler: (n, f) => Principal.fromUint8Array(ii().getPrincipal(n, f)),
      },
      stats: { func: m.stats, handler: () => ii().stats() },
      enter_device_registration_mode: {
        func: m.enter_device_registration_mode,
        handler: (n) => ii().enterDeviceRegistrationMode(n),
      },
      exit_device_registration_mode: {
        func: m.exit_device_registration_mode,
        handler: (n) => ii().exitDeviceRegistrationMode(n),
      },
      add_tentative_device: {
        func: m.add_tentative_device,
        handler: (n, d) => ii().addTentativeDevice(n, d),
      },
      verify_tentative_device: {
        func: m.verify_tentative_device,
        handler: (n, code) => ii().verifyTentativeDevice(n, code),
      },
      prepare_delegation: {
        func: m.prepare_delegation,
        handler: (n, f, key, ttl) => ii().prepareDelegation(n, f, key, ttl[0]),
      },
      get_delegation: {
        func: m.get_delegation,
        handler: (n, f, key, e) => ii().getDelegation(n, f, key, e),
      },
      http_request: { func: m.http_request, handler: (r) => ii().httpRequest(r) },
      http_request_update: { func: m.http_request_update, handler: (r) => ii().httpRequest(r) },
    };
    return {
      initArgTypes: C.initArgTypes,
      init: (arg) => this.start(arg as [] | [C.InternetIdentityInitT]),
      postUpgrade: (arg) => this.start(arg as [] | [C.InternetIdentityInitT]),
      preUpgrade: () => this.#ii?.beforeUpgrade(),
      methods,
    };
  }
}

/** The one instance: its storage opens the stable maps. */
export const canister = new InternetIdentityCanister();
export default canisterClass(canister.definition());
