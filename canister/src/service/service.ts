/**
 * The Internet Identity service: every method of the spec, by area, over the plain domain
 * modules. The Azle entry (src/main.ts) maps each Candid method to one call on an area; errors are
 * thrown as ServiceError, which the entry turns into a trap so that the call changes nothing.
 */
import type { InternetIdentityInitT } from '../candid.js';
import {
  decodePersistentState,
  defaultPersistentState,
  encodePersistentState,
} from '../storage/index.js';
import { Archive } from './archive.js';
import { AuthnMethods } from './authn-methods.js';
import { applyInitArg } from './config.js';
import { ServiceContext, type ServiceOptions } from './context.js';
import { Delegations } from './delegations.js';
import { Devices } from './devices.js';
import { HttpInterface } from './http.js';
import { IdAlias } from './id-alias.js';
import { Identities } from './identities.js';
import { ServiceError } from './ports.js';
import { DeviceRegistration } from './registration-mode.js';
import { Registration } from './registration.js';

export type { ServiceOptions } from './context.js';

export class InternetIdentity {
  readonly registration: Registration;
  readonly devices: Devices;
  readonly deviceRegistration: DeviceRegistration;
  readonly delegations: Delegations;
  readonly http: HttpInterface;
  /** API v2: identities and their metadata. */
  readonly identities: Identities;
  /** API v2: authentication methods and their registration flow. */
  readonly authnMethods: AuthnMethods;
  /** Attribute sharing (id_alias credentials). */
  readonly idAlias: IdAlias;
  /** The archive: its deployment, and the entries it pulls. */
  readonly archive: Archive;

  private constructor(private readonly ctx: ServiceContext) {
    this.registration = new Registration(ctx);
    this.identities = new Identities(ctx, this.registration);
    this.authnMethods = new AuthnMethods(ctx);
    this.idAlias = new IdAlias(ctx);
    this.archive = new Archive(ctx);
    this.devices = new Devices(ctx);
    this.deviceRegistration = new DeviceRegistration(ctx);
    this.delegations = new Delegations(ctx);
    this.http = new HttpInterface(ctx);
  }

  /**
   * Install (no stored state) and upgrade (stored state, possibly a new init argument) both end
   * here: the argument's non-null fields replace the stored ones, then certified data is set.
   */
  static start(options: ServiceOptions, arg: InternetIdentityInitT | undefined): InternetIdentity {
    const stored = options.storage.readPersistentState();
    let state = defaultPersistentState();
    if (stored !== undefined) {
      const decoded = decodePersistentState(stored);
      if (!decoded.ok)
        throw new ServiceError(`PersistentState${decoded.error.code}`, decoded.error.message);
      state = decoded.value;
    }
    state = applyInitArg(state, arg, options.env.now());
    options.storage.writePersistentState(encodePersistentState(state));
    const ctx = new ServiceContext(options, state);
    ctx.updateCertifiedData();
    return new InternetIdentity(ctx);
  }

  /** init_salt: only the first writer of the salt wins; everybody else traps. */
  initSalt(): Promise<void> {
    return this.ctx.initSalt();
  }

  /** Called before an upgrade: the rate limiter's tokens are persisted so they survive it. */
  beforeUpgrade(): void {
    this.ctx.saveState({
      ...this.ctx.state,
      registerRateLimitState: this.ctx.rateLimit.snapshot(),
    });
  }
}
