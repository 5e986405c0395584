/**
 * The request-digest (RFC 7616 §3.4.1–§3.4.3; RFC 2617 §3.2.2.1–§3.2.2.3).
 */
import { digestHash, isSessionAlgorithm, type DigestAlgorithm } from './digest-algorithm.js';
import type { DigestQop } from './digest-challenge.js';

export interface DigestResponseInput {
  readonly algorithm: DigestAlgorithm;
  /** The plain username (not the userhash). */
  readonly username: string;
  readonly realm: string;
  readonly password: string;
  readonly nonce: string;
  readonly method: string;
  readonly uri: string;
  /** Absent: the RFC 2069 form `H(A1:nonce:H(A2))`. */
  readonly qop?: DigestQop;
  readonly nc?: number;
  readonly cnonce?: string;
  /** The message body, hashed into A2 for `auth-int`. @default empty */
  readonly body?: Buffer;
}

/** Lower-case hex request-digest. */
export function computeDigestResponse(input: DigestResponseInput): string {
  const { algorithm } = input;
  const H = (data: string | Buffer): string => digestHash(algorithm, data);
  const cnonce = input.cnonce ?? '';
  // RFC 7616 §3.4.2: A1 = user:realm:password; -sess: H(user:realm:password):nonce:cnonce.
  let ha1 = H(`${input.username}:${input.realm}:${input.password}`);
  if (isSessionAlgorithm(algorithm)) ha1 = H(`${ha1}:${input.nonce}:${cnonce}`);
  // RFC 7616 §3.4.3: A2 = method:uri; auth-int adds H(entity-body).
  const a2 = input.qop === 'auth-int'
    ? `${input.method}:${input.uri}:${H(input.body ?? Buffer.alloc(0))}`
    : `${input.method}:${input.uri}`;
  const ha2 = H(a2);
  if (input.qop === undefined) return H(`${ha1}:${input.nonce}:${ha2}`);
  // RFC 7616 §3.4.1: KD(H(A1), nonce:nc:cnonce:qop:H(A2)).
  const nc = (input.nc ?? 1).toString(16).padStart(8, '0');
  return H(`${ha1}:${input.nonce}:${nc}:${cnonce}:${input.qop}:${ha2}`);
}

/** RFC 7616 §3.4.4: the hashed username, `H(username:realm)`. */
export function hashDigestUsername(algorithm: DigestAlgorithm, username: string, realm: string): string {
  return digestHash(algorithm, `${username}:${realm}`);
}
