/**
 * Opens a SIP connection over TLS (verified) or TCP.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { FocusHarnessError } from '../errors.js';
import { systemClock } from '../util/index.js';
import type { ConnectOptions } from './connect-options.js';
import { normalizeConnectError, type ConnectTarget } from './normalize-connect-error.js';
import { secureContextEntry } from './secure-context-cache.js';
import { TlsSessionCache } from './tls-session-cache.js';
import { SipConnection } from './sip-connection.js';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const sharedSessions = new TlsSessionCache();

/**
 * Connects to `host:port` and resolves once the connection can carry SIP (after the TLS
 * handshake and certificate check for `tls`).
 *
 * @throws FocusHarnessError `FH_TRANSPORT_CONNECT` (refused, unresolvable, unreachable),
 * `FH_TLS_HANDSHAKE` (untrusted/expired/misnamed certificate, not TLS, version), or
 * `FH_TRANSPORT_CONNECT_TIMEOUT`; `cause` holds the platform error.
 */
export function connect(options: ConnectOptions): Promise<SipConnection> {
  const { host, port, transport } = options;
  if (!host || !Number.isInteger(port) || port <= 0 || port > 65535) {
    return Promise.reject(new FocusHarnessError('FH_USAGE', `cannot connect to "${host}:${port}": give a host and a port 1-65535`));
  }
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  // RFC 6066 §3: SNI carries a DNS name, never a literal IP address.
  const sni = options.servername ?? (isIP(host) === 0 ? host : undefined);
  const target: { -readonly [K in keyof ConnectTarget]: ConnectTarget[K] } = {
    host, port, transport, servername: sni ?? host, tcpConnected: false,
  };

  return new Promise<SipConnection>((resolve, reject) => {
    let socket: Socket;
    try {
      socket = transport === 'tls' ? openTls(options, sni) : netConnect({ host, port });
    } catch (error) {
      reject(error instanceof FocusHarnessError ? error : normalizeConnectError(error as Error, target));
      return;
    }
    socket.setNoDelay(true);
    if (options.keyLog !== undefined && transport === 'tls') {
      const keyLog = options.keyLog;
      socket.on('keylog', (line: Buffer) => keyLog(line.toString('latin1').replace(/\r?\n$/, '')));
    }

    const settle = (error: FocusHarnessError | undefined): void => {
      timer.cancel();
      socket.off('connect', onTcpConnect);
      socket.off(readyEvent, onReady);
      socket.off('error', onError);
      socket.off('close', onEarlyClose);
      if (error === undefined) return;
      // Late errors from a socket we gave up on must not become uncaught exceptions.
      socket.on('error', () => undefined);
      socket.destroy();
      reject(error);
    };
    const onTcpConnect = (): void => {
      target.tcpConnected = true;
    };
    const onReady = (): void => {
      settle(undefined);
      if (transport === 'tls' && options.insecureSkipVerify === true) warnInsecure(socket, options);
      resolve(new SipConnection(socket, {
        transport,
        role: 'client',
        clock,
        ...(options.closeTimeoutMs !== undefined ? { closeTimeoutMs: options.closeTimeoutMs } : {}),
      }));
    };
    const onError = (error: Error): void => settle(normalizeConnectError(error, target));
    const onEarlyClose = (): void => settle(new FocusHarnessError(
      'FH_TRANSPORT_CONNECT',
      `${host}:${port} closed the connection before it was ready; check that it speaks ${transport.toUpperCase()}`,
      { where: `${host}:${port}` },
    ));
    const readyEvent = transport === 'tls' ? 'secureConnect' : 'connect';
    const timer = clock.setTimer(timeoutMs, () => settle(new FocusHarnessError(
      'FH_TRANSPORT_CONNECT_TIMEOUT',
      target.tcpConnected
        ? `TLS handshake with ${host}:${port} did not complete within ${timeoutMs} ms; the port accepts TCP but ` +
          'does not answer TLS (wrong port, or a plain TCP peer?)'
        : `no TCP connection to ${host}:${port} within ${timeoutMs} ms; check the address and firewalls`,
      { where: `${host}:${port}` },
    )));
    socket.on('connect', onTcpConnect);
    socket.on(readyEvent, onReady);
    socket.on('error', onError);
    socket.on('close', onEarlyClose);
  });
}

function openTls(options: ConnectOptions, sni: string | undefined): TLSSocket {
  const { context, id } = secureContextEntry({ ca: options.ca, cert: options.cert, key: options.key });
  const insecure = options.insecureSkipVerify === true;
  // Never resume a session made without verification, nor offer one to an insecure connection.
  const sessions = options.tlsSessions === false || insecure ? undefined : options.tlsSessions ?? sharedSessions;
  const sessionKey = `${options.host}:${options.port}:${sni ?? ''}:${id}`;
  const session = sessions?.get(sessionKey);
  const socket = tlsConnect({
    host: options.host,
    port: options.port,
    ...(sni !== undefined ? { servername: sni } : {}),
    secureContext: context,
    rejectUnauthorized: !insecure,
    ...(session !== undefined ? { session } : {}),
  });
  if (sessions !== undefined) {
    let fresh = false;
    socket.on('session', (ticket: Buffer) => {
      fresh = true;
      sessions.set(sessionKey, ticket);
    });
    // TLS 1.2 hands the new session out before secureConnect, TLS 1.3 after it.
    if (session !== undefined) socket.once('secureConnect', () => {
      if (!socket.isSessionReused() && !fresh) sessions.delete(sessionKey);
    });
  }
  return socket;
}

function warnInsecure(socket: Socket, options: ConnectOptions): void {
  const why = (socket as Socket & { authorizationError?: Error | string }).authorizationError;
  const message =
    `certificate verification is OFF for ${options.host}:${options.port} (insecureSkipVerify); ` +
    (why === undefined ? 'the certificate would have been accepted' : `it would have been rejected: ${String(why)}`);
  if (options.onWarning !== undefined) options.onWarning(message);
  else process.emitWarning(message, { code: 'FH_TLS_INSECURE' });
}
