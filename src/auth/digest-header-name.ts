/**
 * Which header pair a challenge travels in (RFC 3261 §22.2 UAS, §22.3 proxy).
 */
import type { SipResponse } from '../sip/index.js';

/** The credentials header that answers a 401 (`Authorization`) or a 407 (`Proxy-Authorization`). */
export type DigestHeaderName = 'Authorization' | 'Proxy-Authorization';

/** `WWW-Authenticate` for 401, `Proxy-Authenticate` for 407, `undefined` for anything else. */
export function challengeHeaderOf(response: SipResponse): 'WWW-Authenticate' | 'Proxy-Authenticate' | undefined {
  if (response.status === 401) return 'WWW-Authenticate';
  if (response.status === 407) return 'Proxy-Authenticate';
  return undefined;
}

/** The credentials header answering `response`'s challenge, `undefined` when it is no challenge. */
export function credentialsHeaderOf(response: SipResponse): DigestHeaderName | undefined {
  if (response.status === 401) return 'Authorization';
  if (response.status === 407) return 'Proxy-Authorization';
  return undefined;
}
