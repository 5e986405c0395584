/**
 * Records an endpoint's messages on the trace with its role, the peer and the dialog label.
 *
 * @remarks The disabled path only counts: no label, no serialization, no record object.
 */
import { labelFor, peerFor, type TraceDialog, type TracePeer, type TraceRecorder } from '../capture/index.js';
import { serializeMessage, type SipMessage } from '../sip/index.js';
import type { SipConnection } from '../transport/index.js';
import type { Clock } from '../util/index.js';
import { firstLineOf, hostPort } from './sip-text.js';

/** Where an inbound message landed in the trace. */
export interface TracedInbound {
  seq: number;
  time: number;
  peer: TracePeer;
  dialog: TraceDialog | undefined;
}

export class EndpointTracer {
  readonly #role: string;
  readonly #recorder: TraceRecorder;
  readonly #clock: Clock;
  readonly #dialogOf: (callId: string | undefined) => TraceDialog | undefined;

  constructor(role: string, recorder: TraceRecorder, clock: Clock, dialogOf: (callId: string | undefined) => TraceDialog | undefined) {
    this.#role = role;
    this.#recorder = recorder;
    this.#clock = clock;
    this.#dialogOf = dialogOf;
  }

  /** D1/D2 are focus dialogs, D3 the MCU's; otherwise the URIs tell (brief §1.1). */
  static peerOf(message: SipMessage, dialog: TraceDialog | undefined): TracePeer {
    if (dialog === 'D1' || dialog === 'D2') return 'focus';
    if (dialog === 'D3') return 'mcu';
    return peerFor(message);
  }

  out(connection: SipConnection, message: SipMessage): void {
    if (!this.#recorder.enabled) {
      this.#recorder.count(message.body.length);
      return;
    }
    this.#record(connection, 'out', message, serializeMessage(message), this.#clock.now());
  }

  in(connection: SipConnection, message: SipMessage, raw: Buffer): TracedInbound {
    const time = this.#clock.now();
    if (!this.#recorder.enabled) {
      this.#recorder.count(raw.length);
      const dialog = this.#dialogOf(message.headers.get('call-id'));
      return { seq: 0, time, peer: EndpointTracer.peerOf(message, dialog), dialog };
    }
    return this.#record(connection, 'in', message, raw, time);
  }

  /** Bytes that did not parse: kept with the error, the Call-ID and CSeq read leniently. */
  parseError(connection: SipConnection, error: Error, raw: Buffer): void {
    if (!this.#recorder.enabled) {
      this.#recorder.count(raw.length);
      return;
    }
    const text = raw.toString('latin1');
    this.#recorder.record({
      time: this.#clock.now(),
      role: this.#role,
      connectionId: connection.id,
      direction: 'in',
      local: hostPort(connection.local),
      remote: hostPort(connection.remote),
      peer: 'server',
      callId: /^(?:call-id|i)[ \t]*:[ \t]*(\S+)/im.exec(text)?.[1] ?? '',
      cseq: /^cseq[ \t]*:[ \t]*([^\r\n]+)/im.exec(text)?.[1]?.trim() ?? '',
      firstLine: text.split(/\r?\n/, 1)[0] ?? '',
      label: 'unparsable message',
      raw,
      parseError: error.message,
    });
  }

  #record(connection: SipConnection, direction: 'in' | 'out', message: SipMessage, raw: Buffer, time: number): TracedInbound {
    const callId = message.headers.get('call-id');
    const dialog = this.#dialogOf(callId);
    const peer = EndpointTracer.peerOf(message, dialog);
    const record = this.#recorder.record({
      time,
      role: this.#role,
      connectionId: connection.id,
      direction,
      local: hostPort(connection.local),
      remote: hostPort(connection.remote),
      peer,
      ...(dialog === undefined ? {} : { dialog }),
      callId: callId ?? '',
      cseq: message.headers.get('cseq') ?? '',
      firstLine: firstLineOf(message),
      label: labelFor(message),
      raw,
    });
    return { seq: record?.seq ?? 0, time, peer, dialog };
  }
}
