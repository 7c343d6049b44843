/**
 * The Azle entry of Internet Identity: each Candid method of `candid.ts` mapped to the service in
 * one line (entry/canister-class.ts registers them with Azle, checks and decodes arguments and
 * replies). Whether a method is a query or an update, and why, is noted in `candid.ts`.
 */
import { Principal } from 'azle';
import * as C from './candid.js';
import {
  type CanisterDefinition,
  type ServiceHandlers,
  canisterClass,
  methodsOf,
} from './entry/canister-class.js';
import { serviceOptions } from './entry/service-options.js';
import { FAULT } from './generated/build-info.js';
import { InternetIdentity } from './service/service.js';
import { StableStorage } from './state.js';

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
    if (FAULT === 'upgrade-trap' && this.storage.readPersistentState() !== undefined)
      throw new Error('upgrade-trap fault: this build cannot read the stored state');
    this.#ii = InternetIdentity.start(serviceOptions(this.storage), arg[0]);
  }

  definition(): CanisterDefinition {
    const ii = () => this.service;
    const methods: ServiceHandlers<C.InternetIdentityService> = {
      init_salt: () => ii().initSalt(),
      create_challenge: () => ii().registration.createChallenge(),
      register: (d, c) => ii().registration.register(d, c),
      add: (n, d) => ii().devices.add(n, d),
      update: (n, k, d) => ii().devices.update(n, k, d),
      replace: (n, k, d) => ii().devices.replace(n, k, d),
      remove: (n, k) => ii().devices.remove(n, k),
      lookup: (n) => ii().devices.lookup(n),
      get_anchor_credentials: (n) => ii().devices.getAnchorCredentials(n),
      get_anchor_info: (n) => ii().devices.getAnchorInfo(n),
      get_principal: (n, f) => Principal.fromUint8Array(ii().delegations.principal(n, f)),
      stats: () => ii().http.stats(),
      enter_device_registration_mode: (n) => ii().deviceRegistration.enter(n),
      exit_device_registration_mode: (n) => ii().deviceRegistration.exit(n),
      add_tentative_device: (n, d) => ii().deviceRegistration.addTentative(n, d),
      verify_tentative_device: (n, code) => ii().deviceRegistration.verify(n, code),
      prepare_delegation: (n, f, key, ttl) =>
        FAULT === 'prepare-delegation-trap'
          ? Promise.reject(new Error('prepare-delegation-trap fault'))
          : ii().delegations.prepare(n, f, key, ttl[0]),
      get_delegation: (n, f, key, e) => ii().delegations.get(n, f, key, e),
      http_request: (r) => ii().http.request(r),
      http_request_update: (r) => ii().http.request(r),
      deploy_archive: (wasm) => ii().archive.deploy(wasm),
      fetch_entries: () => ii().archive.fetch(),
      acknowledge_entries: (n) => ii().archive.acknowledge(n),
      captcha_create: () => ii().identities.captchaCreate(),
      identity_register: (m, c) => ii().identities.register(m, c),
      identity_authn_info: (n) => ii().identities.authnInfo(n),
      identity_info: (n) => ii().identities.info(n),
      identity_metadata_replace: (n, m) => ii().identities.metadataReplace(n, m),
      authn_method_add: (n, m) => ii().authnMethods.add(n, m),
      authn_method_replace: (n, k, m) => ii().authnMethods.replace(n, k, m),
      authn_method_metadata_replace: (n, k, m) => ii().authnMethods.metadataReplace(n, k, m),
      authn_method_security_settings_replace: (n, k, s) =>
        ii().authnMethods.securitySettingsReplace(n, k, s),
      authn_method_remove: (n, k) => ii().authnMethods.remove(n, k),
      authn_method_registration_mode_enter: (n) => ii().authnMethods.registrationModeEnter(n),
      authn_method_registration_mode_exit: (n) => ii().authnMethods.registrationModeExit(n),
      authn_method_register: (n, m) => ii().authnMethods.register(n, m),
      authn_method_confirm: (n, code) => ii().authnMethods.confirm(n, code),
      prepare_id_alias: (r) => ii().idAlias.prepare(r),
      get_id_alias: (r) => ii().idAlias.get(r),
    };
    return {
      initArgTypes: C.initArgTypes,
      init: (arg) => this.start(arg as [] | [C.InternetIdentityInitT]),
      postUpgrade: (arg) => this.start(arg as [] | [C.InternetIdentityInitT]),
      preUpgrade: () => this.#ii?.beforeUpgrade(),
      methods: methodsOf(C.serviceMethods, methods),
    };
  }
}

/** The one instance: its storage opens the stable maps. */
export const canister = new InternetIdentityCanister();
export default canisterClass(canister.definition());
