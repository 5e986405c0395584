/**
 * Recomputes a request-digest and compares it in constant time (the UAS/proxy side of
 * RFC 7616 §3.4.1; RFC 3261 §22.4).
 */
import { timingSafeEqual } from 'node:crypto';
import { computeDigestResponse } from './compute-digest-response.js';
import type { DigestAuthorization } from './digest-authorization.js';

export interface VerifyDigestInput {
  /** The request's method (the digest covers it, so a replay on another method fails). */
  readonly method: string;
  /** The plain username whose password is given (the userhash is resolved by the caller). */
  readonly username: string;
  readonly password: string;
  /** For `qop=auth-int`. */
  readonly body?: Buffer;
}

/** Whether `auth.response` is the digest of `input`'s password over `auth`'s fields. */
export function verifyDigest(auth: DigestAuthorization, input: VerifyDigestInput): boolean {
  const expected = computeDigestResponse({
    algorithm: auth.algorithm,
    username: input.username,
    realm: auth.realm,
    password: input.password,
    nonce: auth.nonce,
    method: input.method,
    uri: auth.uri,
    ...(auth.qop === undefined ? {} : { qop: auth.qop }),
    ...(auth.nc === undefined ? {} : { nc: auth.nc }),
    ...(auth.cnonce === undefined ? {} : { cnonce: auth.cnonce }),
    ...(input.body === undefined ? {} : { body: input.body }),
  });
  const a = Buffer.from(expected, 'latin1');
  const b = Buffer.from(auth.response.toLowerCase(), 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}
