/**
 * The Candid interface of the Internet Identity canister (the spec's v1 API), written once.
 * The canister's methods are declared with these types, the build writes `internet_identity.did`
 * from them, and every other package (frontend, probes, deploy, tests) builds its actors from
 * `idlFactory` here. Plain @dfinity/candid: no azle import, so Node code can use it too.
 */
import { IDL } from '@dfinity/candid';

export const UserNumber = IDL.Nat64;
export const PublicKey = IDL.Vec(IDL.Nat8);
export const CredentialId = IDL.Vec(IDL.Nat8);
/** An authenticator's AAGUID (16 bytes); an addition of the official II's interface. */
export const Aaguid = IDL.Vec(IDL.Nat8);
export const DeviceKey = PublicKey;
export const UserKey = PublicKey;
export const SessionKey = PublicKey;
export const FrontendHostname = IDL.Text;
export const Timestamp = IDL.Nat64;

export const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);
export const HttpRequest = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});
export const Token = IDL.Record({});
export const StreamingCallbackHttpResponse = IDL.Record({
  body: IDL.Vec(IDL.Nat8),
  token: IDL.Opt(Token),
});
export const StreamingStrategy = IDL.Variant({
  Callback: IDL.Record({
    callback: IDL.Func([Token], [StreamingCallbackHttpResponse], ['query']),
    token: Token,
  }),
});
export const HttpResponse = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
  streaming_strategy: IDL.Opt(StreamingStrategy),
});

export const Purpose = IDL.Variant({ recovery: IDL.Null, authentication: IDL.Null });
export const KeyType = IDL.Variant({
  unknown: IDL.Null,
  platform: IDL.Null,
  cross_platform: IDL.Null,
  seed_phrase: IDL.Null,
  browser_storage_key: IDL.Null,
});
export const DeviceProtection = IDL.Variant({ protected: IDL.Null, unprotected: IDL.Null });

export const MetadataMap = IDL.Rec();
MetadataMap.fill(
  IDL.Vec(
    IDL.Tuple(
      IDL.Text,
      IDL.Variant({ map: MetadataMap, string: IDL.Text, bytes: IDL.Vec(IDL.Nat8) }),
    ),
  ),
);

// `aaguid` is not in the spec's DeviceData: the official II added it. An `opt` field, so a client
// that leaves it out (the spec's) sends and reads DeviceData unchanged.
export const DeviceData = IDL.Record({
  pubkey: DeviceKey,
  alias: IDL.Text,
  credential_id: IDL.Opt(CredentialId),
  aaguid: IDL.Opt(Aaguid),
  purpose: Purpose,
  key_type: KeyType,
  protection: DeviceProtection,
  origin: IDL.Opt(IDL.Text),
  metadata: IDL.Opt(MetadataMap),
});
export const DeviceWithUsage = IDL.Record({
  pubkey: DeviceKey,
  alias: IDL.Text,
  credential_id: IDL.Opt(CredentialId),
  aaguid: IDL.Opt(Aaguid),
  purpose: Purpose,
  key_type: KeyType,
  protection: DeviceProtection,
  origin: IDL.Opt(IDL.Text),
  last_usage: IDL.Opt(Timestamp),
  metadata: IDL.Opt(MetadataMap),
});

export const ChallengeKey = IDL.Text;
export const Challenge = IDL.Record({ png_base64: IDL.Text, challenge_key: ChallengeKey });
export const ChallengeResult = IDL.Record({ key: ChallengeKey, chars: IDL.Text });

