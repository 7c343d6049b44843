/** How the probe reaches a target's API: an agent that trusts the target's root key. */
import type { HttpAgent, Identity } from '@dfinity/agent';
import { type Network, createAgent, network } from '@ii/client';
import type { Target } from './config.js';

export function targetNetwork(t: Target): Network {
  return network(t.network, t.rootKey && t.rootKey !== 'fetch' ? t.rootKey : undefined);
}

/** An agent for the target (no retries: a failure is a failed run, not a slow one). */
export function targetAgent(t: Target, identity?: Identity): Promise<HttpAgent> {
  return createAgent(targetNetwork(t), { identity, retryTimes: 0 });
}

/** The root key the target's certificates must verify against (DER). */
export async function targetRootKey(t: Target): Promise<Uint8Array> {
  const agent = await targetAgent(t);
  const key = agent.rootKey;
  if (!key) throw new Error('the agent has no root key');
  return new Uint8Array(key);
}
