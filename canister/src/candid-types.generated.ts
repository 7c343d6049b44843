// Generated from src/candid.ts by scripts/candid-types.ts; do not edit.
import type { Principal } from '@dfinity/principal';

export type AddTentativeDeviceResponseT =
  | { device_registration_mode_off: null }
  | { another_device_tentatively_added: null }
  | {
      added_tentatively: {
        verification_code: string;
        device_registration_timeout: bigint;
      };
    };
export type AnalyticsConfigT = {
  Plausible: {
    domain: [] | [string];
    track_localhost: [] | [boolean];
    hash_mode: [] | [boolean];
    api_host: [] | [string];
  };
};
export type AnchorCredentialsT = {
  recovery_phrases: Array<Uint8Array>;
  credentials: Array<WebAuthnCredentialT>;
  recovery_credentials: Array<WebAuthnCredentialT>;
};
export type AnchorEntriesT = {
  entries: Array<[] | [ArchiveEntryT]>;
  next_token: [] | [Uint8Array];
};
export type ArchiveConfigT = {
  polling_interval_ns: bigint;
  entries_buffer_limit: bigint;
  module_hash: Uint8Array;
  entries_fetch_limit: number;
};
export type ArchiveEntryT = {
  sequence_number: bigint;
  anchor: bigint;
  operation: ArchiveOperationT;
  timestamp: bigint;
  caller: Principal;
};
export type ArchiveInfoT = {
  archive_config: [] | [ArchiveConfigT];
  archive_canister: [] | [Principal];
};
export type ArchiveInitT = {
  max_entries_per_call: number;
  polling_interval_ns: bigint;
  ii_canister: Principal;
  error_buffer_limit: number;
};
export type ArchiveOperationT =
  | {
      replace_device: {
        new_device: DeviceDataWithoutAliasT;
        old_device: Uint8Array;
      };
    }
  | {
      add_device: {
        device: DeviceDataWithoutAliasT;
      };
    }
  | {
      identity_metadata_replace: {
        metadata_keys: Array<string>;
      };
    }
  | {
      register_anchor: {
        device: DeviceDataWithoutAliasT;
      };
    }
  | {
      update_device: {
        new_values: DeviceDataUpdateT;
        device: Uint8Array;
      };
    }
  | {
      remove_device: {
        device: Uint8Array;
      };
    };
export type ArchiveStatusT = {
  number_of_entries: bigint;
  init: ArchiveInitT;
  last_sequence_number: [] | [bigint];
  call_info: CallInfoT;
};
export type AuthnMethodT = { PubKey: PublicKeyAuthnT } | { WebAuthn: WebAuthnT };
export type AuthnMethodAddErrorT = { InvalidMetadata: string };
export type AuthnMethodAddResponseT = { Ok: null } | { Err: AuthnMethodAddErrorT };
export type AuthnMethodConfirmResponseT = { Ok: null } | { Err: AuthnMethodConfirmationErrorT };
export type AuthnMethodConfirmationCodeT = {
  confirmation_code: string;
  expiration: bigint;
};
export type AuthnMethodConfirmationErrorT =
  | { RegistrationModeOff: null }
  | { NoAuthnMethodToConfirm: null }
  | {
      WrongCode: {
        retries_left: number;
      };
    };
export type AuthnMethodDataT = {
  security_settings: AuthnMethodSecuritySettingsT;
  metadata: MetadataMapV2T;
  last_authentication: [] | [bigint];
  authn_method: AuthnMethodT;
};
export type AuthnMethodMetadataReplaceErrorT =
  { AuthnMethodNotFound: null } | { InvalidMetadata: string };
export type AuthnMethodMetadataReplaceResponseT =
  { Ok: null } | { Err: AuthnMethodMetadataReplaceErrorT };
export type AuthnMethodProtectionT = { Protected: null } | { Unprotected: null };
export type AuthnMethodPurposeT = { Recovery: null } | { Authentication: null };
export type AuthnMethodRegisterErrorT =
  | { RegistrationModeOff: null }
  | { RegistrationAlreadyInProgress: null }
  | { InvalidMetadata: string };
export type AuthnMethodRegisterResponseT =
  { Ok: AuthnMethodConfirmationCodeT } | { Err: AuthnMethodRegisterErrorT };
export type AuthnMethodRegistrationInfoT = {
  expiration: bigint;
  authn_method: [] | [AuthnMethodDataT];
};
export type AuthnMethodRegistrationModeEnterResponseT =
  | {
      Ok: {
        expiration: bigint;
      };
    }
  | { Err: null };
