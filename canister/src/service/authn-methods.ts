/**
 * The v2 API's authentication-method methods: add, replace, metadata and security-settings
 * replace, remove, and the registration flow (mode enter/exit, register, confirm). An
 * authentication method is a device (anchors/authn-methods.ts); every write goes through the same
 * domain operations and limits as the v1 methods, and device registration mode is the v1 one.
 *
 * Refusals and the `Err` they come back as, where the spec's Candid gives one:
 *   - the caller may not act for the identity (not one of its devices; a protected method changed
 *     by another): the bare `Err` of remove and registration mode enter/exit; add, replace,
 *     metadata/security-settings replace and confirm have no case for it and trap, as v1 does;
 *   - the method is not on the identity: `AuthnMethodNotFound` (remove: `Err`);
 *   - the submitted method breaks a rule (metadata that cannot be a device, a field limit, the
 *     anchor's device count or size limit, a duplicate key, a second recovery phrase):
 *     `InvalidMetadata("<Code>: <what>")`, the one case add, replace and metadata replace have
 *     for the data; security-settings replace has none (protecting a method that is not a recovery
 *     phrase traps), nor does confirm for the confirmed method (its write traps, which also undoes
 *     the confirmation).
 */
import {
  type Anchor,
  type AnchorError,
  type Device,
  addDevice,
  authnMethodDataOf,
  checkMutationAllowed,
  deviceFromAuthnMethod,
  removeDevice,
  replaceDevice,
  updateDevice,
  validateDevice,
  verificationCodeFromRandomness,
} from '../anchors/index.js';
import { bytesEqual } from '../bytes.js';
import type {
  AuthnMethodAddResponseT,
  AuthnMethodConfirmResponseT,
  AuthnMethodDataT,
  AuthnMethodMetadataReplaceResponseT,
  AuthnMethodRegisterResponseT,
  AuthnMethodRegistrationModeEnterResponseT,
  AuthnMethodRegistrationModeExitResponseT,
  AuthnMethodRemoveResponseT,
  AuthnMethodReplaceResponseT,
  AuthnMethodSecuritySettingsReplaceResponseT,
  AuthnMethodSecuritySettingsT,
  MetadataMapV2T,
} from '../candid.js';
import type { ServiceContext } from './context.js';
import { isAuthorizationFailure } from './identities.js';
import { ServiceError } from './ports.js';

/** Refusals that mean the caller may not make this change. */
const AUTHORIZATION = new Set(['Unauthorized', 'AnchorNotFound', 'MutationNotAllowed']);

type Converted = { ok: true; device: Device } | { ok: false; invalid: string };

/** The device a v2 method stands for, checked like every device write. */
function convert(data: AuthnMethodDataT): Converted {
  const converted = deviceFromAuthnMethod(data);
  if (!converted.ok) return { ok: false, invalid: converted.message };
  const error = validateDevice(converted.device);
  if (error) return { ok: false, invalid: `${error.code}: ${error.message}` };
  return { ok: true, device: converted.device };
}

const describe = (e: AnchorError | ServiceError) =>
  e instanceof ServiceError ? e.message : `${e.code}: ${e.message}`;

export class AuthnMethods {
  constructor(private readonly ctx: ServiceContext) {}

  /** The anchor and the caller's device; traps when the caller may not act for it. */
  private async authenticated(identityNumber: bigint): Promise<{ anchor: Anchor; actor: Device }> {
    await this.ctx.ensureSalt();
    return this.ctx.authenticated(identityNumber);
  }

  /**
   * The method with `key` for a change by `actor`: undefined when there is none; traps when
   * `actor` may not change it (a protected method), before the new data is even looked at.
   */
  private target(anchor: Anchor, actor: Device, key: Uint8Array): Device | undefined {
    const existing = anchor.devices.find((d) => bytesEqual(d.pubkey, key));
    const denied = existing && checkMutationAllowed(existing, actor);
    if (denied) throw new ServiceError(denied.code, denied.message);
    return existing;
  }

  /**
   * Writes an operation's result. A refused data rule comes back as its text (for the caller's
   * `InvalidMetadata`); authorization failures and other refusals throw (trap).
   */
  private write(result: ReturnType<typeof addDevice>, method: string): string | undefined {
    if (!result.ok && !AUTHORIZATION.has(result.error.code)) return describe(result.error);
    try {
      this.ctx.apply(result);
    } catch (error) {
      // The record-size limit is checked when the record is encoded.
      if (error instanceof ServiceError && error.code === 'AnchorTooLarge') return describe(error);
      throw error;
    }
    this.ctx.countV2Call(method);
    return undefined;
  }

  async add(identityNumber: bigint, data: AuthnMethodDataT): Promise<AuthnMethodAddResponseT> {
    const { anchor } = await this.authenticated(identityNumber);
    const converted = convert(data);
    if (!converted.ok) return { Err: { InvalidMetadata: converted.invalid } };
    const refused = this.write(addDevice(anchor, converted.device), 'authn_method_add');
    return refused ? { Err: { InvalidMetadata: refused } } : { Ok: null };
  }

  async replace(
    identityNumber: bigint,
    key: Uint8Array,
    data: AuthnMethodDataT,
  ): Promise<AuthnMethodReplaceResponseT> {
    const { anchor, actor } = await this.authenticated(identityNumber);
    if (!this.target(anchor, actor, key)) return { Err: { AuthnMethodNotFound: null } };
    const converted = convert(data);
    if (!converted.ok) return { Err: { InvalidMetadata: converted.invalid } };
    const result = replaceDevice(anchor, key, converted.device, actor);
    const refused = this.write(result, 'authn_method_replace');
    return refused ? { Err: { InvalidMetadata: refused } } : { Ok: null };
  }

