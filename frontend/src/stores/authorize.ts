// Flow "authenticating client applications": announce readiness, take the dapp's request, resolve
// the derivation origin, and (after the user consents) hand the dapp a canister-signed delegation.
import { createSignal, onCleanup } from 'solid-js';
import { waitForAuthRequest, sendFailure, sendSuccess } from '../lib/authorize/channel.js';
import { Principal } from '@dfinity/principal';
import {
  LOCALNET_PATTERNS,
  MAINNET_PATTERNS,
  resolveDerivationOrigin,
} from '../lib/authorize/derivation-origin.js';
import type { PageConfig } from '../lib/config.js';
import { PrincipalDigests } from '../lib/principal-digests.js';
import type { AuthRequest } from '../lib/authorize/protocol.js';
import { clampTtl } from '../lib/authorize/ttl.js';
import type { Session } from './auth.js';
import { createTask } from './task.js';

export type AuthorizeStep = 'waiting' | 'login' | 'sending' | 'done' | 'failed';

export interface IncomingRequest {
  request: AuthRequest;
  /** The dapp's origin (event.origin): what the user is shown. */
  origin: string;
  /** The hostname principals are derived from (validated derivationOrigin, icp0.io remapped). */
  frontendHost: string;
  /** The anchor that gave `autoSelectionPrincipal` to this origin before, if known here. */
  autoAnchor?: bigint;
}

export function createAuthorize(config: PageConfig, digests = new PrincipalDigests()) {
  const task = createTask();
  const [step, setStep] = createSignal<AuthorizeStep>('waiting');
  const [incoming, setIncoming] = createSignal<IncomingRequest>();
  const [fatal, setFatal] = createSignal<string>();
  const stop = new AbortController();
  onCleanup(() => stop.abort());

  const listen = async () => {
    const opener = window.opener as Window | null;
    if (!opener) {
      setStep('failed');
      setFatal('no-opener');
      return;
    }
    const { request, origin } = await waitForAuthRequest(window, opener);
    const patterns = config.fetchRootKey
      ? [...MAINNET_PATTERNS, ...LOCALNET_PATTERNS]
      : MAINNET_PATTERNS;
    const resolved = await resolveDerivationOrigin(
      origin,
      request.derivationOrigin,
      undefined,
      patterns,
    );
    if (!resolved.ok) {
      sendFailure(opener, origin, resolved.reason);
      setStep('failed');
      setFatal(resolved.reason);
      return;
    }
    const autoAnchor =
      request.autoSelectionPrincipal !== undefined
        ? digests.findAnchorFor(resolved.hostname, request.autoSelectionPrincipal)
        : undefined;
    setIncoming({ request, origin, frontendHost: resolved.hostname, autoAnchor });
    setStep('login');
  };

  const authorize = (session: Session) =>
    task.run(async () => {
      const inc = incoming();
      const opener = window.opener as Window | null;
      if (!inc || !opener) return;
      setStep('sending');
      try {
        const { anchor, connection } = session;
        const ttl = clampTtl(inc.request.maxTimeToLive);
        const { userKey, expiration } = await connection.prepareDelegation(
          anchor,
          inc.frontendHost,
          inc.request.sessionPublicKey,
          ttl,
        );
        const signed = await connection.getDelegation(
          anchor,
          inc.frontendHost,
          inc.request.sessionPublicKey,
          expiration,
        );
        sendSuccess(opener, inc.origin, {
          delegations: [signed],
          userPublicKey: new Uint8Array(userKey),
          authnMethod: session.authnMethod,
        });
        digests.remember(
          anchor,
          inc.frontendHost,
          Principal.selfAuthenticating(new Uint8Array(userKey)).toText(),
        );
        setStep('done');
      } catch (e) {
        setStep('login');
        throw e;
      }
    });

  return {
    step,
    incoming,
    fatal,
    listen: () => listen().catch((e) => task.setError(e)),
    authorize,
    busy: task.busy,
    error: task.error,
  };
}