export const RegisterResponse = IDL.Variant({
  registered: IDL.Record({ user_number: UserNumber }),
  canister_full: IDL.Null,
  bad_challenge: IDL.Null,
});
export const AddTentativeDeviceResponse = IDL.Variant({
  added_tentatively: IDL.Record({
    verification_code: IDL.Text,
    device_registration_timeout: Timestamp,
  }),
  device_registration_mode_off: IDL.Null,
  another_device_tentatively_added: IDL.Null,
});
export const VerifyTentativeDeviceResponse = IDL.Variant({
  verified: IDL.Null,
  wrong_code: IDL.Record({ retries_left: IDL.Nat8 }),
  device_registration_mode_off: IDL.Null,
  no_device_to_verify: IDL.Null,
});
export const Delegation = IDL.Record({
  pubkey: PublicKey,
  expiration: Timestamp,
  targets: IDL.Opt(IDL.Vec(IDL.Principal)),
});
export const SignedDelegation = IDL.Record({
  delegation: Delegation,
  signature: IDL.Vec(IDL.Nat8),
});
export const GetDelegationResponse = IDL.Variant({
  signed_delegation: SignedDelegation,
  no_such_delegation: IDL.Null,
});

export const ArchiveConfig = IDL.Record({
  module_hash: IDL.Vec(IDL.Nat8),
  entries_buffer_limit: IDL.Nat64,
  entries_fetch_limit: IDL.Nat16,
  polling_interval_ns: IDL.Nat64,
});
export const ArchiveInfo = IDL.Record({
  archive_canister: IDL.Opt(IDL.Principal),
  archive_config: IDL.Opt(ArchiveConfig),
});
export const InternetIdentityStats = IDL.Record({
  users_registered: IDL.Nat64,
  storage_layout_version: IDL.Nat8,
  assigned_user_number_range: IDL.Tuple(IDL.Nat64, IDL.Nat64),
  archive_info: ArchiveInfo,
  canister_creation_cycles_cost: IDL.Nat64,
  event_aggregations: IDL.Vec(IDL.Tuple(IDL.Text, IDL.Vec(IDL.Tuple(IDL.Text, IDL.Nat64)))),
});
export const RateLimitConfig = IDL.Record({
  time_per_token_ns: IDL.Nat64,
  max_tokens: IDL.Nat64,
});
// `Dynamic` is declared so an official init argument decodes instead of silently becoming
// `captcha_config = null`; this canister refuses it (service/config.ts).
export const CaptchaTrigger = IDL.Variant({
  Dynamic: IDL.Record({
    threshold_pct: IDL.Nat16,
    current_rate_sampling_interval_s: IDL.Nat64,
    reference_rate_sampling_interval_s: IDL.Nat64,
  }),
  Static: IDL.Variant({ CaptchaEnabled: IDL.Null, CaptchaDisabled: IDL.Null }),
});
export const CaptchaConfig = IDL.Record({
  max_unsolved_captchas: IDL.Nat64,
  captcha_trigger: CaptchaTrigger,
});

// The settings of the official II's init argument that this canister does not implement, declared
// so that such an argument decodes and is refused with a clear message (service/config.ts) instead
// of having the fields dropped by the decoder (test/fixtures/official-init.did).
export const OpenIdEmailVerification = IDL.Variant({
  Unknown: IDL.Null,
  Google: IDL.Null,
  Microsoft: IDL.Null,
});
export const OpenIdConfig = IDL.Record({
  name: IDL.Text,
  logo: IDL.Text,
  issuer: IDL.Text,
  client_id: IDL.Text,
  jwks_uri: IDL.Text,
  auth_uri: IDL.Text,
  auth_scope: IDL.Vec(IDL.Text),
  fedcm_uri: IDL.Opt(IDL.Text),
  email_verification: IDL.Opt(OpenIdEmailVerification),
  seed_jwks: IDL.Opt(IDL.Vec(IDL.Vec(IDL.Tuple(IDL.Text, IDL.Text)))),
});
export const AnalyticsConfig = IDL.Variant({
  Plausible: IDL.Record({
    domain: IDL.Opt(IDL.Text),
    hash_mode: IDL.Opt(IDL.Bool),
    track_localhost: IDL.Opt(IDL.Bool),
    api_host: IDL.Opt(IDL.Text),
  }),
});
export const DummyAuthConfig = IDL.Record({ prompt_for_index: IDL.Bool });
export const DnssecRootAnchor = IDL.Record({
  key_tag: IDL.Nat16,
  algorithm: IDL.Nat8,
  digest_type: IDL.Nat8,
  digest: IDL.Vec(IDL.Nat8),
});
export const DnssecConfig = IDL.Record({ root_anchors: IDL.Vec(DnssecRootAnchor) });
export const DohConfig = IDL.Record({
  allowed_domains: IDL.Vec(IDL.Text),
  max_cache_age_secs: IDL.Opt(IDL.Nat64),
});

