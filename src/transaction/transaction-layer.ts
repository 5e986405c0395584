/**
 * The transaction layer of one connection (RFC 3261 §17) for reliable transports.
 *
 * @remarks The imperative shell: it matches inbound messages to transactions (§17.1.3, §17.2.3),
 * drives their pure machines, arms timers through the injected `Clock` and hands requests to
 * the TU. Nothing thrown by a peer's message escapes the channel callback: protocol problems
 * become stray-response and error reports.
 */
import { FocusHarnessError } from '../errors.js';
import { newBranch, type SipMessage, type SipRequest, type SipResponse } from '../sip/index.js';
import { systemClock, type Clock } from '../util/index.js';
import { ClientTransaction } from './client-transaction.js';
import { callIdOf } from './call-id-of.js';
import { cseqNumberOf } from './cseq-number-of.js';
import { ServerTransaction } from './server-transaction.js';
import type { TransactionChannel } from './transaction-channel.js';
import { transactionErrorChannel, transactionStateChannel, transactionStrayChannel } from './transaction-diagnostics.js';
import type { TransactionHost, TransactionStateChange } from './transaction-host.js';
import { cancelledInviteKey, clientTransactionKey, serverTransactionKey } from './transaction-key.js';
import type {
  RequestHandler,
  SendRequestOptions,
  StrayInfo,
  StrayReason,
  StrayResponseHandler,
  TransactionErrorHandler,
  TransactionLayerOptions,
} from './transaction-layer-options.js';
import { transactionTimers, type TransactionTimers } from './transaction-timers.js';

/** MS-SIP best-effort NOTIFY: sent without a transaction and never answered. */
const BEST_EFFORT_METHODS = new Set(['BENOTIFY']);

export class TransactionLayer {
  readonly clock: Clock;
  readonly timers: TransactionTimers;
  readonly #channel: TransactionChannel;
  readonly #clients = new Map<string, ClientTransaction>();
  readonly #servers = new Map<string, ServerTransaction>();
  /**
   * Keys of BENOTIFYs we sent, remembered for 64·T1 so a response to one is named as such; created
   * with the first one (only a server sends BENOTIFY; an endpoint's layer never needs the map).
   */
  #bestEffort: Map<string, { cancel(): void }> | undefined;
  readonly #requestHandlers: RequestHandler[] = [];
  readonly #strayHandlers: StrayResponseHandler[] = [];
  readonly #errorHandlers: TransactionErrorHandler[] = [];
  readonly #host: TransactionHost;
  #closed = false;

  constructor(channel: TransactionChannel, options: TransactionLayerOptions = {}) {
    this.#channel = channel;
    this.clock = options.clock ?? systemClock;
    this.timers = transactionTimers(options.t1);
    this.#host = {
      clock: this.clock,
      timers: this.timers,
      inviteTrying: options.inviteTrying ?? false,
      send: (message) => this.#send(message),
      terminated: (key, side) => {
        if (side === 'client') this.#clients.delete(key);
        else this.#servers.delete(key);
      },
      stateChanged: (change) => this.#stateChanged(change),
      error: (error) => this.#error(error),
      deliverAck: (ack) => this.#deliverToTu(ack, new ServerTransaction(ack, 'ack', '', undefined)),
    };
    channel.onMessage((message) => this.#receive(message));
    channel.onClose?.(() => this.close());
  }

  /** Number of live client transactions (for checks and tests). */
  get clientTransactionCount(): number {
    return this.#clients.size;
  }

  /** Number of live server transactions (for checks and tests). */
  get serverTransactionCount(): number {
    return this.#servers.size;
  }

