/**
 * What a transaction object needs from its `TransactionLayer`: sending, time and reporting.
 */
import type { FocusHarnessError } from '../errors.js';
import type { SipMessage, SipRequest } from '../sip/index.js';
import type { Clock } from '../util/index.js';
import type { TransactionTimers } from './transaction-timers.js';

export interface TransactionStateChange {
  readonly key: string;
  readonly kind: string;
  readonly method: string;
  readonly callId: string | undefined;
  readonly from: string;
  readonly to: string;
  readonly event: string;
}

export interface TransactionHost {
  readonly clock: Clock;
  readonly timers: TransactionTimers;
  /** Send 100 Trying for an INVITE left unanswered for 200 ms (§17.2.1). */
  readonly inviteTrying: boolean;
  /** Sends a message; returns the error when the channel refused it. */
  send(message: SipMessage): Error | undefined;
  /** The transaction reached `terminated`; forget it. */
  terminated(key: string, side: 'client' | 'server'): void;
  stateChanged(change: TransactionStateChange): void;
  /** Reports a problem that has no caller to reject (Timer H, a failing send of a response…). */
  error(error: FocusHarnessError): void;
  /** RFC 6026 §7.1: an ACK that matched an `accepted` INVITE server transaction goes to the TU. */
  deliverAck(ack: SipRequest): void;
}
