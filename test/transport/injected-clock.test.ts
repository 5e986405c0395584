import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { connect, listen } from '../../src/transport/index.js';
import { ManualClock } from '../../src/util/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import { benotifyText } from './sip-text.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A TCP server whose sockets never answer and never close their side (half-open allowed). */
async function stubbornServer(): Promise<{ server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer({ allowHalfOpen: true }, (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  }));
  return { server, sockets };
}

const portOf = (server: Server) => (server.address() as { port: number }).port;
const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

describe('transport timers run on the injected clock', () => {
  it('connect timeout fires when the manual clock passes it, not before', async () => {
    const { server, sockets } = await stubbornServer();
    const clock = new ManualClock(0);
    let settled: unknown;
    const pending = connect({ host: '127.0.0.1', port: portOf(server), transport: 'tls', connectTimeoutMs: 5000, clock })
      .then(() => 'connected', (error: unknown) => error);
    void pending.then((v) => { settled = v; });
    await waitFor(() => sockets.length === 1);
    clock.advance(4999);
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBeUndefined();
    clock.advance(1);
    const error = await pending;
    expect(error).toBeInstanceOf(FocusHarnessError);
    expect((error as FocusHarnessError).code).toBe('FH_TRANSPORT_CONNECT_TIMEOUT');
    expect((error as FocusHarnessError).message).toContain('within 5000 ms');
  });

  it('close() destroys the socket when the peer never answers the FIN within closeTimeoutMs', async () => {
    const { server, sockets } = await stubbornServer();
    const clock = new ManualClock(0);
    const connection = await connect({ host: '127.0.0.1', port: portOf(server), transport: 'tcp', clock, closeTimeoutMs: 1000 });
    await waitFor(() => sockets.length === 1);
    let done = false;
    const closing = connection.close().then((reason) => {
      done = true;
      return reason;
    });
    expect(connection.state).toBe('closing');
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    clock.advance(1000);
    expect(await closing).toEqual({ kind: 'local-close' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('close() completes without the timer on a connection that was never read', async () => {
    const listener = await listen({ transport: 'tcp' });
    cleanups.push(() => listener.close());
    const sentByServer = new Promise<void>((resolve) => listener.onConnection((server) => {
      server.onMessage(() => undefined);
      // Bytes the client never reads sit in front of the server's FIN.
      server.sendRaw(Buffer.from(benotifyText()));
      resolve();
    }));
    const clock = new ManualClock(0);
    const connection = await connect({ host: '127.0.0.1', port: listener.address.port, transport: 'tcp', clock });
    await sentByServer;
    await new Promise((r) => setTimeout(r, 20));
    expect(await connection.close()).toEqual({ kind: 'local-close' });
  });

  it('listen() defaults to 127.0.0.1 on an ephemeral port and reports a port in use', async () => {
    const listener = await listen({ transport: 'tcp' });
    cleanups.push(() => listener.close());
    expect(listener.address.address).toBe('127.0.0.1');
    expect(listener.address.port).toBeGreaterThan(0);
    const clash = await listen({ transport: 'tcp', port: listener.address.port }).then(() => undefined, (e: unknown) => e);
    expect(clash).toBeInstanceOf(FocusHarnessError);
    expect((clash as FocusHarnessError).code).toBe('FH_TRANSPORT_CONNECT');
    expect((clash as FocusHarnessError).message).toContain('EADDRINUSE');
  });
});
