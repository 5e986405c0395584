/**
 * The request to send after a challenge (RFC 3261 §8.1.3.5, §22.2): a copy with CSeq + 1 and no
 * Via branch, so the transaction layer opens a new transaction; credentials are added by the scheme.
 */
import { createRequest, getCSeq, type SipRequest } from '../sip/index.js';

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
