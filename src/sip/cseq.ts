/**
 * CSeq (RFC 3261 §20.16, §8.1.1.5: the number is below 2^31).
 */
import { headerValueError } from './sip-parse-error.js';
import { isTokenChar } from './token.js';

export interface CSeq {
  seq: number;
  method: string;
}

/** The largest sequence number RFC 3261 §8.1.1.5 allows: 2^31 - 1. */
export const MAX_CSEQ = 0x7fffffff;

/**
 * Parses `2147483645 BYE`; throws `SipParseError` (fault `bad-cseq`) otherwise.
 *
 * @remarks `*WSP 1*10DIGIT 1*WSP token *WSP`, scanned by hand: the strict parser reads the CSeq
 * of every message.
 */
export function parseCSeq(text: string): CSeq {
  const n = text.length;
  let i = skipWsp(text, 0);
  const digitsStart = i;
  let seq = 0;
  for (let c = text.charCodeAt(i); c >= 0x30 && c <= 0x39; c = text.charCodeAt(++i)) seq = seq * 10 + (c - 0x30);
  if (i === digitsStart || i - digitsStart > 10) throw headerValueError('bad-cseq', 'bad CSeq', text);
  const methodStart = skipWsp(text, i);
  if (methodStart === i) throw headerValueError('bad-cseq', 'bad CSeq', text);
  let methodEnd = methodStart;
  while (methodEnd < n && isTokenChar(text.charCodeAt(methodEnd))) methodEnd++;
  if (methodEnd === methodStart || skipWsp(text, methodEnd) !== n) throw headerValueError('bad-cseq', 'bad CSeq', text);
  // RFC 3261 §8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer and be less than 2**31.
  if (seq > MAX_CSEQ) throw headerValueError('bad-cseq', 'CSeq number above 2^31-1', text);
  return { seq, method: text.slice(methodStart, methodEnd) };
}

function skipWsp(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i;
}

export function formatCSeq(cseq: CSeq): string {
  return `${cseq.seq} ${cseq.method}`;
}
