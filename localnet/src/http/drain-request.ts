import type { IncomingMessage } from 'node:http';

/**
 * Reads and discards the rest of a request body before it is refused (413). A server that answers
 * and closes while the client is still sending makes the kernel reset the connection, and a client
 * that writes its whole body before reading loses the answer. Resolves true once the body has
 * ended, false when more than `maxBytes` arrive first (the caller then closes the connection).
 */
export function drainRequest(req: IncomingMessage, maxBytes: number): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let received = 0;
    const done = (ended: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onClose);
      req.off('close', onClose);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) done(false);
    };
    const onEnd = () => done(true);
    const onClose = () => done(req.complete);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onClose);
    req.on('close', onClose);
    req.resume();
  });
}