export const InternetIdentityInit = IDL.Record({
  assigned_user_number_range: IDL.Opt(IDL.Tuple(IDL.Nat64, IDL.Nat64)),
  archive_config: IDL.Opt(ArchiveConfig),
  canister_creation_cycles_cost: IDL.Opt(IDL.Nat64),
  register_rate_limit: IDL.Opt(RateLimitConfig),
  max_inflight_captchas: IDL.Opt(IDL.Nat64),
  captcha_config: IDL.Opt(CaptchaConfig),
  // Development deployments (localnet, testnets): the page fetches the network's root key instead
  // of trusting the mainnet key it ships. Never set on mainnet.
  fetch_root_key: IDL.Opt(IDL.Bool),
  // The official II's settings this canister does not implement: only null, or the value that
  // leaves the feature off, is accepted (service/config.ts).
  related_origins: IDL.Opt(IDL.Vec(IDL.Text)),
  new_flow_origins: IDL.Opt(IDL.Vec(IDL.Text)),
  openid_configs: IDL.Opt(IDL.Vec(OpenIdConfig)),
  sso_allow_insecure_discovery: IDL.Opt(IDL.Bool),
  analytics_config: IDL.Opt(IDL.Opt(AnalyticsConfig)),
  enable_dapps_explorer: IDL.Opt(IDL.Bool),
  is_production: IDL.Opt(IDL.Bool),
  dummy_auth: IDL.Opt(IDL.Opt(DummyAuthConfig)),
  backend_canister_id: IDL.Opt(IDL.Principal),
  backend_origin: IDL.Opt(IDL.Text),
  enable_dnssec_email_recovery: IDL.Opt(IDL.Bool),
  dnssec_config: IDL.Opt(IDL.Opt(DnssecConfig)),
  doh_config: IDL.Opt(IDL.Opt(DohConfig)),
  mcp_official_url: IDL.Opt(IDL.Opt(IDL.Text)),
});

export const DeviceRegistrationInfo = IDL.Record({
  tentative_device: IDL.Opt(DeviceData),
  expiration: Timestamp,
});
export const IdentityAnchorInfo = IDL.Record({
  devices: IDL.Vec(DeviceWithUsage),
  device_registration: IDL.Opt(DeviceRegistrationInfo),
});
export const WebAuthnCredential = IDL.Record({ credential_id: CredentialId, pubkey: PublicKey });
export const AnchorCredentials = IDL.Record({
  credentials: IDL.Vec(WebAuthnCredential),
  recovery_credentials: IDL.Vec(WebAuthnCredential),
  recovery_phrases: IDL.Vec(PublicKey),
});

// The archive: II buffers an entry per anchor operation, the archive canister pulls them.
export const DeployArchiveResult = IDL.Variant({
  success: IDL.Principal,
  creation_in_progress: IDL.Null,
  failed: IDL.Text,
});
export const BufferedArchiveEntry = IDL.Record({
  anchor_number: UserNumber,
  timestamp: Timestamp,
  sequence_number: IDL.Nat64,
  entry: IDL.Vec(IDL.Nat8),
});

