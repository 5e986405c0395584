/**
 * Transaction matching keys (RFC 3261 §17.1.3 for responses, §17.2.3 for requests).
 *
 * @remarks Keys are plain strings so the layer can keep its transactions in maps. A message that
 * lacks what matching needs yields `undefined`: the caller turns that into a stray/protocol event,
 * never an exception (the layer must not throw out of a channel callback).
 */
import { getCSeq, getTopVia, type SipMessage, type SipRequest } from '../sip/index.js';

/** RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this magic cookie. */
export const MAGIC_COOKIE = 'z9hG4bK';

/**
 * §17.1.3: a response matches a client transaction when its top Via branch equals the request's
 * and its CSeq method equals the request's method (CANCEL therefore has its own transaction).
 */
export function clientTransactionKey(message: SipMessage): string | undefined {
  const parts = safeParts(message);
  if (!parts?.branch) return undefined;
  return `${parts.branch}|${parts.method}`;
}

/**
 * §17.2.3: a request matches a server transaction when the top Via branch and sent-by equal
 * those of the request that created it and the method matches — except that an ACK matches
 * the INVITE's transaction.
 *
 * @remarks FIXME(spec §17.2.3): requests whose branch lacks the magic cookie (RFC 2543 peers)
 * are keyed on Call-ID, From tag, CSeq number and the whole top Via instead of the full
 * RFC 2543 §17.2.3 procedure (which also compares the To tag against the response sent).
 */
export function serverTransactionKey(request: SipRequest): string | undefined {
  const parts = safeParts(request);
  if (!parts) return undefined;
  const method = request.method === 'ACK' ? 'INVITE' : request.method;
  if (parts.branch?.startsWith(MAGIC_COOKIE)) return `${parts.branch}|${parts.sentBy}|${method}`;
  const callId = request.headers.get('call-id') ?? '';
  const from = request.headers.get('from') ?? '';
  const fromTag = /;\s*tag\s*=\s*([^;\s>]+)/i.exec(from)?.[1] ?? '';
  return `rfc2543|${callId}|${fromTag}|${parts.seq}|${parts.sentBy}|${parts.branch ?? ''}|${method}`;
}

/** The key of the INVITE server transaction a CANCEL targets (§9.2: same key, method INVITE). */
export function cancelledInviteKey(cancel: SipRequest): string | undefined {
  const key = serverTransactionKey(cancel);
  return key?.replace(/\|CANCEL$/, '|INVITE');
}

interface KeyParts {
  branch: string | undefined;
  sentBy: string;
  method: string;
  seq: number;
}

function safeParts(message: SipMessage): KeyParts | undefined {
  try {
    const via = getTopVia(message);
    const cseq = getCSeq(message);
    if (!via || !cseq) return undefined;
    const branch = via.params.get('branch') ?? undefined;
    const sentBy = `${via.host.toLowerCase()}:${via.port ?? ''}`;
    return { branch, sentBy, method: cseq.method.toUpperCase(), seq: cseq.seq };
  } catch {
    return undefined;
  }
}
