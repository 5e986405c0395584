/**
 * CSeq (RFC 3261 §20.16, §8.1.1.5: the number is below 2^31).
 */
import { headerValueError } from './sip-parse-error.js';

export interface CSeq {
  seq: number;
  method: string;
}

/** The largest sequence number RFC 3261 §8.1.1.5 allows: 2^31 - 1. */
export const MAX_CSEQ = 0x7fffffff;

const CSEQ = /^[ \t]*(\d{1,10})[ \t]+([A-Za-z0-9.!%*_+`'~-]+)[ \t]*$/;

/** Parses `2147483645 BYE`; throws `SipParseError` (fault `bad-cseq`) otherwise. */
export function parseCSeq(text: string): CSeq {
  const m = CSEQ.exec(text);
  if (!m) throw headerValueError('bad-cseq', 'bad CSeq', text);
  const seq = Number(m[1]);
  // RFC 3261 §8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer and be less than 2**31.
  if (seq > MAX_CSEQ) throw headerValueError('bad-cseq', 'CSeq number above 2^31-1', text);
  return { seq, method: m[2] ?? '' };
}

export function formatCSeq(cseq: CSeq): string {
  return `${cseq.seq} ${cseq.method}`;
}
