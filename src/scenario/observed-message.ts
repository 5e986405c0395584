/**
 * A SIP message one role received, in the shape the matchers read: the parsed message plus its
 * place in the trace (seq, dialog, peer) and the ladder's words for it (first line, label).
 */
import { labelFor, type TraceDialog, type TracePeer } from '../capture/index.js';
import type { InboundMessage } from '../endpoint/index.js';
import type { SipMessage } from '../sip/index.js';

export interface ObservedMessage {
  readonly role: string;
  readonly seq: number;
  readonly time: number;
  readonly peer: TracePeer;
  readonly dialog?: TraceDialog;
  readonly message: SipMessage;
  readonly firstLine: string;
  readonly label: string;
}

export function firstLineOf(message: SipMessage): string {
  return message.kind === 'request'
    ? `${message.method} ${message.uri}`
    : `SIP/2.0 ${message.status} ${message.reason}`;
}

export function observe(role: string, inbound: InboundMessage): ObservedMessage {
  const observed: ObservedMessage = {
    role,
    seq: inbound.seq,
    time: inbound.time,
    peer: inbound.peer,
    message: inbound.message,
    firstLine: firstLineOf(inbound.message),
    label: labelFor(inbound.message),
    ...(inbound.dialog ? { dialog: inbound.dialog } : {}),
  };
  return observed;
}

/** The method of a request, or the method named in a response's CSeq. */
export function cseqMethodOf(message: SipMessage): string {
  const cseq = message.headers.get('cseq') ?? '';
  return (cseq.trim().split(/\s+/)[1] ?? '').toUpperCase();
}

export function cseqNumberOf(message: SipMessage): number {
  return Number.parseInt((message.headers.get('cseq') ?? '').trim(), 10);
}
