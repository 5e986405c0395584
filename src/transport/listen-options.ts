/**
 * Options of `listen()`.
 */
import type { Clock } from '../util/index.js';
import type { PemInput } from './secure-context-cache.js';
import type { TransportKind } from './transport-address.js';

export interface ListenOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks an ephemeral port; read it back from `listener.address`. @default 0 */
  readonly port?: number;
  readonly transport: TransportKind;
  /** Server certificate chain and key (PEM); required for `tls`. */
  readonly cert?: PemInput;
  readonly key?: PemInput;
  /**
   * Highest TLS version offered; `TLSv1.2` emulates a Lync 2013 / Skype for Business 2015
   * front end without TLS 1.3. @default 'TLSv1.3'
   */
  readonly maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Time a client gets to finish the TLS handshake. @default 10000 */
  readonly handshakeTimeoutMs?: number;
  /** Receives each TLS secret of accepted connections as an SSLKEYLOGFILE line. */
  readonly keyLog?: (line: string) => void;
  /** @default systemClock */
  readonly clock?: Clock;
  /** See `SipConnectionInit.closeTimeoutMs`. @default 2000 */
  readonly closeTimeoutMs?: number;
}
