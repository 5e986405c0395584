/**
 * One SIP connection over TLS or TCP, for both the side that connected and the side that accepted.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { FocusHarnessError } from '../errors.js';
import { systemClock, type Clock } from '../util/index.js';
import { StreamFramer, serializeMessage, type FramerEvent, type SipMessage } from '../sip/index.js';
import { channels, type ConnectedEvent } from './diagnostics.js';
import type { ConnectionCloseReason } from './connection-close-reason.js';
import type { ConnectionRole, TransportAddress, TransportKind } from './transport-address.js';

export type MessageHandler = (message: SipMessage, raw: Buffer) => void;
export type ParseErrorHandler = (error: FocusHarnessError, raw: Buffer) => void;
export type CloseHandler = (reason: ConnectionCloseReason) => void;
/** RFC 5626 §3.5.1: `ping` is a double CRLF, `pong` a single CRLF. */
export type KeepAliveHandler = (kind: 'ping' | 'pong') => void;

/**
 * - `open`: sending and receiving.
 * - `closing`: `close()` was called or the peer ended; nothing more can be sent.
 * - `closed`: the socket is gone; close handlers have run.
 */
export type ConnectionState = 'open' | 'closing' | 'closed';

export interface SipConnectionInit {
  readonly transport: TransportKind;
  readonly role: ConnectionRole;
  /** @default systemClock */
  readonly clock?: Clock;
  /** How long `close()` waits for the peer's FIN before destroying the socket. @default 2000 */
  readonly closeTimeoutMs?: number;
}

/** RFC 5626 §4.4.1: a keep-alive ping is a double CRLF, the pong a single CRLF. */
const PING = Buffer.from('\r\n\r\n', 'latin1');
const PONG = Buffer.from('\r\n', 'latin1');

let connectionCounter = 0;

/**
 * A framed SIP message stream on one socket.
 *
 * @remarks Requests and responses arrive in both directions on every connection: a Lync
 * front end sends BENOTIFY, INFO and BYE down the connection the client opened (RFC 3261
 * §18.2.2 reuse of the connection; MS-SIPRE keeps a single TLS connection per endpoint).
 *
 * Reading starts when the first `onMessage` handler is registered, so nothing is lost between
 * `connect()` resolving (or `onConnection` firing) and the caller wiring its handlers; until
 * then the kernel buffers and TCP flow control holds the peer. Register `onParseError` before
 * (or together with) `onMessage`.
 */
export class SipConnection {
  /** `c1`, `c2`, … unique within the process. */
  readonly id: string;
  readonly transport: TransportKind;
  readonly role: ConnectionRole;
  readonly local: TransportAddress;
  readonly remote: TransportAddress;
  #socket: Socket;
  #corked = false;
  #clock: Clock;
  #closeTimeoutMs: number;
  #framer: StreamFramer | undefined;
  #state: ConnectionState = 'open';
  #closeKind: ConnectionCloseReason['kind'] | undefined;
  #error: FocusHarnessError | undefined;
  #closedPromise: Promise<ConnectionCloseReason> | undefined;
  #resolveClosed: ((reason: ConnectionCloseReason) => void) | undefined;
  #reason: ConnectionCloseReason | undefined;
  #onMessage: MessageHandler[] = [];
  #onParseError: ParseErrorHandler[] = [];
  #onClose: CloseHandler[] = [];
  #onKeepAlive: KeepAliveHandler[] = [];

