/**
 * `api`, no browser: the network answers its status, II its stats and the probe anchor's
 * credentials; with the probe's device key, prepare_delegation and get_delegation give a
 * delegation to a fresh session key, and the test dapp's canister, called with that delegation,
 * answers the probe's principal (so the IC itself verified the canister signature).
 */
import { Actor, type HttpAgent } from '@dfinity/agent';
import {
  Delegation,
  DelegationChain,
  DelegationIdentity,
  Ed25519KeyIdentity,
} from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { iiActor } from '@ii/client';
import { type TestDappService, idlFactory as dappIdl } from '@ii/test-dapp/candid';
import { deviceIdentity } from '../credentials.js';
import { targetAgent } from '../target-client.js';
import { type FlowContext, fail } from './context.js';
import { requireCredentials } from './require-credentials.js';

const SESSION_TTL_NS = 5n * 60n * 1_000_000_000n;

/** An agent or network failure as a probe failure (network when nothing answered). */
async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const message = (e as Error).message.split('\n')[0] ?? String(e);
    // The agent wraps transport failures; their text names the cause.
    const full = `${(e as Error).message} ${String((e as { cause?: unknown }).cause ?? '')}`;
    const unreachable = /fetch failed|ECONNREFUSED|ENOTFOUND|Failed to fetch|TransportError/.test(
      full,
    );
    fail(unreachable ? 'network' : 'agent_error', `${what}: ${message}`);
  }
}

export async function apiFlow(ctx: FlowContext): Promise<void> {
  const { steps, target } = ctx;
  const credentials = requireCredentials(ctx);
  const anchor = BigInt(credentials.anchor);
  const dappOrigin = new URL(target.dappUrl).origin;
  const anonymous: HttpAgent = await steps.run('status', () =>
    call('status', async () => {
      const agent = await targetAgent(target);
      await agent.status();
      return agent;
    }),
  );
  const ii = iiActor(anonymous, target.canisterId);
  await steps.run('stats', () => call('stats', () => ii.stats()));
  await steps.run('credentials', async () => {
    const found = await call('get_anchor_credentials', () => ii.get_anchor_credentials(anchor));
    const ids = new Set(
      found.credentials.map((c) => Buffer.from(c.credential_id).toString('base64')),
    );
    for (const p of credentials.passkeys)
      if (!ids.has(p.credential.credentialId))
        fail('assertion', `anchor ${anchor} no longer has the probe's passkey for ${p.hostname}`);
  });
  const device = deviceIdentity(credentials);
  const session = Ed25519KeyIdentity.generate();
  const sessionKey = new Uint8Array(session.getPublicKey().toDer());
  const asDevice = iiActor(await targetAgent(target, device), target.canisterId);
  const { userKey, signed } = await steps.run('delegation', async () => {
    const [userKey, expiration] = await call('prepare_delegation', () =>
      asDevice.prepare_delegation(anchor, dappOrigin, sessionKey, [SESSION_TTL_NS]),
    );
    const got = await call('get_delegation', () =>
      asDevice.get_delegation(anchor, dappOrigin, sessionKey, expiration),
    );
    if (!('signed_delegation' in got)) fail('assertion', 'get_delegation found no delegation');
    return { userKey, signed: got.signed_delegation };
  });
  await steps.run('verify', async () => {
    const chain = DelegationChain.fromDelegations(
      [
        {
          delegation: new Delegation(
            signed.delegation.pubkey,
            signed.delegation.expiration,
            signed.delegation.targets[0],
          ),
          signature: signed.signature as never,
        },
      ],
      userKey as never,
    );
    const identity = DelegationIdentity.fromDelegation(session, chain);
    const agent = await targetAgent(target, identity);
    const dapp = Actor.createActor<TestDappService>(dappIdl, {
      agent,
      canisterId: target.dappCanisterId,
    });
    const whoami = await call('whoami', () => dapp.whoami());
    const expected = Principal.selfAuthenticating(userKey).toText();
    if (whoami !== expected)
      fail('assertion', `whoami answered ${whoami}, the delegation is for ${expected}`);
    const recorded = credentials.principals[dappOrigin];
    if (recorded !== undefined && recorded !== expected)
      fail(
        'assertion',
        `the anchor's principal for ${dappOrigin} is ${expected}, enrollment recorded ${recorded}`,
      );
  });
}
