/**
 * Pieces of answering an authentication challenge: the retried request, the default username and
 * its NTLM user/domain split, and the Digest challenge rounds of an out-of-dialog request.
 */
import { DigestClient } from '../auth/index.js';
import type { SipRequest, SipResponse } from '../sip/index.js';

export { nextAttempt } from '../auth/index.js';

/** `DOMAIN\\user` → both parts; a plain name has no domain. */
export function ntlmUserOf(username: string): { user: string; domain: string } {
  const cut = username.indexOf('\\');
  return cut < 0 ? { user: username, domain: '' } : { user: username.slice(cut + 1), domain: username.slice(0, cut) };
}

/** The default authentication username: the user part of the AOR (`sip:alice@x` → `alice`). */
export function userOfAor(aor: string): string {
  return /^sips?:([^@;>]+)@/i.exec(aor)?.[1] ?? aor;
}

/**
 * Sends `first` with the cached Digest credentials (none without `digest`) and answers 401/407
 * challenges, one retry per round; a stale nonce may need a second (RFC 7616 §3.3). Refused
 * credentials throw `FH_AUTH`.
 */
export async function sendWithDigest(
  digest: DigestClient | undefined,
  first: SipRequest,
  send: (request: SipRequest) => Promise<SipResponse>,
): Promise<{ request: SipRequest; response: SipResponse }> {
  let request = digest ? digest.authorizeRequest(first) : first;
  let response = await send(request);
  for (let attempt = 0; digest && attempt < 2 && DigestClient.isChallenge(response); attempt++) {
    request = digest.retry(request, response);
    response = await send(request);
  }
  return { request, response };
}
