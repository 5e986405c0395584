/**
 * Which headers carry MS-SIPAE parameters, and finding the NTLM line among them (a message may
 * also carry Digest or Kerberos lines).
 */
import type { SipMessage } from '../../sip/index.js';
import { isSipaeLine, parseSipaeParams, type SipaeParams, type SipaeScheme } from './sipae-params.js';

/** 401 → WWW-Authenticate / Authorization / Authentication-Info; 407 → the Proxy- forms. */
export type SipaeHeaderSet = 'www' | 'proxy';

export const CHALLENGE_HEADER: Record<SipaeHeaderSet, string> = { www: 'WWW-Authenticate', proxy: 'Proxy-Authenticate' };
export const CREDENTIALS_HEADER: Record<SipaeHeaderSet, string> = { www: 'Authorization', proxy: 'Proxy-Authorization' };
export const INFO_HEADER: Record<SipaeHeaderSet, string> = { www: 'Authentication-Info', proxy: 'Proxy-Authentication-Info' };

/** The first well-formed `scheme` line among `headers` of `message`, with the set it came from. */
export function findSipaeLine(
  message: SipMessage,
  headers: Record<SipaeHeaderSet, string>,
  scheme: SipaeScheme = 'NTLM',
): { params: SipaeParams; set: SipaeHeaderSet } | undefined {
  for (const set of ['www', 'proxy'] as const) {
    for (const line of message.headers.getAll(headers[set])) {
      if (!isSipaeLine(line)) continue;
      try {
        const params = parseSipaeParams(line);
        if (params.scheme === scheme) return { params, set };
      } catch {
        // A malformed line of ours is as good as none.
      }
    }
  }
  return undefined;
}

/** Removes every MS-SIPAE line of `headers` from `message`, keeping Digest lines. */
export function removeSipaeLines(message: SipMessage, headers: Record<SipaeHeaderSet, string>): void {
  for (const set of ['www', 'proxy'] as const) {
    const name = headers[set];
    const lines = message.headers.getAll(name);
    if (!lines.some(isSipaeLine)) continue;
    const keep = lines.filter((line) => !isSipaeLine(line));
    message.headers.delete(name);
    for (const line of keep) message.headers.append(name, line);
  }
}

/** 8 hex digits from 4 random bytes (crand / srand). */
export function randomSalt(random: (size: number) => Buffer): string {
  return random(4).toString('hex').toUpperCase();
}
