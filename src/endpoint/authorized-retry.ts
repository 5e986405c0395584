/**
 * Retry of an out-of-dialog request after a Digest challenge (RFC 3261 §22.2, §8.1.3.5): the
 * same request with the credentials added, CSeq + 1 and a fresh Via branch.
 */
import { createRequest, getCSeq, type SipRequest, type SipResponse } from '../sip/index.js';
import { digestAuthorization, parseDigestChallenge, type DigestCredentials } from './digest-auth.js';

/**
 * The retried request for a 401/407 carrying a Digest challenge we can answer, else `undefined`.
 * `previousAttempts` > 0 and a challenge without `stale=true` means the credentials were refused.
 */
export function authorizedRetry(
  request: SipRequest,
  response: SipResponse,
  credentials: DigestCredentials,
  previousAttempts: number,
): SipRequest | undefined {
  if (response.status !== 401 && response.status !== 407) return undefined;
  const proxy = response.status === 407;
  const challenge = response.headers
    .getAll(proxy ? 'proxy-authenticate' : 'www-authenticate')
    .map(parseDigestChallenge)
    .find((c) => c !== undefined);
  if (!challenge || (previousAttempts > 0 && !challenge.stale)) return undefined;
  const headers = request.headers.clone();
  const cseq = getCSeq(request);
  headers.set('CSeq', `${cseq.seq + 1} ${cseq.method}`);
  // §8.1.3.5: a new transaction, so a new branch (the transaction layer writes one when absent).
  const via = headers.get('via');
  if (via !== undefined) headers.set('Via', via.replace(/;\s*branch=[^;,\s]*/i, ''));
  const authName = proxy ? 'Proxy-Authorization' : 'Authorization';
  headers.delete(authName);
  const value = digestAuthorization({ method: request.method, uri: request.uri, challenge, credentials });
  const retried = createRequest({ method: request.method, uri: request.uri, headers: [...headers].map((f) => [f.name, f.value] as const), body: request.body });
  // Keep the credentials before the body headers, where proxies expect them.
  retried.headers.delete('content-type');
  retried.headers.append(authName, value);
  const contentType = request.headers.get('content-type');
  if (contentType !== undefined) retried.headers.append('Content-Type', contentType);
  return retried;
}
