// The app-wide login state. After any login subflow the app holds a session key and a delegation
// from the device (`createSession`: one touch); every later call is signed by the session key.
import type { SignIdentity } from '@dfinity/agent';
import { createSignal, type Accessor } from 'solid-js';
import { AnchorStorage } from '../lib/anchor-storage.js';
import type { PageConfig } from '../lib/config.js';
import { Connection } from '../lib/connection.js';
import { FrontendError } from '../lib/errors.js';
import { identityFromPhrase, parseLoginPhrase, parsePhrase } from '../lib/recovery-phrase.js';
import { createSession } from '../lib/session.js';
import { PasskeyIdentity } from '../lib/webauthn/index.js';
import { TEST_BUILD } from '../flavor.js';
import { dummyIdentityFor } from '../lib/dummy-auth.js';
import { bytesEqual } from '../lib/bytes.js';

export type AuthnMethod = 'passkey' | 'recovery';

export interface Session {
  anchor: bigint;
  /** Signs with the session key, as the device. */
  connection: Connection;
  /** DER public key of the device that logged in (the manage page marks it "this device"). */
  devicePubkey: Uint8Array;
  authnMethod: AuthnMethod;
}

export interface Auth {
  config: PageConfig;
  session: Accessor<Session | undefined>;
  storage: AnchorStorage;
  /** A connection without identity, for queries and unauthenticated calls. */
  anonymous: () => Promise<Connection>;
  loginWithPasskey: (anchor: bigint, purpose?: 'authentication' | 'recovery') => Promise<Session>;
  /** `text` is "<anchor> <24 words>"; `expectedAnchor` rejects phrases of another anchor. */
  loginWithPhrase: (text: string, expectedAnchor?: bigint) => Promise<Session>;
  /** Logs in with a device identity the flow already holds (registration, add device). */
  loginWithIdentity: (
    anchor: bigint,
    identity: SignIdentity,
    devicePubkey: Uint8Array,
    method?: AuthnMethod,
  ) => Promise<Session>;
  /** A connection signed by a new session key delegated from `identity` (one touch). */
  connect: (identity: SignIdentity) => Promise<Connection>;
  /** Marks the user logged in with a connection from `connect`. */
  complete: (
    anchor: bigint,
    connection: Connection,
    devicePubkey: Uint8Array,
    method?: AuthnMethod,
  ) => Session;
  logout: () => void;
  /** A confirmation for the next screen (e.g. "your recovery phrase is set up"). */
  notice: Accessor<string | undefined>;
  setNotice: (text?: string) => void;
}

export function createAuth(config: PageConfig, storage = new AnchorStorage()): Auth {
  const [session, setSession] = createSignal<Session>();
  const [notice, setNotice] = createSignal<string>();
  let anon: Promise<Connection> | undefined;
  const anonymous = () => {
    anon ??= Promise.resolve(Connection.create(config)).catch((e) => {
      anon = undefined;
      throw e;
    });
    return anon;
  };

  // The session shares the anonymous connection's agent (root key, subnet keys): one of each per page.
  const connect: Auth['connect'] = async (identity) => {
    const [anonymousConnection, session] = await Promise.all([
      anonymous(),
      createSession(identity),
    ]);
    return anonymousConnection.withIdentity(session);
  };

  const complete: Auth['complete'] = (anchor, connection, devicePubkey, method = 'passkey') => {
    storage.remember(anchor);
    const s: Session = { anchor, connection, devicePubkey, authnMethod: method };
    setSession(s);
    return s;
  };

  const loginWithIdentity: Auth['loginWithIdentity'] = async (
    anchor,
    identity,
    devicePubkey,
    method = 'passkey',
  ) => complete(anchor, await connect(identity), devicePubkey, method);

  const loginWithPasskey: Auth['loginWithPasskey'] = async (anchor, purpose = 'authentication') => {
    const creds = await (await anonymous()).lookupCredentials(anchor);
    const list = purpose === 'recovery' ? creds.recovery_credentials : creds.credentials;
    if (list.length === 0)
      throw new FrontendError(purpose === 'recovery' ? 'device_not_found' : 'anchor_not_found');
    const credentials = list.map((c) => ({
      credentialId: new Uint8Array(c.credential_id),
      pubkey: new Uint8Array(c.pubkey),
    }));
    // The test flavor signs with the key it registered in this browser (lib/dummy-auth.ts).
    const identity = TEST_BUILD
      ? dummyIdentityFor(credentials)
      : PasskeyIdentity.forCredentials(credentials);
    const connection = await connect(identity);
    const used = new Uint8Array(identity.getPublicKey().toDer());
    return complete(anchor, connection, used, purpose === 'recovery' ? 'recovery' : 'passkey');
  };

  const loginWithPhrase: Auth['loginWithPhrase'] = async (text, expectedAnchor) => {
    // Without a known anchor the phrase must name one (RecoveryPhraseError 'phrase_no_anchor').
    const parsed = expectedAnchor === undefined ? parseLoginPhrase(text) : parsePhrase(text);
    const anchor = parsed.anchor ?? expectedAnchor!;
    const identity = identityFromPhrase(parsed.words);
    const pubkey = new Uint8Array(identity.getPublicKey().toDer());
    const creds = await (await anonymous()).lookupCredentials(anchor);
    if (!creds.recovery_phrases.some((k) => bytesEqual(new Uint8Array(k), pubkey)))
      throw new FrontendError('device_not_found', 'phrase not on anchor');
    return loginWithIdentity(anchor, identity, pubkey, 'recovery');
  };

  return {
    config,
    session,
    storage,
    anonymous,
    loginWithPasskey,
    loginWithPhrase,
    loginWithIdentity,
    connect,
    complete,
    // Logging out drops the session keys; the anchor number stays remembered (spec: the returning
    // user is offered "Continue as <anchor>"; the number is not a secret).
    logout: () => {
      setSession(undefined);
      window.location.hash = '#/';
      window.location.reload();
    },
    notice,
    setNotice: (text) => setNotice(text),
  };
}
