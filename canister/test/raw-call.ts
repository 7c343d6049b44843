/**
 * Calls with argument bytes as given, not as an actor would encode them: for tests that send what
 * no well-behaved client sends (truncated, mutated, hostile Candid). Replies are read from the
 * certificate (updates) or the node-signed answer (queries), both verified by the agent.
 */
import { Certificate, type HttpAgent, lookupResultToBuffer, pollForResponse } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';
import { memoBlsVerify } from './support.js';

export type RawResult =
  { status: 'replied'; reply: Uint8Array } | { status: 'rejected'; code: number; message: string };

const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : '');

function leb(bytes: Uint8Array | undefined): number {
  let n = 0;
  let scale = 1;
  for (const b of bytes ?? []) {
    n += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) break;
  }
  return n;
}

export async function rawUpdate(
  agent: HttpAgent,
  canisterId: Principal,
  methodName: string,
  arg: Uint8Array,
): Promise<RawResult> {
  const r = await agent.call(canisterId, { methodName, arg, callSync: true });
  const body = r.response.body as { certificate?: Uint8Array } | null;
  if (r.response.status === 200 && body?.certificate) {
    const cert = await Certificate.create({
      certificate: body.certificate,
      rootKey: agent.rootKey!,
      canisterId,
      blsVerify: memoBlsVerify,
    });
    const path = (leaf: string) =>
      lookupResultToBuffer(cert.lookup_path(['request_status', r.requestId, leaf]));
    const status = text(path('status'));
    if (status === 'replied') return { status, reply: path('reply')! };
    return {
      status: 'rejected',
      code: leb(path('reject_code')),
      message: text(path('reject_message')),
    };
  }
  try {
    const { reply } = await pollForResponse(agent, canisterId, r.requestId);
    return { status: 'replied', reply: new Uint8Array(reply) };
  } catch (e) {
    const reject = e as { cause?: { code?: { rejectCode?: number; rejectMessage?: string } } };
    return {
      status: 'rejected',
      code: reject.cause?.code?.rejectCode ?? 0,
      message: reject.cause?.code?.rejectMessage ?? String((e as Error).message),
    };
  }
}

export async function rawQuery(
  agent: HttpAgent,
  canisterId: Principal,
  methodName: string,
  arg: Uint8Array,
): Promise<RawResult> {
  const r = await agent.query(canisterId, { methodName, arg });
  if (r.status === 'replied') return { status: 'replied', reply: new Uint8Array(r.reply.arg) };
  return { status: 'rejected', code: r.reject_code, message: r.reject_message };
}