  /**
   * Sends a request in a new client transaction and resolves with its final response.
   *
   * @remarks A missing Via branch is filled in (and a missing Via written from the channel's local
   * address). For a non-2xx final to an INVITE the layer sends the ACK (§17.1.1.3); the ACK for a
   * 2xx is the caller's (`sendAck`). Rejects with `FH_TXN_TIMEOUT` when Timer B/F fires and with
   * `FH_TRANSPORT_CLOSED` when the connection is gone; ACK and BENOTIFY are refused (`FH_USAGE`).
   */
  sendRequest(request: SipRequest, options: SendRequestOptions = {}): Promise<SipResponse> {
    try {
      if (request.method === 'ACK') {
        throw new FocusHarnessError('FH_USAGE', 'an ACK has no transaction: send it with sendAck()');
      }
      if (BEST_EFFORT_METHODS.has(request.method)) {
        throw new FocusHarnessError(
          'FH_USAGE',
          `${request.method} is never answered, so it cannot wait for a response: send it with sendBestEffort()`,
        );
      }
      this.#assertOpen(request);
      this.#prepareVia(request);
      const key = clientTransactionKey(request);
      if (key === undefined) {
        throw new FocusHarnessError('FH_USAGE', `${request.method} needs a Via and a CSeq to form a transaction`);
      }
      if (this.#clients.has(key)) {
        throw new FocusHarnessError('FH_USAGE', `a client transaction with branch+method ${key} is already running`);
      }
      return new Promise<SipResponse>((resolve, reject) => {
        const txn = new ClientTransaction(key, request, this.#host, {
          onProvisional: options.onProvisional,
          resolve,
          reject,
        });
        this.#clients.set(key, txn);
        txn.start();
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Sends a request that is never answered (MS-SIP BENOTIFY) and returns at once.
   *
   * @remarks No transaction is created; a response that nonetheless arrives within 64·T1 is
   * reported through `onStrayResponse` with reason `response-to-best-effort`.
   * @throws FocusHarnessError `FH_TRANSPORT_CLOSED` when the channel refuses the message.
   */
  sendBestEffort(request: SipRequest): void {
    this.#assertOpen(request);
    this.#prepareVia(request);
    const key = clientTransactionKey(request);
    const error = this.#send(request);
    if (error) {
      throw new FocusHarnessError('FH_TRANSPORT_CLOSED', `could not send ${request.method}: ${error.message}`, {
        cause: error,
      });
    }
    if (key !== undefined) {
      const sent = (this.#bestEffort ??= new Map());
      sent.get(key)?.cancel();
      sent.set(key, this.clock.setTimer(this.timers.B, () => sent.delete(key)));
    }
  }

  /**
   * Sends the ACK for a 2xx to INVITE (RFC 3261 §13.2.2.4; it has its own branch and no transaction).
   *
   * @remarks The ACK is remembered by the INVITE's client transaction (matched on Call-ID and CSeq
   * number) and re-sent for every retransmitted 2xx while that transaction is `accepted`.
   */
  sendAck(ack: SipRequest): void {
    if (ack.method !== 'ACK') throw new FocusHarnessError('FH_USAGE', `sendAck() got a ${ack.method}`);
    this.#assertOpen(ack);
    this.#prepareVia(ack);
    const error = this.#send(ack);
    if (error) {
      throw new FocusHarnessError('FH_TRANSPORT_CLOSED', `could not send ACK: ${error.message}`, { cause: error });
    }
    const callId = callIdOf(ack);
    const seq = cseqNumberOf(ack);
    for (const txn of this.#clients.values()) {
      if (txn.kind === 'invite' && txn.callId === callId && txn.cseq === seq) {
        txn.ack2xx = ack;
      }
    }
  }

  /** Registers the TU's handler for inbound requests; returns an unsubscribe function. */
  onRequest(handler: RequestHandler): () => void {
    return subscribe(this.#requestHandlers, handler);
  }

  /** Registers a handler for responses that match no transaction wanting them. */
  onStrayResponse(handler: StrayResponseHandler): () => void {
    return subscribe(this.#strayHandlers, handler);
  }

  /** Registers a handler for problems with no caller to reject (Timer H, TU callbacks throwing…). */
  onError(handler: TransactionErrorHandler): () => void {
    return subscribe(this.#errorHandlers, handler);
  }

  /** Ends every transaction: pending `sendRequest` promises reject with `FH_TRANSPORT_CLOSED`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const txn of [...this.#clients.values()]) txn.fail();
    for (const txn of [...this.#servers.values()]) txn.fail();
    for (const timer of this.#bestEffort?.values() ?? []) timer.cancel();
    this.#clients.clear();
    this.#servers.clear();
    this.#bestEffort?.clear();
  }

  #receive(message: SipMessage): void {
    try {
      if (message.kind === 'response') this.#receiveResponse(message);
      else this.#receiveRequest(message);
    } catch (error) {
      this.#error(new FocusHarnessError('FH_INTERNAL', 'the transaction layer failed on an inbound message', { cause: error }));
    }
  }

  #receiveResponse(response: SipResponse): void {
    const key = clientTransactionKey(response);
    if (key === undefined) {
      this.#stray(response, 'unmatchable', 'no top Via branch or no CSeq');
      return;
    }
    const txn = this.#clients.get(key);
    if (txn) {
      const rejected = txn.receiveResponse(response);
      if (rejected !== undefined) this.#stray(response, 'unexpected-in-state', `${txn.method} transaction: ${rejected}`);
      return;
    }
    if (this.#bestEffort?.has(key)) {
      this.#stray(response, 'response-to-best-effort', `a ${response.status} answered a best-effort request, which is never answered`);
      return;
    }
    this.#stray(response, 'no-transaction', `no client transaction for ${key}`);
  }

  #receiveRequest(request: SipRequest): void {
    const key = serverTransactionKey(request);
    if (key === undefined) {
      this.#error(
        new FocusHarnessError('FH_SIP_PARSE', `inbound ${request.method} has no usable Via or CSeq; it cannot be matched or answered`),
      );
      return;
    }
    if (BEST_EFFORT_METHODS.has(request.method)) {
      this.#deliverToTu(request, new ServerTransaction(request, 'best-effort', key, this.#host));
      return;
    }
    const existing = this.#servers.get(key);
    if (request.method === 'ACK') {
      // §17.2.3: an ACK for a non-2xx carries the INVITE's branch and belongs to its transaction;
      // an ACK for a 2xx has its own branch and goes to the TU (§13.3.1.4).
      if (existing) {
        const rejected = existing.receiveAck(request);
        if (rejected !== undefined) this.#error(new FocusHarnessError('FH_USAGE', `ACK not expected: ${rejected}`));
        return;
      }
      this.#deliverToTu(request, new ServerTransaction(request, 'ack', key, undefined));
      return;
    }
    if (existing) {
      // §17.2.1 / §17.2.2: a retransmission is absorbed by its transaction.
      existing.receiveRetransmission();
      return;
    }
    if (this.#closed) return;
    const cancels = request.method === 'CANCEL' ? this.#inviteServer(cancelledInviteKey(request)) : undefined;
    const txn = new ServerTransaction(request, request.method === 'INVITE' ? 'invite' : 'non-invite', key, this.#host, cancels);
    this.#servers.set(key, txn);
    this.#deliverToTu(request, txn);
  }

  #inviteServer(key: string | undefined): ServerTransaction | undefined {
    if (key === undefined) return undefined;
    const txn = this.#servers.get(key);
    return txn?.kind === 'invite' ? txn : undefined;
  }

  #deliverToTu(request: SipRequest, txn: ServerTransaction): void {
    for (const handler of [...this.#requestHandlers]) {
      try {
        handler(request, txn);
      } catch (error) {
        this.#error(new FocusHarnessError('FH_INTERNAL', `the request handler threw on ${request.method}`, { cause: error }));
      }
    }
  }

  #prepareVia(request: SipRequest): void {
    const vias = request.headers.getValues('via');
    const top = vias[0];
    if (top === undefined) {
      const local = this.#channel.local;
      if (!local) {
        throw new FocusHarnessError('FH_USAGE', `${request.method} has no Via and the channel has no local address to write one`);
      }
      const transport = (this.#channel.transport ?? 'tls').toUpperCase();
      const host = local.address.includes(':') ? `[${local.address}]` : local.address;
      request.headers.prepend('Via', `SIP/2.0/${transport} ${host}:${local.port};branch=${newBranch()}`);
      return;
    }
    if (/;\s*branch\s*=/i.test(top)) return;
    // §8.1.1.7: every request we originate carries a fresh branch with the magic cookie.
    const rest = vias.slice(1);
    request.headers.set('Via', `${top};branch=${newBranch()}`);
    for (const value of rest) request.headers.append('Via', value);
  }

  #assertOpen(request: SipRequest): void {
    if (this.#closed) {
      throw new FocusHarnessError('FH_TRANSPORT_CLOSED', `cannot send ${request.method}: the transaction layer is closed`);
    }
  }

  #send(message: SipMessage): Error | undefined {
    try {
      const result: unknown = this.#channel.send(message);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          this.#error(new FocusHarnessError('FH_TRANSPORT_CLOSED', 'sending failed', { cause: error }));
        });
      }
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  #stray(response: SipResponse, reason: StrayReason, detail: string): void {
    const info: StrayInfo = { reason, detail };
    if (transactionStrayChannel.hasSubscribers) transactionStrayChannel.publish({ response, ...info });
    for (const handler of [...this.#strayHandlers]) {
      try {
        handler(response, info);
      } catch (error) {
        this.#error(new FocusHarnessError('FH_INTERNAL', 'the stray-response handler threw', { cause: error }));
      }
    }
  }

  #stateChanged(change: TransactionStateChange): void {
    if (transactionStateChannel.hasSubscribers) transactionStateChannel.publish(change);
  }

  #error(error: FocusHarnessError): void {
    if (transactionErrorChannel.hasSubscribers) transactionErrorChannel.publish({ error });
    for (const handler of [...this.#errorHandlers]) {
      try {
        handler(error);
      } catch {
        // A failing error handler has nowhere left to report to.
      }
    }
  }
}

function subscribe<T>(list: T[], item: T): () => void {
  list.push(item);
  return () => {
    const index = list.indexOf(item);
    if (index >= 0) list.splice(index, 1);
  };
}
