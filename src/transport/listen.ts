/**
 * Starts a SIP listener over TLS or TCP.
 */
import { createServer as createTcpServer, Socket, type AddressInfo, type Server } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { FocusHarnessError } from '../errors.js';
import { systemClock } from '../util/index.js';
import type { ListenOptions } from './listen-options.js';
import { MIN_TLS_VERSION } from './secure-context-cache.js';
import { SipConnection } from './sip-connection.js';
import { SipListener } from './sip-listener.js';
import type { TransportAddress } from './transport-address.js';

/**
 * Listens on `host:port` (default `127.0.0.1:0`) and resolves once the socket is bound.
 *
 * @throws FocusHarnessError `FH_USAGE` (TLS without cert/key), `FH_CERT` (unloadable PEM),
 * `FH_TRANSPORT_CONNECT` (address in use, permission denied).
 */
export async function listen(options: ListenOptions): Promise<SipListener> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const clock = options.clock ?? systemClock;
  const connectionInit = {
    transport: options.transport,
    role: 'server' as const,
    clock,
    ...(options.closeTimeoutMs !== undefined ? { closeTimeoutMs: options.closeTimeoutMs } : {}),
  };
  const server = createServerFor(options);
  const listener = await bind(server, host, port, options);
  const feed = listener.feed();

  // Raw sockets are tracked from accept so close() can also drop clients mid-handshake.
  const remotes = new WeakMap<Socket, TransportAddress>();
  server.on('connection', (socket: Socket) => {
    socket.setNoDelay(true);
    feed.track(socket);
    remotes.set(socket, { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 });
    if (options.transport === 'tcp') feed.accept(new SipConnection(socket, connectionInit));
  });
  if (options.transport === 'tls') {
    server.on('secureConnection', (socket: TLSSocket) => feed.accept(new SipConnection(socket, connectionInit)));
    server.on('tlsClientError', (error: Error, socket: TLSSocket) => {
      // A client that hung up mid-handshake has no address any more; the TLS socket's
      // underlying TCP socket (`_parent`, a stable Node internal) was recorded at accept.
      const parent = (socket as TLSSocket & { _parent?: unknown })._parent;
      const remote = (parent instanceof Socket ? remotes.get(parent) : undefined)
        ?? { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      feed.clientError(new FocusHarnessError(
        'FH_TLS_HANDSHAKE',
        `TLS handshake from ${remote.address}:${remote.port} failed (${code}): ${error.message}; ` +
        'if the client rejected our certificate, give it the lab CA (certs/generated/ca.pem)',
        { cause: error, where: `${remote.address}:${remote.port}` },
      ), remote);
    });
    if (options.keyLog !== undefined) {
      const keyLog = options.keyLog;
      server.on('keylog', (line: Buffer) => keyLog(line.toString('latin1').replace(/\r?\n$/, '')));
    }
  }
  return listener;
}

function createServerFor(options: ListenOptions): Server {
  if (options.transport === 'tcp') return createTcpServer();
  if (options.cert === undefined || options.key === undefined) {
    throw new FocusHarnessError('FH_USAGE', 'a TLS listener needs cert and key PEMs; ensureLabCertificates() makes a lab set');
  }
  try {
    return createTlsServer({
      cert: options.cert as string | Buffer | (string | Buffer)[],
      key: options.key as string | Buffer | (string | Buffer)[],
      minVersion: MIN_TLS_VERSION,
      maxVersion: options.maxTlsVersion ?? 'TLSv1.3',
      handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
    });
  } catch (error) {
    throw new FocusHarnessError('FH_CERT', `cannot load the listener certificate/key (${(error as Error).message})`, { cause: error });
  }
}

function bind(server: Server, host: string, port: number, options: ListenOptions): Promise<SipListener> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const hint = error.code === 'EADDRINUSE' ? 'the port is in use; pick another or use 0'
        : error.code === 'EACCES' ? 'permission denied; use a port above 1023'
          : error.message;
      reject(new FocusHarnessError('FH_TRANSPORT_CONNECT', `cannot listen on ${host}:${port} (${error.code ?? 'error'}): ${hint}`, {
        cause: error,
        where: `${host}:${port}`,
      }));
    };
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      const info = server.address() as AddressInfo;
      resolve(new SipListener(server, options.transport, { address: info.address, port: info.port }));
    });
  });
}
