/**
 * Options of `connect()`.
 */
import type { Clock } from '../util/index.js';
import type { PemInput } from './secure-context-cache.js';
import type { TransportKind } from './transport-address.js';
import type { TlsSessionCache } from './tls-session-cache.js';

export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  /** `tls` for every real server; `tcp` only against a lab peer. */
  readonly transport: TransportKind;
  /** Trusted CA certificate(s) as PEM. @default the system store */
  readonly ca?: PemInput;
  /** Client certificate chain and key (PEM), for servers that ask for one. */
  readonly cert?: PemInput;
  readonly key?: PemInput;
  /**
   * The name sent as SNI and checked against the certificate.
   * @default `host`, unless `host` is an IP address (then no SNI is sent and the IP is checked)
   */
  readonly servername?: string;
  /** Limit for the TCP connect plus the TLS handshake. @default 10000 */
  readonly connectTimeoutMs?: number;
  /** Receives each TLS secret as an SSLKEYLOGFILE line (no trailing newline). */
  readonly keyLog?: (line: string) => void;
  /**
   * Skips certificate verification. Only for diagnosing a server with a broken chain: every
   * such connection reports why the certificate would have been rejected through `onWarning`.
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
  /** Receives security warnings; without it they go to `process.emitWarning`. */
  readonly onWarning?: (message: string) => void;
  /**
   * Resume TLS sessions with servers seen before (RFC 8446 §2.2 tickets / RFC 5077): cheaper
   * handshakes for load runs. `false` forces a full handshake every time (the certificate is
   * then on the wire in every capture). Pass a `TlsSessionCache` to keep sessions apart.
   * @default the process-wide cache
   */
  readonly tlsSessions?: TlsSessionCache | false;
  /** @default systemClock */
  readonly clock?: Clock;
  /** See `SipConnectionInit.closeTimeoutMs`. @default 2000 */
  readonly closeTimeoutMs?: number;
}
