/**
 * The Azle entry of Internet Identity: declares each Candid method and hands it to the service.
 * Why query or update is noted per method; everything else lives in plain modules.
 */
import {
  IDL,
  Principal,
  call,
  canisterSelf,
  certifiedDataSet,
  dataCertificate,
  init,
  msgArgData,
  msgCaller,
  msgReply,
  postUpgrade,
  preUpgrade,
  query,
  time,
  trap,
  update,
} from 'azle';
import * as C from './candid.js';
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

/** Runs `fn`; any failure traps with its message, so the call changes nothing. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    trap(error instanceof Error ? error.message : String(error));
  }
}

async function guardAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    trap(error instanceof Error ? error.message : String(error));
  }
}

export default class {
  storage = new StableStorage();
  ii: InternetIdentity | undefined;

  #start(arg: [] | [C.InternetIdentityInitT]): void {
    guard(() => {
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
      this.ii = InternetIdentity.start(
        {
          env,
          storage: this.storage,
          assets,
          recordVersion: parseRecordVersion(String(BUILD_RECORD_VERSION)),
          gitCommit: GIT_COMMIT,
        },
        arg[0],
      );
    });
  }

  get #service(): InternetIdentity {
    if (!this.ii) trap('Internet Identity is not initialised');
    return this.ii;
  }

  @init(C.initArgTypes)
  init(arg: [] | [C.InternetIdentityInitT]): void {
    this.#start(arg);
  }

  @postUpgrade(C.initArgTypes)
  postUpgrade(arg: [] | [C.InternetIdentityInitT]): void {
    this.#start(arg);
  }

  @preUpgrade
  preUpgrade(): void {
    guard(() => this.ii?.beforeUpgrade());
  }

  // Updates: they change state (or call raw_rand); queries only read.
  @update([])
  async init_salt(): Promise<void> {
    await guardAsync(() => this.#service.initSalt());
  }

  // An update: the captcha is stored in the heap for the register call that follows.
  @update([], C.Challenge)
  create_challenge(): C.ChallengeT {
    return guard(() => this.#service.createChallenge());
  }

  @update([C.DeviceData, C.ChallengeResult, IDL.Opt(IDL.Principal)], C.RegisterResponse)
  async register(
    device: C.DeviceDataT,
    challenge: C.ChallengeResultT,
    _tempKey: [] | [Principal],
  ): Promise<C.RegisterResponseT> {
    return guardAsync(() => this.#service.register(device, challenge));
  }

  @update([C.UserNumber, C.DeviceData])
  async add(anchor: bigint, device: C.DeviceDataT): Promise<void> {
    await guardAsync(() => this.#service.add(anchor, device));
  }

  @update([C.UserNumber, C.DeviceKey, C.DeviceData])
  async update(anchor: bigint, key: Uint8Array, device: C.DeviceDataT): Promise<void> {
    await guardAsync(() => this.#service.update(anchor, key, device));
  }

  @update([C.UserNumber, C.DeviceKey, C.DeviceData])
  async replace(anchor: bigint, key: Uint8Array, device: C.DeviceDataT): Promise<void> {
    await guardAsync(() => this.#service.replace(anchor, key, device));
  }

  @update([C.UserNumber, C.DeviceKey])
  async remove(anchor: bigint, key: Uint8Array): Promise<void> {
    await guardAsync(() => this.#service.remove(anchor, key));
  }

  @query([C.UserNumber], IDL.Vec(C.DeviceData))
  lookup(anchor: bigint): C.DeviceDataT[] {
    return guard(() => this.#service.lookup(anchor));
  }

  @query([C.UserNumber], C.AnchorCredentials)
  get_anchor_credentials(anchor: bigint): C.AnchorCredentialsT {
    return guard(() => this.#service.getAnchorCredentials(anchor));
  }

  // An update on purpose (spec): the answer is certified by consensus.
  @update([C.UserNumber], C.IdentityAnchorInfo)
  async get_anchor_info(anchor: bigint): Promise<C.IdentityAnchorInfoT> {
    return guardAsync(() => this.#service.getAnchorInfo(anchor));
  }

  @query([C.UserNumber, C.FrontendHostname], IDL.Principal)
  get_principal(anchor: bigint, frontend: string): Principal {
    return guard(() => Principal.fromUint8Array(this.#service.getPrincipal(anchor, frontend)));
  }

  @query([], C.InternetIdentityStats)
  stats(): C.InternetIdentityStatsT {
    return guard(() => this.#service.stats());
  }

  @update([C.UserNumber], C.Timestamp)
  async enter_device_registration_mode(anchor: bigint): Promise<bigint> {
    return guardAsync(() => this.#service.enterDeviceRegistrationMode(anchor));
  }

  @update([C.UserNumber])
  async exit_device_registration_mode(anchor: bigint): Promise<void> {
    await guardAsync(() => this.#service.exitDeviceRegistrationMode(anchor));
  }

  @update([C.UserNumber, C.DeviceData], C.AddTentativeDeviceResponse)
  async add_tentative_device(
    anchor: bigint,
    device: C.DeviceDataT,
  ): Promise<C.AddTentativeDeviceResponseT> {
    return guardAsync(() => this.#service.addTentativeDevice(anchor, device));
  }

  @update([C.UserNumber, IDL.Text], C.VerifyTentativeDeviceResponse)
  async verify_tentative_device(
    anchor: bigint,
    code: string,
  ): Promise<C.VerifyTentativeDeviceResponseT> {
    return guardAsync(() => this.#service.verifyTentativeDevice(anchor, code));
  }

  // An update: it adds the signature to the certified signature map. It replies by hand because
  // it returns two values, `(UserKey, Timestamp)`, which Azle's return type cannot express.
  @update([C.UserNumber, C.FrontendHostname, C.SessionKey, IDL.Opt(IDL.Nat64)], undefined, {
    manual: true,
  })
  async prepare_delegation(): Promise<void> {
    // Manual methods get no decoded arguments: decode them from the raw message.
    const [anchor, frontend, sessionKey, maxTtl] = guard(
      () =>
        IDL.decode(C.serviceMethods.prepare_delegation.argTypes, msgArgData()) as [
          bigint,
          string,
          Uint8Array,
          [] | [bigint],
        ],
    );
    const result = await guardAsync(() =>
      this.#service.prepareDelegation(anchor, frontend, sessionKey, maxTtl[0]),
    );
    msgReply(new Uint8Array(IDL.encode(C.serviceMethods.prepare_delegation.retTypes, result)));
  }

  // A query: it needs the data certificate, which only non-replicated queries receive.
  @query([C.UserNumber, C.FrontendHostname, C.SessionKey, C.Timestamp], C.GetDelegationResponse)
  get_delegation(
    anchor: bigint,
    frontend: string,
    sessionKey: Uint8Array,
    expiration: bigint,
  ): C.GetDelegationResponseT {
    return guard(() => this.#service.getDelegation(anchor, frontend, sessionKey, expiration));
  }

  @query([C.HttpRequest], C.HttpResponse)
  http_request(request: C.HttpRequestT): C.HttpResponseT {
    return guard(() => this.#service.httpRequest(request));
  }

  @update([C.HttpRequest], C.HttpResponse)
  http_request_update(request: C.HttpRequestT): C.HttpResponseT {
    return guard(() => this.#service.httpRequest(request));
  }
}
