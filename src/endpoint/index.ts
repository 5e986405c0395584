export { Endpoint, ENDPOINT_VERSION } from './endpoint.js';
export { LOAD_ROSTER_HISTORY_LIMIT, type EndpointOptions, type ServerTarget } from './endpoint-options.js';
export type { C3pOutcome } from './c3p-outcome.js';
export type { InboundMessage, SipaeRejection } from './inbound-message.js';
export type { JoinResult } from './join-result.js';
export type { ProbedDialog } from './ended-dialog-probe.js';
export { sendWithDigest, userOfAor } from './challenge-retry.js';
export type { DialogUsageState, EndpointDialogState } from './dialog-usage-state.js';
export {
  EPID_INSTANCE_NAMESPACE,
  createEpid,
  instanceIdFromEpid,
  uuidV5,
} from './endpoint-identity.js';
export { LYNC_CONTACT_METHODS, readRegistrationBinding, registerContact } from './register-request.js';
export { buildImSdp } from './im-sdp.js';
export { C3pWaiters } from './c3p-waiters.js';
