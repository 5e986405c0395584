/**
 * One message that arrived on an endpoint's connection, with its place in the trace.
 */
import type { TraceDialog, TracePeer } from '../capture/index.js';
import type { SipMessage } from '../sip/index.js';

export interface InboundMessage {
  message: SipMessage;
  raw: Buffer;
  /** The trace sequence number (0 when the recorder is disabled). */
  seq: number;
  /** Clock time of arrival (ms since epoch). */
  time: number;
  peer: TracePeer;
  dialog?: TraceDialog;
  /**
   * Set when the endpoint dropped the message for its MS-SIPAE signature (brief §3.8): it is on the
   * trace but never reached the transaction layer.
   */
  sipaeRejected?: SipaeRejection;
}

/** Why a message was dropped for its MS-SIPAE signature. */
export interface SipaeRejection {
  /** `unsigned`: no Authentication-Info although the SA is up; `bad-signature`: rspauth does not verify. */
  readonly reason: 'unsigned' | 'bad-signature';
  readonly detail: string;
  /** The signature that did not verify (`rspauth … (snum …)`), when there was one. */
  readonly signature?: string;
}