  constructor(socket: Socket, init: SipConnectionInit) {
    this.id = `c${++connectionCounter}`;
    this.transport = init.transport;
    this.role = init.role;
    this.#socket = socket;
    this.#clock = init.clock ?? systemClock;
    this.#closeTimeoutMs = init.closeTimeoutMs ?? 2000;
    this.local = { address: socket.localAddress ?? '', port: socket.localPort ?? 0 };
    this.remote = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    socket.on('end', this.#handleEnd);
    socket.on('error', this.#handleError);
    socket.on('close', this.#handleClose);
    if (channels.connected.hasSubscribers) channels.connected.publish(this.#connectedEvent());
  }

  /** See {@link ConnectionState}. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** True once nothing more can be sent (`close()`/`destroy()` called, peer ended, or socket gone). */
  get closed(): boolean {
    return this.#state !== 'open';
  }

  /** Bytes queued in user space because the socket is not draining (a load-run health signal). */
  get bufferedBytes(): number {
    return this.#socket.writableLength;
  }

  /**
   * Serializes and writes one message.
   *
   * @throws FocusHarnessError `FH_TRANSPORT_CLOSED`, synchronously, when the connection is
   * `closing` or `closed`. Write failures after that are reported through `onClose`.
   */
  send(message: SipMessage): void {
    this.#assertOpen();
    const raw = serializeMessage(message);
    this.#write(raw);
    if (channels.messageSent.hasSubscribers) {
      channels.messageSent.publish({
        connectionId: this.id, direction: 'sent', raw, message,
        local: this.local, remote: this.remote, time: this.#clock.now(),
      });
    }
  }

  /**
   * Writes bytes as they are, without serializing or publishing (fault injection, malformed
   * input tests). @throws FocusHarnessError `FH_TRANSPORT_CLOSED` like `send`.
   */
  sendRaw(bytes: Buffer): void {
    this.#assertOpen();
    this.#write(bytes);
  }

  /** Sends an RFC 5626 §4.4.1 keep-alive: `ping` (CRLFCRLF, default) or `pong` (CRLF). */
  sendKeepAlive(kind: 'ping' | 'pong' = 'ping'): void {
    this.#assertOpen();
    this.#write(kind === 'ping' ? PING : PONG);
  }

  /**
   * Writes through a cork held until the current tick's work is done, so a burst (pipelined
   * requests, a roster fan-out) leaves in one write instead of one system call per message.
   */
  #write(bytes: Buffer): void {
    if (!this.#corked) {
      this.#corked = true;
      this.#socket.cork();
      process.nextTick(this.#flush);
    }
    this.#socket.write(bytes);
  }

  /** Hands corked writes to the socket (before an end or destroy, too, so nothing sent is lost). */
  readonly #flush = (): void => {
    if (!this.#corked) return;
    this.#corked = false;
    this.#socket.uncork();
  };

  /** Every inbound request and response, with its exact bytes. Returns an unsubscribe function. */
  onMessage(handler: MessageHandler): () => void {
    const off = add(this.#onMessage, handler);
    this.#startReading();
    return off;
  }

  /** Malformed inbound messages; the stream goes on with the next message. */
  onParseError(handler: ParseErrorHandler): () => void {
    return add(this.#onParseError, handler);
  }

  /**
   * CRLF keep-alives from the peer (a ping, or a pong to our ping). A server-side connection
   * answers each ping with a pong by itself (RFC 5626 §4.4.1).
   */
  onKeepAlive(handler: KeepAliveHandler): () => void {
    return add(this.#onKeepAlive, handler);
  }

  /** Runs once when the socket is gone (immediately, on a later tick, if it already is). */
  onClose(handler: CloseHandler): () => void {
    const reason = this.#reason;
    if (reason !== undefined) {
      queueMicrotask(() => handler(reason));
      return () => undefined;
    }
    return add(this.#onClose, handler);
  }

  /**
   * Ends the stream gracefully (FIN) and resolves when the socket has closed; the socket is
   * destroyed if the peer has not closed its side within `closeTimeoutMs`.
   */
  close(): Promise<ConnectionCloseReason> {
    if (this.#state === 'open') {
      this.#state = 'closing';
      this.#closeKind ??= 'local-close';
      // A socket nobody reads never sees the peer's FIN; drain it so 'close' can come.
      if (this.#framer === undefined) this.#socket.resume();
      this.#flush();
      this.#socket.end();
      const timer = this.#clock.setTimer(this.#closeTimeoutMs, () => this.#socket.destroy());
      void this.whenClosed().then(() => timer.cancel());
    }
    return this.whenClosed();
  }

  /** Drops the connection at once (no FIN handshake). */
  destroy(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closing';
    this.#closeKind ??= 'local-destroy';
    this.#flush();
    this.#socket.destroy();
  }

  /** Resolves with the close reason once the socket is gone. */
  whenClosed(): Promise<ConnectionCloseReason> {
    if (this.#reason !== undefined) return Promise.resolve(this.#reason);
    this.#closedPromise ??= new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    return this.#closedPromise;
  }

  #assertOpen(): void {
    if (this.#state !== 'open') {
      throw new FocusHarnessError(
        'FH_TRANSPORT_CLOSED',
        `connection ${this.id} to ${this.remote.address}:${this.remote.port} is ${this.#state}; open a new connection`,
        { where: this.id },
      );
    }
  }

  #startReading(): void {
    if (this.#framer !== undefined) return;
    this.#framer = new StreamFramer();
    this.#socket.on('data', this.#handleData);
  }

  readonly #handleData = (chunk: Buffer): void => {
    const framer = this.#framer;
    if (framer === undefined) return;
    for (const event of framer.push(chunk)) {
      this.#dispatch(event);
      if (this.#state === 'closed') return;
    }
  };

  #dispatch(event: FramerEvent): void {
    switch (event.type) {
      case 'message': {
        if (channels.messageReceived.hasSubscribers) {
          channels.messageReceived.publish({
            connectionId: this.id, direction: 'received', raw: event.raw, message: event.message,
            local: this.local, remote: this.remote, time: this.#clock.now(),
          });
        }
        for (const handler of this.#onMessage.slice()) guard(() => handler(event.message, event.raw));
        return;
      }
      case 'keepalive':
        // RFC 5626 §4.4.1: a server that receives a ping (CRLFCRLF) responds with a pong (CRLF).
        if (event.kind === 'ping' && this.role === 'server' && this.#state === 'open') this.#socket.write(PONG);
        for (const handler of this.#onKeepAlive.slice()) guard(() => handler(event.kind));
        return;
      case 'error': {
        const error = asHarnessError(event.error);
        if (channels.parseError.hasSubscribers) {
          channels.parseError.publish({ connectionId: this.id, error, raw: event.raw, time: this.#clock.now() });
        }
        for (const handler of this.#onParseError.slice()) guard(() => handler(error, event.raw));
        // RFC 3261 §18.3: when the stream framing itself is lost the only recovery is to close
        // the connection. The sip framer resynchronises on the next start line and reports
        // FH_SIP_PARSE; a framer that gives up reports FH_SIP_FRAMING.
        if (error.code === 'FH_SIP_FRAMING') this.#fail(error);
        return;
      }
    }
  }

  #fail(error: FocusHarnessError): void {
    this.#error ??= error;
    this.#closeKind = 'error';
    this.#state = 'closing';
    this.#socket.destroy();
  }

  readonly #handleEnd = (): void => {
    if (this.#state === 'open') {
      this.#state = 'closing';
      this.#closeKind ??= 'remote-end';
    }
  };

  readonly #handleError = (error: Error): void => {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    this.#error ??= new FocusHarnessError(
      'FH_TRANSPORT_CLOSED',
      `connection ${this.id} to ${this.remote.address}:${this.remote.port} failed (${code}): ${error.message}`,
      { cause: error, where: this.id },
    );
    // A reset after we asked to close is still the close we asked for.
    if (this.#closeKind === undefined || this.#closeKind === 'remote-end') this.#closeKind = 'error';
  };

  readonly #handleClose = (): void => {
    this.#state = 'closed';
    const kind = this.#closeKind ?? 'remote-end';
    const reason: ConnectionCloseReason =
      kind === 'error' && this.#error !== undefined ? { kind, error: this.#error } : { kind };
    this.#reason = reason;
    this.#socket.off('data', this.#handleData);
    if (channels.closed.hasSubscribers) {
      channels.closed.publish({ connectionId: this.id, reason, local: this.local, remote: this.remote, time: this.#clock.now() });
    }
    const handlers = this.#onClose;
    this.#onClose = [];
    this.#onMessage = [];
    this.#onParseError = [];
    this.#onKeepAlive = [];
    for (const handler of handlers) guard(() => handler(reason));
    this.#resolveClosed?.(reason);
  };

  #connectedEvent(): ConnectedEvent {
    const base = {
      connectionId: this.id, transport: this.transport, role: this.role,
      local: this.local, remote: this.remote, time: this.#clock.now(),
    };
    const socket = this.#socket;
    if (!(socket instanceof TLSSocket)) return base;
    const servername = (socket as TLSSocket & { servername?: string | false }).servername;
    return {
      ...base,
      tls: {
        protocol: socket.getProtocol() ?? 'unknown',
        cipher: socket.getCipher().name,
        resumed: socket.isSessionReused(),
        ...(typeof servername === 'string' ? { servername } : {}),
      },
    };
  }
}

function add<T>(list: T[], item: T): () => void {
  list.push(item);
  return () => {
    const index = list.indexOf(item);
    if (index >= 0) list.splice(index, 1);
  };
}

// A throwing handler must not break framing for the handlers and messages after it, nor be
// swallowed: it is re-thrown on a fresh stack, where it surfaces as an uncaught exception.
function guard(run: () => void): void {
  try {
    run();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

function asHarnessError(error: unknown): FocusHarnessError {
  if (error instanceof FocusHarnessError) return error;
  return new FocusHarnessError('FH_SIP_PARSE', error instanceof Error ? error.message : String(error), { cause: error });
}
