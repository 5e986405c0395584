/**
 * The Call-ID of a message for error texts and diagnostics, or `undefined` when it has none.
 */
import { getCallId, type SipMessage } from '../sip/index.js';

export function callIdOf(message: SipMessage): string | undefined {
  try {
    return getCallId(message);
  } catch {
    return undefined;
  }
}
