// A request body over the IC's 2 MiB limit is answered 413 every time, also to a client that
// writes its whole body before it reads the answer (the server must not close on unread bytes,
// which makes the kernel reset the connection and lose the answer).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';

const OVER_LIMIT = 3 * 1024 * 1024;

/**
 * POSTs `size` zero bytes over a raw socket, reading nothing until the whole body is written and
 * the server has had time to answer; returns the status line, or how the connection failed.
 */
async function postBodyFirst(port: number, path: string, size: number): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.pause();
  let received = '';
  let failure = '';
  socket.on('data', (d) => (received += d.toString('latin1')));
  socket.on('error', (e: NodeJS.ErrnoException) => (failure = e.code ?? e.message));
  const closed = new Promise((resolve) => socket.on('close', resolve));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/cbor\r\n` +
      `Content-Length: ${size}\r\nConnection: close\r\n\r\n`,
  );
  // The first 64 KiB, a pause in which the server sees the length and answers, then the rest.
  socket.write(Buffer.alloc(64 * 1024));
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (!socket.destroyed) {
    await new Promise<void>((resolve) =>
      socket.write(Buffer.alloc(size - 64 * 1024), () => resolve()),
    );
  }
  socket.resume();
  await closed;
  return failure || received.split('\r\n')[0] || '(no answer)';
}

describe('oversized request bodies', () => {
  let net: Localnet;
  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
  });
  afterAll(async () => {
    await net?.stop();
  });

  it('20 posts of 3 MiB from a client that writes before it reads: 20 × 413', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 20; i++)
      answers.push(await postBodyFirst(net.port, '/api/v3/canister/aaaaa-aa/call', OVER_LIMIT));
    expect(answers).toEqual(Array(20).fill('HTTP/1.1 413 Payload Too Large'));
  });

  it('20 posts of 3 MiB with fetch on one kept-alive connection: 20 × 413 with the reason', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${net.url}/api/v2/canister/aaaaa-aa/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/cbor' },
        body: new Uint8Array(OVER_LIMIT),
      });
      expect(await r.text()).toMatch(/^Request body is too large/);
      statuses.push(r.status);
    }
    expect(statuses).toEqual(Array(20).fill(413));
  });
});