export type AuthnMethodRegistrationModeExitResponseT = { Ok: null } | { Err: null };
export type AuthnMethodRemoveResponseT = { Ok: null } | { Err: null };
export type AuthnMethodReplaceErrorT = { AuthnMethodNotFound: null } | { InvalidMetadata: string };
export type AuthnMethodReplaceResponseT = { Ok: null } | { Err: AuthnMethodReplaceErrorT };
export type AuthnMethodSecuritySettingsT = {
  protection: AuthnMethodProtectionT;
  purpose: AuthnMethodPurposeT;
};
export type AuthnMethodSecuritySettingsReplaceErrorT = { AuthnMethodNotFound: null };
export type AuthnMethodSecuritySettingsReplaceResponseT =
  { Ok: null } | { Err: AuthnMethodSecuritySettingsReplaceErrorT };
export type BufferedArchiveEntryT = {
  sequence_number: bigint;
  entry: Uint8Array;
  anchor_number: bigint;
  timestamp: bigint;
};
export type CallErrorInfoT = {
  argument: Uint8Array;
  method: string;
  time: bigint;
  message: string;
  canister: Principal;
  rejection_code: number;
};
export type CallInfoT = {
  call_errors: Array<CallErrorInfoT>;
  last_successful_fetch: [] | [FetchInfoT];
};
export type CaptchaConfigT = {
  max_unsolved_captchas: bigint;
  captcha_trigger: CaptchaTriggerT;
};
export type CaptchaCreateResponseT = { Ok: ChallengeT } | { Err: null };
export type CaptchaTriggerT =
  | {
      Dynamic: {
        reference_rate_sampling_interval_s: bigint;
        threshold_pct: number;
        current_rate_sampling_interval_s: bigint;
      };
    }
  | { Static: { CaptchaDisabled: null } | { CaptchaEnabled: null } };
export type ChallengeT = {
  png_base64: string;
  challenge_key: string;
};
export type ChallengeResultT = {
  key: string;
  chars: string;
};
export type CursorT = { next_token: Uint8Array } | { timestamp: bigint };
export type DelegationT = {
  pubkey: Uint8Array;
  targets: [] | [Array<Principal>];
  expiration: bigint;
};
export type DeployArchiveResultT =
  { creation_in_progress: null } | { success: Principal } | { failed: string };
export type DeviceDataT = {
  alias: string;
  metadata: [] | [MetadataMapT];
  origin: [] | [string];
  protection: DeviceProtectionT;
  pubkey: Uint8Array;
  key_type: KeyTypeT;
  aaguid: [] | [Uint8Array];
  purpose: PurposeT;
  credential_id: [] | [Uint8Array];
};
export type DeviceDataUpdateT = {
  alias: [] | [PrivateT];
  origin: [] | [[] | [string]];
  protection: [] | [DeviceProtectionT];
  metadata_keys: [] | [[] | [Array<string>]];
  key_type: [] | [KeyTypeT];
  aaguid: [] | [[] | [Uint8Array]];
  purpose: [] | [PurposeT];
  credential_id: [] | [[] | [Uint8Array]];
};
export type DeviceDataWithoutAliasT = {
  origin: [] | [string];
  protection: DeviceProtectionT;
  pubkey: Uint8Array;
  metadata_keys: [] | [Array<string>];
  key_type: KeyTypeT;
  aaguid: [] | [Uint8Array];
  purpose: PurposeT;
  credential_id: [] | [Uint8Array];
};
export type DeviceProtectionT = { unprotected: null } | { protected: null };
export type DeviceRegistrationInfoT = {
  tentative_device: [] | [DeviceDataT];
  expiration: bigint;
};
export type DeviceWithUsageT = {
  alias: string;
  last_usage: [] | [bigint];
  metadata: [] | [MetadataMapT];
  origin: [] | [string];
  protection: DeviceProtectionT;
  pubkey: Uint8Array;
  key_type: KeyTypeT;
  aaguid: [] | [Uint8Array];
  purpose: PurposeT;
  credential_id: [] | [Uint8Array];
};
export type DnssecConfigT = {
  root_anchors: Array<DnssecRootAnchorT>;
};
export type DnssecRootAnchorT = {
  algorithm: number;
  key_tag: number;
  digest_type: number;
  digest: Uint8Array;
};
export type DohConfigT = {
  max_cache_age_secs: [] | [bigint];
  allowed_domains: Array<string>;
};
export type DummyAuthConfigT = {
  prompt_for_index: boolean;
};
export type EntriesT = {
  entries: Array<[] | [ArchiveEntryT]>;
};
export type FetchInfoT = {
  number_of_entries: number;
  timestamp: bigint;
};
export type GetDelegationResponseT =
  { no_such_delegation: null } | { signed_delegation: SignedDelegationT };
