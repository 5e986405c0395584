/**
 * Digest credentials: the value of Authorization / Proxy-Authorization (RFC 7616 §3.4,
 * RFC 3261 §22.2, §22.3).
 */
import { FocusHarnessError } from '../errors.js';
import { parseAuthParams, quoteAuthValue } from './auth-params.js';
import { digestAlgorithmOf, type DigestAlgorithm } from './digest-algorithm.js';
import type { DigestQop } from './digest-challenge.js';

export interface DigestAuthorization {
  /** The username as sent: the hash of `user:realm` when `userhash` is set (RFC 7616 §3.4.4). */
  readonly username: string;
  readonly realm: string;
  readonly nonce: string;
  /** The digest-uri (for SIP, the Request-URI; RFC 3261 §22.4). */
  readonly uri: string;
  /** The request-digest, lower-case hex. */
  readonly response: string;
  readonly algorithm: DigestAlgorithm;
  readonly qop?: DigestQop;
  /** Nonce count as an integer (written as 8 hex digits). */
  readonly nc?: number;
  readonly cnonce?: string;
  readonly opaque?: string;
  readonly userhash?: boolean;
}

/** The 8-hex-digit `nc` value (RFC 7616 §3.4). */
export function formatNonceCount(nc: number): string {
  return nc.toString(16).padStart(8, '0');
}

/** Writes credentials as a header value. */
export function formatDigestAuthorization(auth: DigestAuthorization): string {
  const parts = [
    `username=${quoteAuthValue(auth.username)}`,
    `realm=${quoteAuthValue(auth.realm)}`,
    `nonce=${quoteAuthValue(auth.nonce)}`,
    `uri=${quoteAuthValue(auth.uri)}`,
    `response=${quoteAuthValue(auth.response)}`,
    `algorithm=${auth.algorithm}`,
  ];
  if (auth.qop !== undefined && auth.nc !== undefined && auth.cnonce !== undefined) {
    // RFC 7616 §3.4: qop and nc are tokens, cnonce a quoted-string.
    parts.push(`cnonce=${quoteAuthValue(auth.cnonce)}`, `qop=${auth.qop}`, `nc=${formatNonceCount(auth.nc)}`);
  }
  if (auth.opaque !== undefined) parts.push(`opaque=${quoteAuthValue(auth.opaque)}`);
  if (auth.userhash === true) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}

/**
 * Parses a credentials line; `undefined` for another scheme, `FH_AUTH` for Digest credentials
 * that miss a required field or carry a malformed `nc`.
 */
export function parseDigestAuthorization(value: string): DigestAuthorization | undefined {
  const { scheme, params } = parseAuthParams(value);
  if (scheme.toLowerCase() !== 'digest') return undefined;
  const need = (name: string): string => {
    const v = params.get(name);
    if (v === undefined) throw new FocusHarnessError('FH_AUTH', `Digest credentials without ${name}: ${value}`);
    return v;
  };
  const algorithm = digestAlgorithmOf(params.get('algorithm'));
  if (algorithm === undefined) {
    throw new FocusHarnessError('FH_AUTH', `Digest credentials with an unsupported algorithm: ${value}`);
  }
  const qopText = params.get('qop')?.toLowerCase();
  if (qopText !== undefined && qopText !== 'auth' && qopText !== 'auth-int') {
    throw new FocusHarnessError('FH_AUTH', `Digest credentials with an unknown qop "${qopText}"`);
  }
  const ncText = params.get('nc');
  if (ncText !== undefined && !/^[0-9a-fA-F]{8}$/.test(ncText)) {
    throw new FocusHarnessError('FH_AUTH', `Digest credentials with a malformed nc "${ncText}" (8 hex digits expected)`);
  }
  const cnonce = params.get('cnonce');
  const opaque = params.get('opaque');
  return {
    username: need('username'),
    realm: need('realm'),
    nonce: need('nonce'),
    uri: need('uri'),
    response: need('response').toLowerCase(),
    algorithm,
    ...(qopText === undefined ? {} : { qop: qopText }),
    ...(ncText === undefined ? {} : { nc: Number.parseInt(ncText, 16) }),
    ...(cnonce === undefined ? {} : { cnonce }),
    ...(opaque === undefined ? {} : { opaque }),
    ...(params.get('userhash')?.toLowerCase() === 'true' ? { userhash: true } : {}),
  };
}
