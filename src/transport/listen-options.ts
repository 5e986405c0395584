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
  /** Time a client gets to finish the TLS handshake. @default 10000 */
  readonly handshakeTimeoutMs?: number;
  /** Receives each TLS secret of accepted connections as an SSLKEYLOGFILE line. */
  readonly keyLog?: (line: string) => void;
  /** @default systemClock */
  readonly clock?: Clock;
  /** See `SipConnectionInit.closeTimeoutMs`. @default 2000 */
  readonly closeTimeoutMs?: number;
}