export type GetIdAliasErrorT =
  { InternalCanisterError: string } | { Unauthorized: Principal } | { NoSuchCredentials: string };
export type GetIdAliasRequestT = {
  rp_id_alias_jwt: string;
  issuer: string;
  issuer_id_alias_jwt: string;
  relying_party: string;
  identity_number: bigint;
};
export type GetIdAliasResponseT = { Ok: IdAliasCredentialsT } | { Err: GetIdAliasErrorT };
export type HttpRequestT = {
  url: string;
  method: string;
  body: Uint8Array;
  headers: Array<[string, string]>;
  certificate_version: [] | [number];
};
export type HttpResponseT = {
  body: Uint8Array;
  headers: Array<[string, string]>;
  upgrade: [] | [boolean];
  streaming_strategy: [] | [StreamingStrategyT];
  status_code: number;
};
export type IdAliasCredentialsT = {
  rp_id_alias_credential: SignedIdAliasT;
  issuer_id_alias_credential: SignedIdAliasT;
};
export type IdentityAnchorInfoT = {
  devices: Array<DeviceWithUsageT>;
  device_registration: [] | [DeviceRegistrationInfoT];
};
export type IdentityAuthnInfoT = {
  authn_methods: Array<AuthnMethodT>;
  recovery_authn_methods: Array<AuthnMethodT>;
};
export type IdentityAuthnInfoResponseT = { Ok: IdentityAuthnInfoT } | { Err: null };
export type IdentityInfoT = {
  authn_methods: Array<AuthnMethodDataT>;
  metadata: MetadataMapV2T;
  authn_method_registration: [] | [AuthnMethodRegistrationInfoT];
};
export type IdentityInfoErrorT = { InternalCanisterError: string } | { Unauthorized: Principal };
export type IdentityInfoResponseT = { Ok: IdentityInfoT } | { Err: IdentityInfoErrorT };
export type IdentityMetadataReplaceErrorT =
  | { InternalCanisterError: string }
  | { Unauthorized: Principal }
  | {
      StorageSpaceExceeded: {
        space_required: bigint;
        space_available: bigint;
      };
    };
export type IdentityMetadataReplaceResponseT =
  { Ok: null } | { Err: IdentityMetadataReplaceErrorT };
export type IdentityRegisterErrorT =
  { BadCaptcha: null } | { CanisterFull: null } | { InvalidMetadata: string };
export type IdentityRegisterResponseT = { Ok: bigint } | { Err: IdentityRegisterErrorT };
export type InternetIdentityInitT = {
  doh_config: [] | [[] | [DohConfigT]];
  fetch_root_key: [] | [boolean];
  is_production: [] | [boolean];
  backend_canister_id: [] | [Principal];
  enable_dapps_explorer: [] | [boolean];
  assigned_user_number_range: [] | [[bigint, bigint]];
  new_flow_origins: [] | [Array<string>];
  dnssec_config: [] | [[] | [DnssecConfigT]];
  max_inflight_captchas: [] | [bigint];
  archive_config: [] | [ArchiveConfigT];
  canister_creation_cycles_cost: [] | [bigint];
  analytics_config: [] | [[] | [AnalyticsConfigT]];
  enable_dnssec_email_recovery: [] | [boolean];
  related_origins: [] | [Array<string>];
  openid_configs: [] | [Array<OpenIdConfigT>];
  backend_origin: [] | [string];
  captcha_config: [] | [CaptchaConfigT];
  mcp_official_url: [] | [[] | [string]];
  dummy_auth: [] | [[] | [DummyAuthConfigT]];
  sso_allow_insecure_discovery: [] | [boolean];
  register_rate_limit: [] | [RateLimitConfigT];
};
export type InternetIdentityStatsT = {
  storage_layout_version: number;
  users_registered: bigint;
  assigned_user_number_range: [bigint, bigint];
  archive_info: ArchiveInfoT;
  canister_creation_cycles_cost: bigint;
  event_aggregations: Array<[string, Array<[string, bigint]>]>;
};
export type KeyTypeT =
  | { platform: null }
  | { seed_phrase: null }
  | { cross_platform: null }
  | { unknown: null }
  | { browser_storage_key: null };
