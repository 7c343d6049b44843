import { Actor, type SignIdentity } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import {
  Delegation,
  DelegationChain,
  DelegationIdentity,
  Ed25519KeyIdentity,
} from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures, fixtureWasm } from '@ii/localnet/testing';
import { type TestNet, registerAnchor, startWithII } from './support.js';

const whoamiIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({ whoami: I.Func([], [I.Text], ['query']), whoamiUpdate: I.Func([], [I.Text], []) });

describe('the full login path', () => {
  let t: TestNet;
  let dapp: Principal;
  beforeAll(async () => {
    await buildFixtures();
    t = await startWithII();
    dapp = await t.net.installCanister(fixtureWasm(), {
      arg: new Uint8Array(IDL.encode([IDL.Nat64], [0n])),
    });
  });
  afterAll(async () => t?.net.stop());

  it('a session key gets a canister-signed delegation and calls a dapp as get_principal says', async () => {
    const { anchor, identity } = await registerAnchor(t);
    const ii = await t.actor(identity);
    const frontend = 'https://dapp.example';
    const expected = await ii.get_principal(anchor, frontend);

    const session = Ed25519KeyIdentity.generate();
    const sessionKey = new Uint8Array(session.getPublicKey().toDer());
    const [userKey, expiration] = await ii.prepare_delegation(anchor, frontend, sessionKey, []);
    expect(Principal.selfAuthenticating(userKey).toText()).toBe(expected.toText());
    const response = await ii.get_delegation(anchor, frontend, sessionKey, expiration);
    if (!('signed_delegation' in response)) throw new Error('no delegation');
    const { delegation, signature } = response.signed_delegation;
    const chain = DelegationChain.fromDelegations(
      [
        {
          delegation: new Delegation(delegation.pubkey, delegation.expiration),
          signature: signature as never,
        },
      ],
      userKey as never,
    );
    const user = DelegationIdentity.fromDelegation(session as SignIdentity, chain);
    const agent = await t.agent(user);
    const whoami = Actor.createActor<{
      whoami(): Promise<string>;
      whoamiUpdate(): Promise<string>;
    }>(whoamiIdl, { agent, canisterId: dapp });
    expect(await whoami.whoami()).toBe(expected.toText());
    expect(await whoami.whoamiUpdate()).toBe(expected.toText());
  });
});
