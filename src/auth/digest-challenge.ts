/**
 * A Digest challenge: the value of WWW-Authenticate (401) or Proxy-Authenticate (407)
 * (RFC 7616 §3.3, RFC 3261 §22.1, §22.3).
 */
import { parseAuthParams, quoteAuthValue } from './auth-params.js';
import { digestAlgorithmOf, type DigestAlgorithm } from './digest-algorithm.js';

/** The quality of protection values we implement (RFC 7616 §3.3 `qop`). */
export type DigestQop = 'auth' | 'auth-int';

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque?: string;
  /** @default 'MD5' when the challenge names none (RFC 7616 §3.3) */
  readonly algorithm: DigestAlgorithm;
  /** Offered qop values we understand; empty for an RFC 2069 style challenge. */
  readonly qop: readonly DigestQop[];
  /** RFC 7616 §3.3: the previous nonce expired but the credentials were right. */
  readonly stale: boolean;
  /** RFC 7616 §3.4.4: the server wants the username hashed. */
  readonly userhash: boolean;
  readonly domain?: string;
}

/**
 * Parses one challenge line; `undefined` when the scheme is not Digest, `realm` or `nonce` is
 * missing, or the algorithm is one we do not implement (so the caller can look at the next line).
 */
export function parseDigestChallenge(value: string): DigestChallenge | undefined {
  const { scheme, params } = parseAuthParams(value);
  if (scheme.toLowerCase() !== 'digest') return undefined;
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  const algorithm = digestAlgorithmOf(params.get('algorithm'));
  if (realm === undefined || nonce === undefined || algorithm === undefined) return undefined;
  const qop = (params.get('qop') ?? '')
    .split(',')
    .map((q) => q.trim().toLowerCase())
    .filter((q): q is DigestQop => q === 'auth' || q === 'auth-int');
  const opaque = params.get('opaque');
  const domain = params.get('domain');
  return {
    realm,
    nonce,
    algorithm,
    qop,
    stale: params.get('stale')?.toLowerCase() === 'true',
    userhash: params.get('userhash')?.toLowerCase() === 'true',
    ...(opaque === undefined ? {} : { opaque }),
    ...(domain === undefined ? {} : { domain }),
  };
}

/** Writes a challenge as a header value (the lab server side). */
export function formatDigestChallenge(challenge: DigestChallenge): string {
  const parts = [`realm=${quoteAuthValue(challenge.realm)}`];
  if (challenge.domain !== undefined) parts.push(`domain=${quoteAuthValue(challenge.domain)}`);
  parts.push(`nonce=${quoteAuthValue(challenge.nonce)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quoteAuthValue(challenge.opaque)}`);
  if (challenge.stale) parts.push('stale=true');
  parts.push(`algorithm=${challenge.algorithm}`);
  if (challenge.qop.length > 0) parts.push(`qop=${quoteAuthValue(challenge.qop.join(','))}`);
  if (challenge.userhash) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}