// API v2 (the spec marks it experimental): identities, their authentication methods and metadata.
export const IdentityNumber = IDL.Nat64;
export const MetadataMapV2 = IDL.Rec();
MetadataMapV2.fill(
  IDL.Vec(
    IDL.Tuple(
      IDL.Text,
      IDL.Variant({ Map: MetadataMapV2, String: IDL.Text, Bytes: IDL.Vec(IDL.Nat8) }),
    ),
  ),
);
// `aaguid` is not in the spec's WebAuthn: the official II added it (an `opt` field, as on DeviceData).
export const WebAuthn = IDL.Record({
  credential_id: CredentialId,
  pubkey: PublicKey,
  aaguid: IDL.Opt(Aaguid),
});
export const PublicKeyAuthn = IDL.Record({ pubkey: PublicKey });
export const AuthnMethod = IDL.Variant({ WebAuthn: WebAuthn, PubKey: PublicKeyAuthn });
export const AuthnMethodProtection = IDL.Variant({ Protected: IDL.Null, Unprotected: IDL.Null });
export const AuthnMethodPurpose = IDL.Variant({ Recovery: IDL.Null, Authentication: IDL.Null });
export const AuthnMethodSecuritySettings = IDL.Record({
  protection: AuthnMethodProtection,
  purpose: AuthnMethodPurpose,
});
export const AuthnMethodData = IDL.Record({
  authn_method: AuthnMethod,
  security_settings: AuthnMethodSecuritySettings,
  metadata: MetadataMapV2,
  last_authentication: IDL.Opt(Timestamp),
});
export const AuthnMethodRegistrationInfo = IDL.Record({
  authn_method: IDL.Opt(AuthnMethodData),
  expiration: Timestamp,
});
export const AuthnMethodConfirmationCode = IDL.Record({
  confirmation_code: IDL.Text,
  expiration: Timestamp,
});
export const AuthnMethodRegisterError = IDL.Variant({
  RegistrationModeOff: IDL.Null,
  RegistrationAlreadyInProgress: IDL.Null,
  InvalidMetadata: IDL.Text,
});
export const AuthnMethodConfirmationError = IDL.Variant({
  WrongCode: IDL.Record({ retries_left: IDL.Nat8 }),
  RegistrationModeOff: IDL.Null,
  NoAuthnMethodToConfirm: IDL.Null,
});
export const IdentityAuthnInfo = IDL.Record({
  authn_methods: IDL.Vec(AuthnMethod),
  recovery_authn_methods: IDL.Vec(AuthnMethod),
});
export const IdentityInfo = IDL.Record({
  authn_methods: IDL.Vec(AuthnMethodData),
  authn_method_registration: IDL.Opt(AuthnMethodRegistrationInfo),
  metadata: MetadataMapV2,
});
export const IdentityInfoError = IDL.Variant({
  Unauthorized: IDL.Principal,
  InternalCanisterError: IDL.Text,
});
export const IdentityRegisterError = IDL.Variant({
  CanisterFull: IDL.Null,
  BadCaptcha: IDL.Null,
  InvalidMetadata: IDL.Text,
});
export const AuthnMethodAddError = IDL.Variant({ InvalidMetadata: IDL.Text });
export const AuthnMethodReplaceError = IDL.Variant({
  InvalidMetadata: IDL.Text,
  AuthnMethodNotFound: IDL.Null,
});
export const AuthnMethodMetadataReplaceError = IDL.Variant({
  InvalidMetadata: IDL.Text,
  AuthnMethodNotFound: IDL.Null,
});
export const AuthnMethodSecuritySettingsReplaceError = IDL.Variant({
  AuthnMethodNotFound: IDL.Null,
});
export const IdentityMetadataReplaceError = IDL.Variant({
  Unauthorized: IDL.Principal,
  StorageSpaceExceeded: IDL.Record({ space_available: IDL.Nat64, space_required: IDL.Nat64 }),
  InternalCanisterError: IDL.Text,
});