export type ManagementCanisterSettingsT = {
  controllers: [] | [Array<Principal>];
};
export type ManagementInstallModeT =
  | { reinstall: null }
  | {
      upgrade:
        | []
        | [
            {
              skip_pre_upgrade: [] | [boolean];
            },
          ];
    }
  | { install: null };
export type MetadataMapT = Array<
  [string, { map: MetadataMapT } | { string: string } | { bytes: Uint8Array }]
>;
export type MetadataMapV2T = Array<
  [string, { Map: MetadataMapV2T } | { String: string } | { Bytes: Uint8Array }]
>;
export type OpenIdConfigT = {
  auth_uri: string;
  jwks_uri: string;
  logo: string;
  name: string;
  fedcm_uri: [] | [string];
  email_verification: [] | [OpenIdEmailVerificationT];
  issuer: string;
  auth_scope: Array<string>;
  seed_jwks: [] | [Array<Array<[string, string]>>];
  client_id: string;
};
export type OpenIdEmailVerificationT = { Google: null } | { Unknown: null } | { Microsoft: null };
export type PrepareIdAliasErrorT = { InternalCanisterError: string } | { Unauthorized: Principal };
export type PrepareIdAliasRequestT = {
  issuer: string;
  relying_party: string;
  identity_number: bigint;
};
export type PrepareIdAliasResponseT = { Ok: PreparedIdAliasT } | { Err: PrepareIdAliasErrorT };
export type PreparedIdAliasT = {
  rp_id_alias_jwt: string;
  issuer_id_alias_jwt: string;
  canister_sig_pk_der: Uint8Array;
};
export type PrivateT = { redacted: null };
export type PublicKeyAuthnT = {
  pubkey: Uint8Array;
};
export type PurposeT = { authentication: null } | { recovery: null };
export type RateLimitConfigT = {
  max_tokens: bigint;
  time_per_token_ns: bigint;
};
export type RegisterResponseT =
  | { bad_challenge: null }
  | { canister_full: null }
  | {
      registered: {
        user_number: bigint;
      };
    };
export type SignedDelegationT = {
  signature: Uint8Array;
  delegation: DelegationT;
};
export type SignedIdAliasT = {
  credential_jws: string;
  id_alias: Principal;
  id_dapp: Principal;
};
export type StreamingCallbackHttpResponseT = {
  token: [] | [TokenT];
  body: Uint8Array;
};
export type StreamingStrategyT = {
  Callback: {
    token: TokenT;
    callback: [Principal, string];
  };
};
export type TokenT = Record<string, never>;
export type VerifyTentativeDeviceResponseT =
  | { device_registration_mode_off: null }
  | { verified: null }
  | {
      wrong_code: {
        retries_left: number;
      };
    }
  | { no_device_to_verify: null };
export type WebAuthnT = {
  pubkey: Uint8Array;
  aaguid: [] | [Uint8Array];
  credential_id: Uint8Array;
};
export type WebAuthnCredentialT = {
  pubkey: Uint8Array;
  credential_id: Uint8Array;
};
export type AaguidT = Uint8Array;
export type ChallengeKeyT = string;
export type CredentialIdT = Uint8Array;
export type DeviceKeyT = Uint8Array;
export type FrontendHostnameT = string;
export type HeaderFieldT = [string, string];
export type IdentityNumberT = bigint;
export type PublicKeyT = Uint8Array;
export type SessionKeyT = Uint8Array;
export type TimestampT = bigint;
export type UserKeyT = Uint8Array;
export type UserNumberT = bigint;

