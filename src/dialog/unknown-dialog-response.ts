/**
 * The answer to an in-dialog request that matches no dialog (RFC 3261 §12.2.2).
 */
import { createResponse, type SipRequest, type SipResponse } from '../sip/index.js';

/** §12.2.2: a request with a To tag that matches no dialog gets 481 Call/Transaction Does Not Exist. */
export function unknownDialogResponse(request: SipRequest): SipResponse {
  return createResponse(request, 481, 'Call/Transaction Does Not Exist');
}
