/**
 * A connected client/server `SipConnection` pair over real loopback sockets, plus small waiters.
 */
import { connect, listen, type SipConnection, type SipListener, type TransportKind } from '../../src/transport/index.js';
import type { SipMessage } from '../../src/sip/index.js';
import { labCertificates } from './lab-certs.js';

export interface ConnectionPair {
  readonly listener: SipListener;
  readonly client: SipConnection;
  readonly server: SipConnection;
  /** Closes both ends and the listener. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 with the lab certificates and connects to it with the lab CA. */
export async function connectionPair(transport: TransportKind = 'tls'): Promise<ConnectionPair> {
  const certs = await labCertificates();
  const listener = await listen({ transport, cert: certs.certPem, key: certs.keyPem });
  const accepted = new Promise<SipConnection>((resolve) => listener.onConnection(resolve));
  const client = await connect({ host: '127.0.0.1', port: listener.address.port, transport, ca: certs.caCertPem });
  const server = await accepted;
  return {
    listener,
    client,
    server,
    close: async () => {
      client.destroy();
      await listener.close();
    },
  };
}

/** Collects every message a connection receives; `next()` waits for the next one not yet taken. */
export function messageQueue(connection: SipConnection): { next(): Promise<{ message: SipMessage; raw: Buffer }> } {
  const ready: { message: SipMessage; raw: Buffer }[] = [];
  const waiting: ((item: { message: SipMessage; raw: Buffer }) => void)[] = [];
  connection.onMessage((message, raw) => {
    const waiter = waiting.shift();
    if (waiter) waiter({ message, raw });
    else ready.push({ message, raw });
  });
  return {
    next: () => {
      const item = ready.shift();
      return item ? Promise.resolve(item) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}