// Attribute sharing: id_alias credentials (the spec's "Attribute Sharing MVP API").
export const PrepareIdAliasRequest = IDL.Record({
  issuer: FrontendHostname,
  relying_party: FrontendHostname,
  identity_number: IdentityNumber,
});
export const PrepareIdAliasError = IDL.Variant({
  Unauthorized: IDL.Principal,
  InternalCanisterError: IDL.Text,
});
export const PreparedIdAlias = IDL.Record({
  rp_id_alias_jwt: IDL.Text,
  issuer_id_alias_jwt: IDL.Text,
  canister_sig_pk_der: PublicKey,
});
export const GetIdAliasRequest = IDL.Record({
  rp_id_alias_jwt: IDL.Text,
  issuer: FrontendHostname,
  issuer_id_alias_jwt: IDL.Text,
  relying_party: FrontendHostname,
  identity_number: IdentityNumber,
});
export const GetIdAliasError = IDL.Variant({
  Unauthorized: IDL.Principal,
  NoSuchCredentials: IDL.Text,
  InternalCanisterError: IDL.Text,
});
export const SignedIdAlias = IDL.Record({
  credential_jws: IDL.Text,
  id_alias: IDL.Principal,
  id_dapp: IDL.Principal,
});
export const IdAliasCredentials = IDL.Record({
  rp_id_alias_credential: SignedIdAlias,
  issuer_id_alias_credential: SignedIdAlias,
});

// The v2 methods' results, which the spec writes inline (`variant { Ok: …; Err: … }`); named here so
// the generated TypeScript has a name for each.
export const CaptchaCreateResponse = IDL.Variant({ Ok: Challenge, Err: IDL.Null });
export const IdentityRegisterResponse = IDL.Variant({
  Ok: IdentityNumber,
  Err: IdentityRegisterError,
});
export const IdentityAuthnInfoResponse = IDL.Variant({ Ok: IdentityAuthnInfo, Err: IDL.Null });
export const IdentityInfoResponse = IDL.Variant({ Ok: IdentityInfo, Err: IdentityInfoError });
export const IdentityMetadataReplaceResponse = IDL.Variant({
  Ok: IDL.Null,
  Err: IdentityMetadataReplaceError,
});
export const AuthnMethodAddResponse = IDL.Variant({ Ok: IDL.Null, Err: AuthnMethodAddError });
export const AuthnMethodReplaceResponse = IDL.Variant({
  Ok: IDL.Null,
  Err: AuthnMethodReplaceError,
});
export const AuthnMethodMetadataReplaceResponse = IDL.Variant({
  Ok: IDL.Null,
  Err: AuthnMethodMetadataReplaceError,
});
export const AuthnMethodSecuritySettingsReplaceResponse = IDL.Variant({
  Ok: IDL.Null,
  Err: AuthnMethodSecuritySettingsReplaceError,
});
export const AuthnMethodRemoveResponse = IDL.Variant({ Ok: IDL.Null, Err: IDL.Null });
export const AuthnMethodRegistrationModeEnterResponse = IDL.Variant({
  Ok: IDL.Record({ expiration: Timestamp }),
  Err: IDL.Null,
});
export const AuthnMethodRegistrationModeExitResponse = IDL.Variant({ Ok: IDL.Null, Err: IDL.Null });
export const AuthnMethodRegisterResponse = IDL.Variant({
  Ok: AuthnMethodConfirmationCode,
  Err: AuthnMethodRegisterError,
});
export const AuthnMethodConfirmResponse = IDL.Variant({
  Ok: IDL.Null,
  Err: AuthnMethodConfirmationError,
});
export const PrepareIdAliasResponse = IDL.Variant({
  Ok: PreparedIdAlias,
  Err: PrepareIdAliasError,
});
export const GetIdAliasResponse = IDL.Variant({ Ok: IdAliasCredentials, Err: GetIdAliasError });

/**
 * The service: every method of the spec, in the spec's order, with its Candid signature and
 * query/update mode.
 * Updates change state (or call raw_rand); queries only read. Where the
 * choice is not obvious, the reason is noted.
 */
