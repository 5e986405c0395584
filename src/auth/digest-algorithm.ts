/**
 * Digest algorithms (RFC 7616 §3.2, §6.1): MD5 and SHA-256, each with its `-sess` variant.
 */
import { createHash } from 'node:crypto';

/** The algorithm names as they appear on the wire (RFC 7616 §6.1 registry). */
export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

const HASH_NAMES: Readonly<Record<DigestAlgorithm, string>> = {
  'MD5': 'md5',
  'MD5-sess': 'md5',
  'SHA-256': 'sha256',
  'SHA-256-sess': 'sha256',
};

/** Preference when a server offers several challenges for one realm (RFC 7616 §3.7: strongest first). */
const STRENGTH: Readonly<Record<DigestAlgorithm, number>> = { 'SHA-256': 4, 'SHA-256-sess': 3, 'MD5': 2, 'MD5-sess': 1 };

/**
 * The canonical spelling of `name` (tokens compare case-insensitively), or `undefined` when it is
 * not one we implement (e.g. `SHA-512-256`).
 *
 * @remarks RFC 7616 §3.3: an absent `algorithm` parameter means MD5.
 */
export function digestAlgorithmOf(name: string | undefined): DigestAlgorithm | undefined {
  if (name === undefined) return 'MD5';
  const lower = name.toLowerCase();
  return (Object.keys(HASH_NAMES) as DigestAlgorithm[]).find((a) => a.toLowerCase() === lower);
}

/** Lower-case hex hash of `data` with the algorithm's hash function (RFC 7616 §3.4.1 `H`). */
export function digestHash(algorithm: DigestAlgorithm, data: string | Buffer): string {
  return createHash(HASH_NAMES[algorithm]).update(data).digest('hex');
}

/** Whether A1 carries nonce and cnonce (RFC 7616 §3.4.2, the `-sess` variants). */
export function isSessionAlgorithm(algorithm: DigestAlgorithm): boolean {
  return algorithm.endsWith('-sess');
}

/** Higher is stronger; used to pick one challenge per realm. */
export function digestAlgorithmStrength(algorithm: DigestAlgorithm): number {
  return STRENGTH[algorithm];
}
