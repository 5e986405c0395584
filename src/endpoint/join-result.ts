/**
 * What `Endpoint.join` did: the focus join outcome and, when asked for, the roster subscription
 * and IM MCU join responses.
 */
import type { SipResponse } from '../sip/index.js';
import type { C3pOutcome } from './c3p-outcome.js';

export interface JoinResult {
  focusUri: string;
  focus: C3pOutcome;
  roster?: SipResponse;
  im?: SipResponse;
  /** The chat MCU URI used for D3 (from the roster's conf-uris, or derived from the focus URI). */
  chatUri?: string;
}
