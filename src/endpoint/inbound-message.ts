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
}
