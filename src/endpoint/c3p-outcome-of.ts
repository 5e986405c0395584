/**
 * Turns the final response to a C3P request into a {@link C3pOutcome} (brief §4.11, §7.2 E1/E2):
 *
 * - a response carrying a C3P body → `carriedBy: '200'` (also for a 2xx other than 200);
 * - a 2xx without a body (the seed's 202 Accepted) → wait for the focus INFO with the same
 *   `requestId`: `'info'`, or `'none'` after the timeout;
 * - a SIP failure → `'none'` (the status says why).
 */
import { parseC3pResponse, type C3pResponse } from '../conference/index.js';
import type { SipMessage, SipResponse } from '../sip/index.js';
import type { C3pOutcome } from './c3p-outcome.js';
import type { C3pWaiters } from './c3p-waiters.js';
import { mediaTypeOf } from './sip-text.js';

export const CCCP_MEDIA_TYPE = 'application/cccp+xml';

/** The C3P response a message carries, or `undefined` (no body, another type, or unparsable). */
export function c3pResponseOf(message: SipMessage): C3pResponse | undefined {
  if (mediaTypeOf(message) !== CCCP_MEDIA_TYPE || message.body.length === 0) return undefined;
  try {
    return parseC3pResponse(message.body);
  } catch {
    return undefined;
  }
}

export async function c3pOutcomeOf(
  requestId: string,
  sipResponse: SipResponse,
  waiters: C3pWaiters,
  timeoutMs: number,
): Promise<C3pOutcome> {
  const sipStatus = sipResponse.status;
  const success = sipStatus >= 200 && sipStatus < 300;
  const direct = c3pResponseOf(sipResponse);
  if (direct || !success) {
    waiters.cancel(requestId);
    return direct
      ? { sipStatus, carriedBy: success ? '200' : 'none', response: direct, requestId, sipResponse }
      : { sipStatus, carriedBy: 'none', requestId, sipResponse };
  }
  // 202 Accepted: the result comes in the focus's own INFO in D1 (seed msgs 2 and 14).
  const response = await waiters.wait(requestId, timeoutMs);
  return response
    ? { sipStatus, carriedBy: 'info', response, requestId, sipResponse }
    : { sipStatus, carriedBy: 'none', requestId, sipResponse };
}
