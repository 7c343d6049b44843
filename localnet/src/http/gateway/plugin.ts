// The HTTP gateway as an encapsulated Fastify plugin: every path not claimed by a more specific
// route (the lead's /api/*) goes to a canister resolved from the Host header or ?canisterId=.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { handleCanisterRequest, textResponse } from './handle-request.js';
import { resolveCanister } from './resolve-canister.js';
import type { GatewayOptions, GatewayRequest, GatewayResponse, HeaderField } from './types.js';

/** ic-gateway's request body limit. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

function requestHeaders(req: FastifyRequest): HeaderField[] {
  const raw = req.raw.rawHeaders;
  const out: HeaderField[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i].toLowerCase(), raw[i + 1]]);
  return out;
}

function send(reply: FastifyReply, res: GatewayResponse): FastifyReply {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of res.headers) {
    const key = name.toLowerCase();
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  reply.code(res.status);
  for (const [name, values] of grouped) {
    try {
      reply.header(name, values.length === 1 ? values[0] : values);
    } catch {
      // A header Node refuses (invalid characters) is dropped rather than failing the response.
      reply.removeHeader(name);
    }
  }
  return reply.send(Buffer.from(res.body.buffer, res.body.byteOffset, res.body.byteLength));
}

export const gatewayPlugin: FastifyPluginAsync<GatewayOptions> = async (fastify, opts) => {
  // Canisters get the request body bytes untouched, whatever the content type.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: MAX_REQUEST_BODY_BYTES },
    (_req, body, done) => {
      done(null, body);
    },
  );

  fastify.route({
    method: [...METHODS],
    url: '/*',
    handler: async (req, reply) => {
      const resolved = resolveCanister(req.headers.host, req.url, opts.aliases);
      if (!resolved.ok) return send(reply, textResponse(resolved.status, resolved.reason));
      const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array(0);
      const request: GatewayRequest = {
        method: req.method,
        url: req.url,
        headers: requestHeaders(req),
        body,
      };
      try {
        return send(
          reply,
          await handleCanisterRequest(opts.backend, resolved.canisterId, resolved.verify, request),
        );
      } catch (e) {
        req.log.error({ err: e }, 'gateway request failed');
        return send(
          reply,
          textResponse(500, `Internal Server Error: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
    },
  });
};
