/**
 * Whether what the canister serves at `path` verifies against the target's root key, checked here
 * and not only by the gateway the browser went through: `http_request` asked through the API,
 * verified with the same library boundary nodes use.
 */
import {
  ResponseVerificationError,
  verifyRequestResponsePair,
} from '@dfinity/response-verification';
import { Principal } from '@dfinity/principal';
import { iiActor } from '@ii/client';
import type { Target } from '../config.js';
import { targetAgent } from '../target-client.js';
import { fail } from './context.js';

const MAX_CERT_TIME_OFFSET_NS = 300_000_000_000n;

export async function verifyCertification(target: Target, path: string): Promise<void> {
  const agent = await targetAgent(target);
  const request = {
    method: 'GET',
    url: path,
    headers: [] as [string, string][],
    body: new Uint8Array(),
  };
  let response;
  try {
    response = await iiActor(agent, target.canisterId).http_request({
      ...request,
      certificate_version: [2],
    });
  } catch (e) {
    fail('agent_error', `http_request ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    verifyRequestResponsePair(
      { ...request, certificate_version: [2] },
      { status_code: response.status_code, headers: response.headers, body: response.body },
      Principal.fromText(target.canisterId).toUint8Array(),
      BigInt(Date.now()) * 1_000_000n,
      MAX_CERT_TIME_OFFSET_NS,
      new Uint8Array(agent.rootKey!),
      2,
    );
  } catch (e) {
    const what = e instanceof ResponseVerificationError ? e.message : String(e);
    fail('certification', `${path} does not verify: ${what}`);
  }
}
