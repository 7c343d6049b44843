// Flow "authenticating client applications": take the relying party's request in whichever
// protocol it speaks (the legacy postMessage protocol or ICRC-25/29/34 in a window, ICRC-167 by
// redirect), resolve the derivation origin, and (after the user consents) hand it a
// canister-signed delegation, restricted to the requested targets when there are any.
import { Delegation, DelegationChain, Ed25519KeyIdentity } from '@dfinity/identity';
import type { DerEncodedPublicKey } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { createSignal, onCleanup } from 'solid-js';
import {
  LOCALNET_PATTERNS,
  MAINNET_PATTERNS,
  resolveAuthCallback,
  resolveDerivationOrigin,
} from '../lib/authorize/derivation-origin.js';
import { RPC_ERROR } from '../lib/authorize/json-rpc.js';
import type { AuthRequest, SignedDelegationMessage } from '../lib/authorize/protocol.js';
import { clampTtl } from '../lib/authorize/ttl.js';
import { parseUrlRequest, planUrlResponse } from '../lib/authorize/url-signer.js';
import { listenAsSigner, type Responder } from '../lib/authorize/window-signer.js';
import type { PageConfig } from '../lib/config.js';
import type { Connection } from '../lib/connection.js';
import { PrincipalDigests } from '../lib/principal-digests.js';
import type { Session } from './auth.js';
import { createTask } from './task.js';

export type AuthorizeStep = 'waiting' | 'login' | 'sending' | 'done' | 'declined' | 'failed';

export interface IncomingRequest {
  request: AuthRequest;
  /** The dapp's origin (event.origin, or the ICRC-167 callback's): what the user is shown. */
  origin: string;
  /** The hostname principals are derived from (validated derivationOrigin, icp0.io remapped). */
  frontendHost: string;
  /** The anchor that gave `autoSelectionPrincipal` to this origin before, if known here. */
  autoAnchor?: bigint;
  /** How the answer goes back. */
  responder: Responder;
}

/**
 * Signs the delegation chain for `request`: the canister signs for the session key; with
 * `targets`, it signs for a key of this page instead, which signs the session key's delegation
 * with the targets (the IC honours the intersection of a chain's targets).
 */
export async function signDelegations(
  connection: Connection,
  anchor: bigint,
  frontendHost: string,
  request: AuthRequest,
): Promise<{ userKey: Uint8Array; delegations: SignedDelegationMessage[] }> {
  const ttl = clampTtl(request.maxTimeToLive);
  const targets =
    request.targets !== undefined && request.targets.length > 0 ? request.targets : undefined;
  const middle = targets ? Ed25519KeyIdentity.generate() : undefined;
  const delegatedKey = middle
    ? new Uint8Array(middle.getPublicKey().toDer())
    : request.sessionPublicKey;
  const { userKey, expiration } = await connection.prepareDelegation(
    anchor,
    frontendHost,
    delegatedKey,
    ttl,
  );
  const signed = await connection.getDelegation(anchor, frontendHost, delegatedKey, expiration);
  const user = new Uint8Array(userKey);
  if (!middle || !targets) return { userKey: user, delegations: [signed] };
  const previous = DelegationChain.fromDelegations(
    [
      {
        delegation: new Delegation(signed.delegation.pubkey, signed.delegation.expiration),
        signature: signed.signature as never,
      },
    ],
    user as DerEncodedPublicKey,
  );
  const chain = await DelegationChain.create(
    middle,
    { toDer: () => request.sessionPublicKey as DerEncodedPublicKey },
    new Date(Number(expiration / 1_000_000n)),
    { previous, targets },
  );
  return {
    userKey: user,
    delegations: chain.delegations.map(({ delegation, signature }) => ({
      delegation: {
        pubkey: new Uint8Array(delegation.pubkey),
        expiration: delegation.expiration,
        ...(delegation.targets !== undefined ? { targets: delegation.targets } : {}),
      },
      signature: new Uint8Array(signature),
    })),
  };
}