export const serviceMethods = {
  init_salt: IDL.Func([], [], []),
  // An update: the captcha is kept in the heap for the register call that follows.
  create_challenge: IDL.Func([], [Challenge], []),
  register: IDL.Func([DeviceData, ChallengeResult, IDL.Opt(IDL.Principal)], [RegisterResponse], []),
  add: IDL.Func([UserNumber, DeviceData], [], []),
  update: IDL.Func([UserNumber, DeviceKey, DeviceData], [], []),
  replace: IDL.Func([UserNumber, DeviceKey, DeviceData], [], []),
  remove: IDL.Func([UserNumber, DeviceKey], [], []),
  lookup: IDL.Func([UserNumber], [IDL.Vec(DeviceData)], ['query']),
  get_anchor_credentials: IDL.Func([UserNumber], [AnchorCredentials], ['query']),
  // An update on purpose (spec): the answer is certified by consensus.
  get_anchor_info: IDL.Func([UserNumber], [IdentityAnchorInfo], []),
  get_principal: IDL.Func([UserNumber, FrontendHostname], [IDL.Principal], ['query']),
  stats: IDL.Func([], [InternetIdentityStats], ['query']),
  enter_device_registration_mode: IDL.Func([UserNumber], [Timestamp], []),
  exit_device_registration_mode: IDL.Func([UserNumber], [], []),
  add_tentative_device: IDL.Func([UserNumber, DeviceData], [AddTentativeDeviceResponse], []),
  verify_tentative_device: IDL.Func([UserNumber, IDL.Text], [VerifyTentativeDeviceResponse], []),
  // An update: it adds the signature to the certified signature map.
  prepare_delegation: IDL.Func(
    [UserNumber, FrontendHostname, SessionKey, IDL.Opt(IDL.Nat64)],
    [UserKey, Timestamp],
    [],
  ),
  // A query: it needs the data certificate, which only non-replicated queries receive.
  get_delegation: IDL.Func(
    [UserNumber, FrontendHostname, SessionKey, Timestamp],
    [GetDelegationResponse],
    ['query'],
  ),
  http_request: IDL.Func([HttpRequest], [HttpResponse], ['query']),
  http_request_update: IDL.Func([HttpRequest], [HttpResponse], []),
  // Anyone may call it: only the wasm whose hash is archive_config.module_hash is installed.
  deploy_archive: IDL.Func([IDL.Vec(IDL.Nat8)], [DeployArchiveResult], []),
  // Only the archive canister may call these. An update: the entries must be certified (spec).
  fetch_entries: IDL.Func([], [IDL.Vec(BufferedArchiveEntry)], []),
  acknowledge_entries: IDL.Func([IDL.Nat64], [], []),
  // API v2. An update: the captcha is kept in the heap for identity_register.
  captcha_create: IDL.Func([], [CaptchaCreateResponse], []),
  identity_register: IDL.Func(
    [AuthnMethodData, ChallengeResult, IDL.Opt(IDL.Principal)],
    [IdentityRegisterResponse],
    [],
  ),
  identity_authn_info: IDL.Func([IdentityNumber], [IdentityAuthnInfoResponse], ['query']),
  // An update, as get_anchor_info: the answer is certified by consensus.
  identity_info: IDL.Func([IdentityNumber], [IdentityInfoResponse], []),
  identity_metadata_replace: IDL.Func(
    [IdentityNumber, MetadataMapV2],
    [IdentityMetadataReplaceResponse],
    [],
  ),
  authn_method_add: IDL.Func([IdentityNumber, AuthnMethodData], [AuthnMethodAddResponse], []),
  authn_method_replace: IDL.Func(
    [IdentityNumber, PublicKey, AuthnMethodData],
    [AuthnMethodReplaceResponse],
    [],
  ),
  authn_method_metadata_replace: IDL.Func(
    [IdentityNumber, PublicKey, MetadataMapV2],
    [AuthnMethodMetadataReplaceResponse],
    [],
  ),
  authn_method_security_settings_replace: IDL.Func(
    [IdentityNumber, PublicKey, AuthnMethodSecuritySettings],
    [AuthnMethodSecuritySettingsReplaceResponse],
    [],
  ),
  authn_method_remove: IDL.Func([IdentityNumber, PublicKey], [AuthnMethodRemoveResponse], []),
  authn_method_registration_mode_enter: IDL.Func(
    [IdentityNumber],
    [AuthnMethodRegistrationModeEnterResponse],
    [],
  ),
  authn_method_registration_mode_exit: IDL.Func(
    [IdentityNumber],
    [AuthnMethodRegistrationModeExitResponse],
    [],
  ),
  authn_method_register: IDL.Func(
    [IdentityNumber, AuthnMethodData],
    [AuthnMethodRegisterResponse],
    [],
  ),
  authn_method_confirm: IDL.Func([IdentityNumber, IDL.Text], [AuthnMethodConfirmResponse], []),
  // Attribute sharing. An update: it adds the credentials' signatures to the certified map.
  prepare_id_alias: IDL.Func([PrepareIdAliasRequest], [PrepareIdAliasResponse], []),
  // A query: it needs the data certificate, as get_delegation.
  get_id_alias: IDL.Func([GetIdAliasRequest], [GetIdAliasResponse], ['query']),
} as const;

