/**
 * The transport's diagnostics channels and their payloads.
 *
 * @remarks Publishers check `hasSubscribers` first so that the hot path builds no payload
 * when nobody listens (undici `lib/core/diagnostics.js` does the same).
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { SipMessage } from '../sip/index.js';
import type { ConnectionCloseReason } from './connection-close-reason.js';
import type { ConnectionRole, TransportAddress, TransportKind } from './transport-address.js';

export const channels = {
  messageSent: diagnosticsChannel.channel('focus-harness:message:sent'),
  messageReceived: diagnosticsChannel.channel('focus-harness:message:received'),
  connected: diagnosticsChannel.channel('focus-harness:transport:connected'),
  closed: diagnosticsChannel.channel('focus-harness:transport:closed'),
  parseError: diagnosticsChannel.channel('focus-harness:transport:parse-error'),
} as const;

/** Published on `focus-harness:message:sent` and `focus-harness:message:received`. */
export interface MessageEvent {
  readonly connectionId: string;
  readonly direction: 'sent' | 'received';
  /** The exact bytes on the wire. */
  readonly raw: Buffer;
  readonly message: SipMessage;
  readonly local: TransportAddress;
  readonly remote: TransportAddress;
  /** Clock time in ms since the epoch. */
  readonly time: number;
}

/** Published on `focus-harness:transport:connected`. */
export interface ConnectedEvent {
  readonly connectionId: string;
  readonly transport: TransportKind;
  readonly role: ConnectionRole;
  readonly local: TransportAddress;
  readonly remote: TransportAddress;
  /** The negotiated TLS version and cipher (absent for TCP). */
  readonly tls?: {
    readonly protocol: string;
    readonly cipher: string;
    readonly servername?: string;
    /** True when an earlier session was resumed (no certificate exchanged). */
    readonly resumed: boolean;
  };
  readonly time: number;
}

/** Published on `focus-harness:transport:closed`. */
export interface ClosedEvent {
  readonly connectionId: string;
  readonly reason: ConnectionCloseReason;
  readonly local: TransportAddress;
  readonly remote: TransportAddress;
  readonly time: number;
}

/** Published on `focus-harness:transport:parse-error` for every malformed inbound message. */
export interface ParseErrorEvent {
  readonly connectionId: string;
  readonly error: Error;
  readonly raw: Buffer;
  readonly time: number;
}
