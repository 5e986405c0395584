/**
 * The result of one C3P command, whichever way the focus carried it.
 *
 * @remarks MS-CONFPRO 2.2.3 / brief §4.11: the C3P response rides either the final 200 to the
 * INFO (or INVITE / SERVICE), or — after a 202 Accepted — the focus's own INFO in D1 with the same
 * `requestId`. `carriedBy: 'none'` means no response arrived within the timeout (or the SIP
 * request failed); it is a value for the scenario layer to judge, never an exception.
 */
import type { C3pResponse } from '../conference/index.js';
import type { SipResponse } from '../sip/index.js';

export interface C3pOutcome {
  /** Final SIP status of our request (202, 200, 403 …). */
  sipStatus: number;
  carriedBy: '200' | 'info' | 'none';
  response?: C3pResponse;
  /** The requestId we sent. */
  requestId: string;
  /** The final SIP response to our request. */
  sipResponse: SipResponse;
}
