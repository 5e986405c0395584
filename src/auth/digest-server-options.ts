/**
 * Options of `DigestServer` (the lab focus or a test registrar).
 */
import type { Clock } from '../util/index.js';
import type { DigestAlgorithm } from './digest-algorithm.js';
import type { DigestQop } from './digest-challenge.js';

export interface DigestServerOptions {
  readonly realm: string;
  /** username → password. */
  readonly users: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** One challenge per algorithm, strongest first (RFC 7616 §3.7). @default ['SHA-256', 'MD5'] */
  readonly algorithms?: readonly DigestAlgorithm[];
  /** @default ['auth'] */
  readonly qop?: readonly DigestQop[];
  /** A nonce older than this is answered with `stale=true`. @default 300000 */
  readonly nonceLifetimeMs?: number;
  /** Key for the nonce MAC. @default 32 random bytes */
  readonly secret?: Buffer;
  /** @default systemClock */
  readonly clock?: Clock;
}
