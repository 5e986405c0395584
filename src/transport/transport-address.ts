/**
 * Transport vocabulary shared by connections and listeners.
 */

/** The reliable transports the harness speaks (RFC 3261 §18; Lync uses TLS, TCP is a lab option). */
export type TransportKind = 'tls' | 'tcp';

/** One end of a connection. */
export interface TransportAddress {
  readonly address: string;
  readonly port: number;
}

/** Which side opened the connection. */
export type ConnectionRole = 'client' | 'server';