export const idlFactory: IDL.InterfaceFactory = () => IDL.Service(serviceMethods);

// ---------------------------------------------------------------------------------------------
// The archive canister (archive/main.ts): its entries (the `entry` blob of BufferedArchiveEntry is
// one `ArchiveEntry`, Candid-encoded) and its own interface (archive/archive.did). Aliases are
// never recorded and metadata only by key: an entry holds no secret material.
export const Private = IDL.Variant({ redacted: IDL.Null });
export const DeviceDataWithoutAlias = IDL.Record({
  pubkey: DeviceKey,
  credential_id: IDL.Opt(CredentialId),
  aaguid: IDL.Opt(Aaguid),
  purpose: Purpose,
  key_type: KeyType,
  protection: DeviceProtection,
  origin: IDL.Opt(IDL.Text),
  metadata_keys: IDL.Opt(IDL.Vec(IDL.Text)),
});
/** What an update changed: absent = unchanged; `opt null` for an optional field = removed. */
export const DeviceDataUpdate = IDL.Record({
  alias: IDL.Opt(Private),
  credential_id: IDL.Opt(IDL.Opt(CredentialId)),
  aaguid: IDL.Opt(IDL.Opt(Aaguid)),
  purpose: IDL.Opt(Purpose),
  key_type: IDL.Opt(KeyType),
  protection: IDL.Opt(DeviceProtection),
  origin: IDL.Opt(IDL.Opt(IDL.Text)),
  metadata_keys: IDL.Opt(IDL.Opt(IDL.Vec(IDL.Text))),
});
export const ArchiveOperation = IDL.Variant({
  register_anchor: IDL.Record({ device: DeviceDataWithoutAlias }),
  add_device: IDL.Record({ device: DeviceDataWithoutAlias }),
  update_device: IDL.Record({ device: PublicKey, new_values: DeviceDataUpdate }),
  replace_device: IDL.Record({ old_device: PublicKey, new_device: DeviceDataWithoutAlias }),
  remove_device: IDL.Record({ device: PublicKey }),
  identity_metadata_replace: IDL.Record({ metadata_keys: IDL.Vec(IDL.Text) }),
});
export const ArchiveEntry = IDL.Record({
  anchor: UserNumber,
  operation: ArchiveOperation,
  timestamp: Timestamp,
  caller: IDL.Principal,
  sequence_number: IDL.Nat64,
});
export const ArchiveInit = IDL.Record({
  ii_canister: IDL.Principal,
  max_entries_per_call: IDL.Nat16,
  polling_interval_ns: IDL.Nat64,
  error_buffer_limit: IDL.Nat16,
});
export const Cursor = IDL.Variant({ timestamp: Timestamp, next_token: IDL.Vec(IDL.Nat8) });
export const AnchorEntries = IDL.Record({
  entries: IDL.Vec(IDL.Opt(ArchiveEntry)),
  next_token: IDL.Opt(IDL.Vec(IDL.Nat8)),
});
export const Entries = IDL.Record({ entries: IDL.Vec(IDL.Opt(ArchiveEntry)) });
export const FetchInfo = IDL.Record({ timestamp: Timestamp, number_of_entries: IDL.Nat16 });
export const CallErrorInfo = IDL.Record({
  time: Timestamp,
  canister: IDL.Principal,
  method: IDL.Text,
  argument: IDL.Vec(IDL.Nat8),
  rejection_code: IDL.Int32,
  message: IDL.Text,
});
export const CallInfo = IDL.Record({
  last_successful_fetch: IDL.Opt(FetchInfo),
  call_errors: IDL.Vec(CallErrorInfo),
});
export const ArchiveStatus = IDL.Record({
  init: ArchiveInit,
  call_info: CallInfo,
  number_of_entries: IDL.Nat64,
  last_sequence_number: IDL.Opt(IDL.Nat64),
});

