/** The Internet Identity actor, typed from the canister's one Candid source. */
import { Actor, type ActorConfig, type ActorSubclass, type Agent } from '@dfinity/agent';
import { type InternetIdentityService, idlFactory } from '@ii/canister/candid';
import { II_CANISTER_ID } from './ids.js';

export type IIActor = ActorSubclass<InternetIdentityService>;

export function iiActor(
  agent: Agent,
  canisterId: string = II_CANISTER_ID,
  options: Pick<ActorConfig, 'blsVerify'> = {},
): IIActor {
  return Actor.createActor<InternetIdentityService>(idlFactory, { agent, canisterId, ...options });
}