  /**
   * The whole metadata map is replaced, so alias, origin and the key type (which the v2 metadata
   * carries) change with it; the key, credential id, AAGUID and security settings stay.
   */
  async metadataReplace(
    identityNumber: bigint,
    key: Uint8Array,
    metadata: MetadataMapV2T,
  ): Promise<AuthnMethodMetadataReplaceResponseT> {
    const { anchor, actor } = await this.authenticated(identityNumber);
    const existing = this.target(anchor, actor, key);
    if (!existing) return { Err: { AuthnMethodNotFound: null } };
    const converted = convert({ ...authnMethodDataOf(existing), metadata });
    if (!converted.ok) return { Err: { InvalidMetadata: converted.invalid } };
    const result = updateDevice(anchor, key, converted.device, actor);
    const refused = this.write(result, 'authn_method_metadata_replace');
    return refused ? { Err: { InvalidMetadata: refused } } : { Ok: null };
  }

  async securitySettingsReplace(
    identityNumber: bigint,
    key: Uint8Array,
    settings: AuthnMethodSecuritySettingsT,
  ): Promise<AuthnMethodSecuritySettingsReplaceResponseT> {
    const { anchor, actor } = await this.authenticated(identityNumber);
    const existing = this.target(anchor, actor, key);
    if (!existing) return { Err: { AuthnMethodNotFound: null } };
    const { lastUsage: _usage, unknownFields: _unknown, ...device } = existing;
    const changed: Device = {
      ...device,
      protection: 'Protected' in settings.protection ? 'protected' : 'unprotected',
      purpose: 'Recovery' in settings.purpose ? 'recovery' : 'authentication',
    };
    // No Err case for a refused rule (only recovery phrases may be protected): it traps.
    this.ctx.apply(updateDevice(anchor, key, changed, actor));
    this.ctx.countV2Call('authn_method_security_settings_replace');
    return { Ok: null };
  }

  async remove(identityNumber: bigint, key: Uint8Array): Promise<AuthnMethodRemoveResponseT> {
    try {
      const { anchor, actor } = await this.authenticated(identityNumber);
      const result = removeDevice(anchor, key, actor);
      if (!result.ok) return { Err: null };
      // Never refused for size: removing a method must stay possible for an anchor over a limit.
      this.ctx.apply(result, { sizeLimit: false });
    } catch (error) {
      if (isAuthorizationFailure(error)) return { Err: null };
      throw error;
    }
    this.ctx.countV2Call('authn_method_remove');
    return { Ok: null };
  }

  async registrationModeEnter(
    identityNumber: bigint,
  ): Promise<AuthnMethodRegistrationModeEnterResponseT> {
    try {
      await this.authenticated(identityNumber);
    } catch (error) {
      if (isAuthorizationFailure(error)) return { Err: null };
      throw error;
    }
    const expiration = this.ctx.registrations.enter(identityNumber, this.ctx.env.now());
    this.ctx.countV2Call('authn_method_registration_mode_enter');
    return { Ok: { expiration } };
  }

  async registrationModeExit(
    identityNumber: bigint,
  ): Promise<AuthnMethodRegistrationModeExitResponseT> {
    try {
      await this.authenticated(identityNumber);
    } catch (error) {
      if (isAuthorizationFailure(error)) return { Err: null };
      throw error;
    }
    this.ctx.registrations.exit(identityNumber);
    this.ctx.countV2Call('authn_method_registration_mode_exit');
    return { Ok: null };
  }

  /** Anyone may register a method tentatively; the identity's owner confirms it with the code. */
  async register(
    identityNumber: bigint,
    data: AuthnMethodDataT,
  ): Promise<AuthnMethodRegisterResponseT> {
    const ctx = this.ctx;
    await ctx.ensureSalt();
    const converted = convert(data);
    if (!converted.ok) return { Err: { InvalidMetadata: converted.invalid } };
    // An identity that does not exist cannot be in registration mode. Checked before paying for
    // a raw_rand call.
    if (!ctx.registrations.info(identityNumber, ctx.env.now()))
      return { Err: { RegistrationModeOff: null } };
    const code = verificationCodeFromRandomness(await ctx.env.rawRand());
    const result = ctx.registrations.addTentative(
      identityNumber,
      converted.device,
      ctx.env.now(),
      code,
    );
    switch (result.kind) {
      case 'added_tentatively':
        ctx.countV2Call('authn_method_register');
        return {
          Ok: {
            confirmation_code: result.verificationCode,
            expiration: result.deviceRegistrationTimeout,
          },
        };
      case 'device_registration_mode_off':
        return { Err: { RegistrationModeOff: null } };
      case 'another_device_tentatively_added':
        return { Err: { RegistrationAlreadyInProgress: null } };
    }
  }

  async confirm(identityNumber: bigint, code: string): Promise<AuthnMethodConfirmResponseT> {
    const { anchor } = await this.authenticated(identityNumber);
    const result = this.ctx.registrations.verify(identityNumber, code, this.ctx.env.now());
    switch (result.kind) {
      case 'verified':
        // A refusal here traps, which also undoes the confirmation above.
        this.ctx.apply(addDevice(anchor, result.device));
        this.ctx.countV2Call('authn_method_confirm');
        return { Ok: null };
      case 'wrong_code':
        return { Err: { WrongCode: { retries_left: result.retriesLeft } } };
      case 'device_registration_mode_off':
        return { Err: { RegistrationModeOff: null } };
      case 'no_device_to_verify':
        return { Err: { NoAuthnMethodToConfirm: null } };
    }
  }
}
