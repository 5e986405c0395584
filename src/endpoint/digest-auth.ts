/**
 * HTTP Digest for SIP (RFC 3261 §22, RFC 2617 §3.2, RFC 7616 §3.4): the lab path, used when a
 * Kamailio-style proxy answers 401 (WWW-Authenticate → Authorization) or 407 (Proxy-Authenticate →
 * Proxy-Authorization). MS-SIPAE (NTLM/Kerberos/TLS-DSK) is a different scheme and not handled here.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  /** `MD5` (default), `MD5-sess`, `SHA-256`, `SHA-256-sess`. */
  algorithm: string;
  /** Offered qop values, e.g. `['auth', 'auth-int']`; empty for RFC 2069 style. */
  qop: string[];
  stale: boolean;
}

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestResponseInit {
  method: string;
  uri: string;
  challenge: DigestChallenge;
  credentials: DigestCredentials;
  /** Nonce count, from 1. @default 1 */
  nc?: number;
  /** @default random */
  cnonce?: string;
}

const ALGORITHMS: Readonly<Record<string, string>> = { 'md5': 'md5', 'md5-sess': 'md5', 'sha-256': 'sha256', 'sha-256-sess': 'sha256' };

/** Parses one `Digest …` challenge line; `undefined` for other schemes or an unusable challenge. */
export function parseDigestChallenge(value: string): DigestChallenge | undefined {
  const match = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!match) return undefined;
  const params = new Map<string, string>();
  const re = /([\w-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]*)/g;
  for (let m = re.exec(match[1] ?? ''); m; m = re.exec(match[1] ?? '')) {
    params.set((m[1] ?? '').toLowerCase(), m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[2] ?? ''));
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  const algorithm = params.get('algorithm') ?? 'MD5';
  if (realm === undefined || nonce === undefined || ALGORITHMS[algorithm.toLowerCase()] === undefined) return undefined;
  const challenge: DigestChallenge = {
    realm,
    nonce,
    algorithm,
    qop: (params.get('qop') ?? '').split(',').map((q) => q.trim()).filter(Boolean),
    stale: (params.get('stale') ?? '').toLowerCase() === 'true',
  };
  const opaque = params.get('opaque');
  if (opaque !== undefined) challenge.opaque = opaque;
  return challenge;
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The credentials line (value of Authorization / Proxy-Authorization), qop=auth when offered. */
export function digestAuthorization(init: DigestResponseInit): string {
  const { challenge, credentials } = init;
  const hashName = ALGORITHMS[challenge.algorithm.toLowerCase()] ?? 'md5';
  const h = (text: string): string => createHash(hashName).update(text, 'utf8').digest('hex');
  const cnonce = init.cnonce ?? randomBytes(8).toString('hex');
  const nc = (init.nc ?? 1).toString(16).padStart(8, '0');
  const useQop = challenge.qop.includes('auth');
  // RFC 2617 §3.2.2.2: A1 = user:realm:password; the -sess variants hash in nonce and cnonce.
  let ha1 = h(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  if (challenge.algorithm.toLowerCase().endsWith('-sess')) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`);
  // RFC 2617 §3.2.2.3: A2 = method:digest-uri for qop=auth (or none).
  const ha2 = h(`${init.method}:${init.uri}`);
  // RFC 2617 §3.2.2.1: request-digest.
  const response = useQop ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`) : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username=${quoted(credentials.username)}`,
    `realm=${quoted(challenge.realm)}`,
    `nonce=${quoted(challenge.nonce)}`,
    `uri=${quoted(init.uri)}`,
    `response=${quoted(response)}`,
    `algorithm=${challenge.algorithm}`,
  ];
  if (useQop) parts.push(`cnonce=${quoted(cnonce)}`, 'qop=auth', `nc=${nc}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quoted(challenge.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