/** The archive canister's methods (its entries and an anchor's history are public). */
export const archiveServiceMethods = {
  // The latest entries, or those from position `index` on; at most max_entries_per_call.
  get_entries: IDL.Func([IDL.Opt(IDL.Nat64), IDL.Opt(IDL.Nat16)], [Entries], ['query']),
  // An anchor's entries in order; a cursor starts at a time or continues a previous page.
  get_anchor_entries: IDL.Func(
    [UserNumber, IDL.Opt(Cursor), IDL.Opt(IDL.Nat16)],
    [AnchorEntries],
    ['query'],
  ),
  status: IDL.Func([], [ArchiveStatus], ['query']),
  // GET /metrics (Prometheus text).
  http_request: IDL.Func([HttpRequest], [HttpResponse], ['query']),
} as const;

export const archiveIdlFactory: IDL.InterfaceFactory = () => IDL.Service(archiveServiceMethods);
/** The archive's init/upgrade argument types: `(ArchiveInit)`. */
export const archiveInitArgTypes = [ArchiveInit];

// ---------------------------------------------------------------------------------------------
// The management canister (aaaaa-aa), the part II calls to deploy its archive (IC interface
// specification, ic.did): a reply's record may hold more fields, which decoding skips.
export const ManagementCanisterSettings = IDL.Record({
  controllers: IDL.Opt(IDL.Vec(IDL.Principal)),
});
export const ManagementInstallMode = IDL.Variant({
  install: IDL.Null,
  reinstall: IDL.Null,
  upgrade: IDL.Opt(IDL.Record({ skip_pre_upgrade: IDL.Opt(IDL.Bool) })),
});
export const managementMethods = {
  create_canister: IDL.Func(
    [IDL.Record({ settings: IDL.Opt(ManagementCanisterSettings) })],
    [IDL.Record({ canister_id: IDL.Principal })],
    [],
  ),
  canister_status: IDL.Func(
    [IDL.Record({ canister_id: IDL.Principal })],
    [IDL.Record({ module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)) })],
    [],
  ),
  install_code: IDL.Func(
    [
      IDL.Record({
        mode: ManagementInstallMode,
        canister_id: IDL.Principal,
        wasm_module: IDL.Vec(IDL.Nat8),
        arg: IDL.Vec(IDL.Nat8),
      }),
    ],
    [],
    [],
  ),
} as const;
/** The init/upgrade argument types: `(opt InternetIdentityInit)`. */
export const initArgTypes = [IDL.Opt(InternetIdentityInit)];

// The TypeScript view of each type above (`XT` for `X`) and the actor interface, generated from
// them by scripts/candid-types.ts.
export type * from './candid-types.generated.js';
import type { MetadataMapT, MetadataMapV2T } from './candid-types.generated.js';
/** One metadata value (the variant inside `MetadataMap`, which the spec leaves unnamed). */
export type MetadataValueT = MetadataMapT[number][1];
/** One v2 metadata value (the variant inside `MetadataMapV2`). */
export type MetadataValueV2T = MetadataMapV2T[number][1];
