/**
 * Options of `TransactionLayer` and of `sendRequest`, and the callback shapes it reports through.
 */
import type { FocusHarnessError } from '../errors.js';
import type { SipRequest, SipResponse } from '../sip/index.js';
import type { Clock } from '../util/index.js';
import type { ServerTransaction } from './server-transaction.js';

export interface TransactionLayerOptions {
  /** Time source for Timers B, F, H, L, M. @default systemClock */
  readonly clock?: Clock;
  /** RFC 3261 T1 in milliseconds; Timers B/F/H = 64·T1. @default 500 */
  readonly t1?: number;
  /**
   * RFC 3261 §17.2.1: send 100 Trying for an INVITE the TU has not answered within 200 ms.
   * Off by default so a test can observe a server that stays silent. @default false
   */
  readonly inviteTrying?: boolean;
}

export interface SendRequestOptions {
  /** Called for each 1xx (§17.1.1.2 / §17.1.2.2: provisional responses are passed to the TU). */
  readonly onProvisional?: (response: SipResponse) => void;
}

/** Why a response matched no transaction that wanted it. */
export type StrayReason =
  /** No client transaction has this branch + CSeq method (§17.1.3). */
  | 'no-transaction'
  /** A response to a BENOTIFY we sent: BENOTIFY is never answered. */
  | 'response-to-best-effort'
  /** It matched a transaction whose state does not take it (e.g. a 180 after the final). */
  | 'unexpected-in-state'
  /** No usable top Via branch or CSeq, so it cannot be matched at all. */
  | 'unmatchable';

export interface StrayInfo {
  readonly reason: StrayReason;
  readonly detail: string;
}

export type RequestHandler = (request: SipRequest, txn: ServerTransaction) => void;
export type StrayResponseHandler = (response: SipResponse, info: StrayInfo) => void;
export type TransactionErrorHandler = (error: FocusHarnessError) => void;