/** The actor interface: `Actor.createActor<InternetIdentityService>(idlFactory, …)`. */
export interface InternetIdentityService {
  init_salt(): Promise<void>;
  create_challenge(): Promise<ChallengeT>;
  register(
    arg0: DeviceDataT,
    arg1: ChallengeResultT,
    arg2: [] | [Principal],
  ): Promise<RegisterResponseT>;
  add(arg0: bigint, arg1: DeviceDataT): Promise<void>;
  update(arg0: bigint, arg1: Uint8Array, arg2: DeviceDataT): Promise<void>;
  replace(arg0: bigint, arg1: Uint8Array, arg2: DeviceDataT): Promise<void>;
  remove(arg0: bigint, arg1: Uint8Array): Promise<void>;
  lookup(arg0: bigint): Promise<Array<DeviceDataT>>;
  get_anchor_credentials(arg0: bigint): Promise<AnchorCredentialsT>;
  get_anchor_info(arg0: bigint): Promise<IdentityAnchorInfoT>;
  get_principal(arg0: bigint, arg1: string): Promise<Principal>;
  stats(): Promise<InternetIdentityStatsT>;
  enter_device_registration_mode(arg0: bigint): Promise<bigint>;
  exit_device_registration_mode(arg0: bigint): Promise<void>;
  add_tentative_device(arg0: bigint, arg1: DeviceDataT): Promise<AddTentativeDeviceResponseT>;
  verify_tentative_device(arg0: bigint, arg1: string): Promise<VerifyTentativeDeviceResponseT>;
  prepare_delegation(
    arg0: bigint,
    arg1: string,
    arg2: Uint8Array,
    arg3: [] | [bigint],
  ): Promise<[Uint8Array, bigint]>;
  get_delegation(
    arg0: bigint,
    arg1: string,
    arg2: Uint8Array,
    arg3: bigint,
  ): Promise<GetDelegationResponseT>;
  http_request(arg0: HttpRequestT): Promise<HttpResponseT>;
  http_request_update(arg0: HttpRequestT): Promise<HttpResponseT>;
  deploy_archive(arg0: Uint8Array): Promise<DeployArchiveResultT>;
  fetch_entries(): Promise<Array<BufferedArchiveEntryT>>;
  acknowledge_entries(arg0: bigint): Promise<void>;
  captcha_create(): Promise<CaptchaCreateResponseT>;
  identity_register(
    arg0: AuthnMethodDataT,
    arg1: ChallengeResultT,
    arg2: [] | [Principal],
  ): Promise<IdentityRegisterResponseT>;
  identity_authn_info(arg0: bigint): Promise<IdentityAuthnInfoResponseT>;
  identity_info(arg0: bigint): Promise<IdentityInfoResponseT>;
  identity_metadata_replace(
    arg0: bigint,
    arg1: MetadataMapV2T,
  ): Promise<IdentityMetadataReplaceResponseT>;
  authn_method_add(arg0: bigint, arg1: AuthnMethodDataT): Promise<AuthnMethodAddResponseT>;
  authn_method_replace(
    arg0: bigint,
    arg1: Uint8Array,
    arg2: AuthnMethodDataT,
  ): Promise<AuthnMethodReplaceResponseT>;
  authn_method_metadata_replace(
    arg0: bigint,
    arg1: Uint8Array,
    arg2: MetadataMapV2T,
  ): Promise<AuthnMethodMetadataReplaceResponseT>;
  authn_method_security_settings_replace(
    arg0: bigint,
    arg1: Uint8Array,
    arg2: AuthnMethodSecuritySettingsT,
  ): Promise<AuthnMethodSecuritySettingsReplaceResponseT>;
  authn_method_remove(arg0: bigint, arg1: Uint8Array): Promise<AuthnMethodRemoveResponseT>;
  authn_method_registration_mode_enter(
    arg0: bigint,
  ): Promise<AuthnMethodRegistrationModeEnterResponseT>;
  authn_method_registration_mode_exit(
    arg0: bigint,
  ): Promise<AuthnMethodRegistrationModeExitResponseT>;
  authn_method_register(
    arg0: bigint,
    arg1: AuthnMethodDataT,
  ): Promise<AuthnMethodRegisterResponseT>;
  authn_method_confirm(arg0: bigint, arg1: string): Promise<AuthnMethodConfirmResponseT>;
  prepare_id_alias(arg0: PrepareIdAliasRequestT): Promise<PrepareIdAliasResponseT>;
  get_id_alias(arg0: GetIdAliasRequestT): Promise<GetIdAliasResponseT>;
}

/** The actor interface: `Actor.createActor<ArchiveService>(archiveIdlFactory, …)`. */
export interface ArchiveService {
  get_entries(arg0: [] | [bigint], arg1: [] | [number]): Promise<EntriesT>;
  get_anchor_entries(
    arg0: bigint,
    arg1: [] | [CursorT],
    arg2: [] | [number],
  ): Promise<AnchorEntriesT>;
  status(): Promise<ArchiveStatusT>;
  http_request(arg0: HttpRequestT): Promise<HttpResponseT>;
}

/** The actor interface: `Actor.createActor<ManagementService>(IDL.Service(managementMethods), …)`. */
export interface ManagementService {
  create_canister(arg0: { settings: [] | [ManagementCanisterSettingsT] }): Promise<{
    canister_id: Principal;
  }>;
  canister_status(arg0: { canister_id: Principal }): Promise<{
    module_hash: [] | [Uint8Array];
  }>;
  install_code(arg0: {
    arg: Uint8Array;
    wasm_module: Uint8Array;
    mode: ManagementInstallModeT;
    canister_id: Principal;
  }): Promise<void>;
}
