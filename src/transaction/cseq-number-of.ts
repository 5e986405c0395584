/**
 * The CSeq number of a message, or `undefined` when it has no readable CSeq.
 */
import { getCSeq, type SipMessage } from '../sip/index.js';

export function cseqNumberOf(message: SipMessage): number | undefined {
  try {
    return getCSeq(message).seq;
  } catch {
    return undefined;
  }
}
