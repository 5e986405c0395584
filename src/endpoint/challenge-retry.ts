/**
 * Pieces of answering an authentication challenge that do not depend on the scheme: the retried
 * request and the NTLM user/domain split of a username.
 */
import { createRequest, getCSeq, type SipRequest } from '../sip/index.js';

/**
 * The request to send after a challenge: a copy with CSeq + 1 and no Via branch, so the
 * transaction layer opens a new transaction (RFC 3261 §8.1.3.5); credentials are written as it leaves.
 */
export function nextAttempt(request: SipRequest): SipRequest {
  const cseq = getCSeq(request);
  const out = createRequest({ method: request.method, uri: request.uri, body: request.body });
  let firstVia = true;
  for (const field of request.headers) {
    let value = field.value;
    if (field.key === 'cseq') value = `${cseq.seq + 1} ${cseq.method}`;
    if (field.key === 'via' && firstVia) {
      value = value.replace(/;\s*branch\s*=\s*[^;,\s]*/i, '');
      firstVia = false;
    }
    out.headers.append(field.name, value);
  }
  return out;
}

/** `DOMAIN\\user` → both parts; a plain name has no domain. */
export function ntlmUserOf(username: string): { user: string; domain: string } {
  const cut = username.indexOf('\\');
  return cut < 0 ? { user: username, domain: '' } : { user: username.slice(cut + 1), domain: username.slice(0, cut) };
}
