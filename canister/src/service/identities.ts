/**
 * The v2 API's identity methods: captcha_create, identity_register, identity_authn_info,
 * identity_info, identity_metadata_replace. Same storage, authorization and limits as the v1
 * methods (an identity is an anchor). Refusals come back as the `Err` the spec's Candid gives each
 * method; what the Candid has no case for (the register rate limit, a caller that is not the new
 * method's key) traps as in v1.
 */
import {
  ANCHOR_RECORD_MAX_BYTES,
  VARIABLE_FIELDS_MAX_BYTES,
  authnMethodDataOf,
  authnMethodOf,
  deviceFromAuthnMethod,
  identityMetadataLength,
  metadataFromV2,
  metadataToV2,
  boundedMetadata,
  replaceIdentityMetadata,
  validateDevice,
  variableFieldsLength,
} from '../anchors/index.js';
import type {
  AuthnMethodDataT,
  CaptchaCreateResponseT,
  ChallengeResultT,
  IdentityAuthnInfoResponseT,
  IdentityInfoResponseT,
  IdentityMetadataReplaceResponseT,
  IdentityRegisterResponseT,
  MetadataMapV2T,
} from '../candid.js';
import { IDENTITY_METADATA_RECORD_VERSION, encodeAnchor } from '../storage/index.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './ports.js';
import type { Registration } from './registration.js';

/** Whether a refusal means "this caller may not act for this identity". */
export function isAuthorizationFailure(error: unknown): error is ServiceError {
  return (
    error instanceof ServiceError &&
    (error.code === 'Unauthorized' || error.code === 'AnchorNotFound')
  );
}

export class Identities {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly registration: Registration,
  ) {}

  captchaCreate(): CaptchaCreateResponseT {
    try {
      const challenge = this.registration.createChallenge();
      this.ctx.countV2Call('captcha_create');
      return { Ok: challenge };
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'TooManyInflightCaptchas')
        return { Err: null };
      throw error;
    }
  }

  async register(
    data: AuthnMethodDataT,
    captcha: ChallengeResultT,
  ): Promise<IdentityRegisterResponseT> {
    await this.ctx.ensureSalt();
    const converted = deviceFromAuthnMethod(data);
    if (!converted.ok) return { Err: { InvalidMetadata: converted.message } };
    const invalid = validateDevice(converted.device);
    if (invalid) return { Err: { InvalidMetadata: `${invalid.code}: ${invalid.message}` } };
    const outcome = this.registration.registerDevice(converted.device, captcha, 'v2');
    switch (outcome.kind) {
      case 'registered':
        this.ctx.countV2Call('identity_register');
        return { Ok: outcome.anchorNumber };
      case 'bad_challenge':
        return { Err: { BadCaptcha: null } };
      case 'canister_full':
        return { Err: { CanisterFull: null } };
    }
  }

  /** Anyone may read which methods can authenticate (no metadata, no aliases). */
  authnInfo(identityNumber: bigint): IdentityAuthnInfoResponseT {
    let anchor;
    try {
      anchor = this.ctx.readAnchor(identityNumber);
    } catch (error) {
      if (error instanceof ServiceError) return { Err: null };
      throw error;
    }
    if (!anchor) return { Err: null };
    const recovery = anchor.devices.filter((d) => d.purpose === 'recovery');
    const authentication = anchor.devices.filter((d) => d.purpose !== 'recovery');
    return {
      Ok: {
        authn_methods: authentication.map(authnMethodOf),
        recovery_authn_methods: recovery.map(authnMethodOf),
      },
    };
  }

  async info(identityNumber: bigint): Promise<IdentityInfoResponseT> {
    const ctx = this.ctx;
    await ctx.ensureSalt();
    let anchor;
    try {
      ({ anchor } = ctx.authenticated(identityNumber));
    } catch (error) {
      if (isAuthorizationFailure(error)) return { Err: { Unauthorized: ctx.callerPrincipal() } };
      if (error instanceof ServiceError) return { Err: { InternalCanisterError: error.message } };
      throw error;
    }
    const registration = ctx.registrations.info(identityNumber, ctx.env.now());
    return {
      Ok: {
        authn_methods: anchor.devices.map(authnMethodDataOf),
        authn_method_registration: registration
          ? [
              {
                expiration: registration.expiration,
                authn_method: registration.tentativeDevice
                  ? [authnMethodDataOf(registration.tentativeDevice)]
                  : [],
              },
            ]
          : [],
        metadata: metadataToV2(boundedMetadata(anchor.identityMetadata ?? [])),
      },
    };
  }

  async metadataReplace(
    identityNumber: bigint,
    metadataV2: MetadataMapV2T,
  ): Promise<IdentityMetadataReplaceResponseT> {
    const ctx = this.ctx;
    await ctx.ensureSalt();
    let anchor;
    try {
      ({ anchor } = ctx.authenticated(identityNumber));
    } catch (error) {
      if (isAuthorizationFailure(error)) return { Err: { Unauthorized: ctx.callerPrincipal() } };
      if (error instanceof ServiceError) return { Err: { InternalCanisterError: error.message } };
      throw error;
    }
    if (ctx.recordVersion < IDENTITY_METADATA_RECORD_VERSION) {
      return {
        Err: {
          InternalCanisterError: `this build writes record format ${ctx.recordVersion}, which cannot store identity metadata`,
        },
      };
    }
    const metadata = metadataFromV2(metadataV2);
    const result = replaceIdentityMetadata(anchor, metadata);
    if (!result.ok) {
      const e = result.error;
      if (e.code === 'VariableFieldsLimitExceeded') {
        let devices = 0;
        for (const d of anchor.devices) devices += variableFieldsLength(d);
        return {
          Err: {
            StorageSpaceExceeded: {
              space_available: BigInt(Math.max(0, VARIABLE_FIELDS_MAX_BYTES - devices)),
              space_required: BigInt(identityMetadataLength(metadata)),
            },
          },
        };
      }
      return { Err: { InternalCanisterError: `${e.code}: ${e.message}` } };
    }
    try {
      ctx.apply(result);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'AnchorTooLarge') {
        const { identityMetadata: _m, ...without } = anchor;
        const base = encodeAnchor(without, ctx.recordVersion).length;
        const full = encodeAnchor(result.anchor, ctx.recordVersion).length;
        return {
          Err: {
            StorageSpaceExceeded: {
              space_available: BigInt(Math.max(0, ANCHOR_RECORD_MAX_BYTES - base)),
              space_required: BigInt(full - base),
            },
          },
        };
      }
      if (error instanceof ServiceError) return { Err: { InternalCanisterError: error.message } };
      throw error;
    }
    ctx.countV2Call('identity_metadata_replace');
    return { Ok: null };
  }
}