export function createAuthorize(config: PageConfig, digests = new PrincipalDigests()) {
  const task = createTask();
  const [step, setStep] = createSignal<AuthorizeStep>('waiting');
  const [incoming, setIncoming] = createSignal<IncomingRequest>();
  const [fatal, setFatal] = createSignal<string>();
  const cleanups: (() => void)[] = [];
  onCleanup(() => cleanups.forEach((c) => c()));
  const patterns = config.fetchRootKey
    ? [...MAINNET_PATTERNS, ...LOCALNET_PATTERNS]
    : MAINNET_PATTERNS;
  const navigate = (url: string) => window.location.assign(url);
  const fail = (reason: string) => {
    setStep('failed');
    setFatal(reason);
  };

  const accept = async (request: AuthRequest, responder: Responder) => {
    const resolved = await resolveDerivationOrigin(
      responder.origin,
      request.derivationOrigin,
      undefined,
      patterns,
    );
    if (!resolved.ok) {
      responder.failure(resolved.reason, RPC_ERROR.invalidParams);
      fail(resolved.reason);
      return;
    }
    const autoAnchor =
      request.autoSelectionPrincipal !== undefined
        ? digests.findAnchorFor(resolved.hostname, request.autoSelectionPrincipal)
        : undefined;
    setIncoming({
      request,
      origin: responder.origin,
      frontendHost: resolved.hostname,
      autoAnchor,
      responder,
    });
    setStep('login');
  };

  /** ICRC-167: the request came in the URL fragment; the answer leaves by navigation. */
  const listenUrl = async (hash: string) => {
    const url = parseUrlRequest(hash);
    if (url === undefined) return false;
    if ('error' in url) {
      fail(url.error);
      return true;
    }
    let callbackOrigin: string;
    try {
      callbackOrigin = new URL(url.callback).origin;
    } catch {
      fail(`The callback "${url.callback}" is not an absolute URL.`);
      return true;
    }
    // Planned (nothing sent) first: a derivation origin in the request says whose file lists it.
    const plan = planUrlResponse(url, callbackOrigin);
    const callback = await resolveAuthCallback(
      url.callback,
      undefined,
      patterns,
      plan.request?.derivationOrigin,
    );
    if (!callback.ok) {
      // Not a callback of the relying party's: nothing is sent to it, nothing is signed.
      fail(callback.reason);
      return true;
    }
    if (plan.answerNow || !plan.request) {
      setStep('done');
      plan.answerNow?.(navigate);
      return true;
    }
    await accept(plan.request, plan.responder(navigate));
    return true;
  };

  const listenWindow = async () => {
    const opener = window.opener as Window | null;
    if (!opener) {
      fail('no-opener');
      return;
    }
    const signer = listenAsSigner(window, opener);
    // The ICRC-29 heartbeat is answered for as long as this page lives.
    cleanups.push(() => signer.close());
    const { request, responder } = await signer.request;
    await accept(request, responder);
  };

  const listen = async () => {
    if (await listenUrl(window.location.hash)) return;
    await listenWindow();
  };

  const authorize = (session: Session) =>
    task.run(async () => {
      const inc = incoming();
      if (!inc) return;
      setStep('sending');
      try {
        const { anchor, connection } = session;
        const { userKey, delegations } = await signDelegations(
          connection,
          anchor,
          inc.frontendHost,
          inc.request,
        );
        setStep('done');
        inc.responder.success({
          delegations,
          userPublicKey: userKey,
          authnMethod: session.authnMethod,
        });
        digests.remember(anchor, inc.frontendHost, Principal.selfAuthenticating(userKey).toText());
      } catch (e) {
        setStep('login');
        throw e;
      }
    });

  /** The user declines: the relying party is told so (ICRC-25 3001 / authorize-client-failure). */
  const decline = () => {
    const inc = incoming();
    if (!inc) return;
    setStep('declined');
    inc.responder.decline();
    // ICRC-29: the relying party closes the signer window, never the signer; ICRC-167 is a tab.
    if (inc.responder.protocol === 'authorize-client') window.close();
  };

  return {
    step,
    incoming,
    fatal,
    listen: () => listen().catch((e) => task.setError(e)),
    authorize,
    decline,
    busy: task.busy,
    error: task.error,
  };
}
