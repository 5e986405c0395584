/**
 * A listening TLS/TCP server handing out `SipConnection`s.
 */
import type { Server, Socket } from 'node:net';
import type { FocusHarnessError } from '../errors.js';
import type { SipConnection } from './sip-connection.js';
import type { TransportAddress, TransportKind } from './transport-address.js';

export type ConnectionHandler = (connection: SipConnection) => void;
/** A client that failed before becoming a connection (TLS handshake error, handshake timeout). */
export type ClientErrorHandler = (error: FocusHarnessError, remote: TransportAddress) => void;

/** Hooks `listen()` uses to feed the listener; not part of the public surface. */
export interface SipListenerFeed {
  accept(connection: SipConnection): void;
  clientError(error: FocusHarnessError, remote: TransportAddress): void;
  track(socket: Socket): void;
}

export class SipListener {
  readonly transport: TransportKind;
  /** Where the server listens (the real port when 0 was asked for). */
  readonly address: TransportAddress;
  #server: Server;
  #sockets = new Set<Socket>();
  #connections = new Set<SipConnection>();
  #onConnection: ConnectionHandler[] = [];
  #onClientError: ClientErrorHandler[] = [];
  #closing: Promise<void> | undefined;

  constructor(server: Server, transport: TransportKind, address: TransportAddress) {
    this.#server = server;
    this.transport = transport;
    this.address = address;
  }

  /** Number of accepted connections still open. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Open accepted connections. */
  get connections(): ReadonlySet<SipConnection> {
    return this.#connections;
  }

  /** Each accepted connection (after the TLS handshake for `tls`). Returns an unsubscribe function. */
  onConnection(handler: ConnectionHandler): () => void {
    this.#onConnection.push(handler);
    return () => {
      this.#onConnection = this.#onConnection.filter((h) => h !== handler);
    };
  }

  /** Clients that never became connections, e.g. a client that rejected our certificate. */
  onClientError(handler: ClientErrorHandler): () => void {
    this.#onClientError.push(handler);
    return () => {
      this.#onClientError = this.#onClientError.filter((h) => h !== handler);
    };
  }

  /** Stops listening and destroys every open connection, including ones mid-handshake. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      for (const connection of this.#connections) connection.destroy();
      for (const socket of this.#sockets) socket.destroy();
    });
    return this.#closing;
  }

  /** @internal */
  feed(): SipListenerFeed {
    return {
      accept: (connection) => {
        if (this.#closing !== undefined) {
          connection.destroy();
          return;
        }
        this.#connections.add(connection);
        connection.onClose(() => this.#connections.delete(connection));
        for (const handler of this.#onConnection.slice()) handler(connection);
      },
      clientError: (error, remote) => {
        for (const handler of this.#onClientError.slice()) handler(error, remote);
      },
      track: (socket) => {
        this.#sockets.add(socket);
        socket.once('close', () => this.#sockets.delete(socket));
      },
    };
  }
}
