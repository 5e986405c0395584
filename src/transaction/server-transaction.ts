/**
 * A server transaction as the TU sees it: the request, its state and `respond()`.
 *
 * @remarks Kinds: `invite` (§17.2.1), `non-invite` (§17.2.2), `best-effort` (an inbound BENOTIFY:
 * MS-SIP best-effort NOTIFY, never answered) and `ack` (an ACK handed to the TU — ACK for a 2xx
 * has its own branch and no transaction, §17.2.3 / RFC 6026). The last two never respond.
 */
import { FocusHarnessError } from '../errors.js';
import { createResponse, type SipRequest, type SipResponse } from '../sip/index.js';
import type { TimerHandle } from '../util/index.js';
import { callIdOf } from './call-id-of.js';
import {
  inviteServerStart,
  inviteServerStep,
  type InviteServerEffect,
  type InviteServerEvent,
  type InviteServerState,
} from './invite-server-transaction.js';
import { MachineRunner } from './machine-runner.js';
import {
  nonInviteServerStart,
  nonInviteServerStep,
  type NonInviteServerEffect,
  type NonInviteServerEvent,
  type NonInviteServerState,
} from './non-invite-server-transaction.js';
import type { TransactionHost } from './transaction-host.js';
import { clientTransactionKey } from './transaction-key.js';

export type ServerTransactionKind = 'invite' | 'non-invite' | 'best-effort' | 'ack';
export type ServerTransactionState = InviteServerState | NonInviteServerState;

/** RFC 3261 §17.2.1: the TU has 200 ms to answer before the transaction sends 100 Trying. */
const TRYING_DELAY_MS = 200;

type ServerEvent = InviteServerEvent | NonInviteServerEvent;
type ServerEffect = InviteServerEffect | NonInviteServerEffect;

export class ServerTransaction {
  /** The matching key (§17.2.3); empty for `best-effort` and `ack`. */
  readonly key: string;
  readonly kind: ServerTransactionKind;
  readonly request: SipRequest;
  /** For a CANCEL: the INVITE server transaction it targets, when one matched (§9.2). */
  readonly cancels: ServerTransaction | undefined;
  readonly #host: TransactionHost | undefined;
  readonly #runner: MachineRunner<ServerTransactionState, ServerEvent, ServerEffect> | undefined;
  readonly #timers = new Map<string, TimerHandle>();
  #final: SipResponse | undefined;
  #provisional: SipResponse | undefined;
  #pending: SipResponse | undefined;
  #ack: SipRequest | undefined;
  #closing = false;
  readonly #responses: SipResponse[] = [];

  /** @internal Created by `TransactionLayer`. */
  constructor(
    request: SipRequest,
    kind: ServerTransactionKind,
    key: string,
    host: TransactionHost | undefined,
    cancels?: ServerTransaction,
  ) {
    this.request = request;
    this.kind = kind;
    this.key = key;
    this.cancels = cancels;
    this.#host = host;
    if (host && (kind === 'invite' || kind === 'non-invite')) {
      const isInvite = kind === 'invite';
      const step = (state: ServerTransactionState, event: ServerEvent) =>
        isInvite
          ? inviteServerStep(state as InviteServerState, event as InviteServerEvent, host.timers)
          : nonInviteServerStep(state as NonInviteServerState, event as NonInviteServerEvent, host.timers);
      this.#runner = new MachineRunner<ServerTransactionState, ServerEvent, ServerEffect>(
        isInvite ? inviteServerStart() : nonInviteServerStart(),
        {
          step,
          perform: (effect, fireNow) => this.#perform(effect, fireNow),
          onTransition: (from, to, event) => this.#transitioned(from, to, event),
        },
      );
      this.#runner.start();
      if (isInvite && host.inviteTrying) this.#armTrying(host);
    }
  }

  /** The machine state; `best-effort` and `ack` transactions are `terminated` from the start. */
  get state(): ServerTransactionState {
    return this.#runner?.state ?? 'terminated';
  }

  /** The final response sent, if any (a request the TU leaves unanswered keeps this `undefined`). */
  get respondedWith(): SipResponse | undefined {
    return this.#final;
  }

  /** Every response sent on this transaction, in order. */
  get responses(): readonly SipResponse[] {
    return this.#responses;
  }

  /**
   * Sends a response on this transaction.
   *
   * @throws FocusHarnessError `FH_USAGE` for a BENOTIFY or ACK (never answered), a second final
   * response, a status outside 100-699, or a response whose Via branch / CSeq is not the request's.
   */
  respond(response: SipResponse): void {
    if (this.kind === 'best-effort') {
      throw new FocusHarnessError(
        'FH_USAGE',
        `${this.request.method} is a best-effort notification (MS-SIP BENOTIFY): it is never answered, ` +
          'so respond() must not be called for it',
      );
    }
    if (this.kind === 'ack' || !this.#runner) {
      throw new FocusHarnessError('FH_USAGE', 'an ACK is never answered (RFC 3261 §17.1.1.3, §13.2.2.4)');
    }
    const { status } = response;
    if (!Number.isInteger(status) || status < 100 || status > 699) {
      throw new FocusHarnessError('FH_USAGE', `cannot respond with status ${status}: must be 100-699`);
    }
    const mine = clientTransactionKey(this.request);
    if (clientTransactionKey(response) !== mine) {
      throw new FocusHarnessError(
        'FH_USAGE',
        `the ${status} response does not carry the request's top Via branch and CSeq method; build it with createResponse(request, …)`,
      );
    }
    this.#pending = response;
    const result = this.#runner.dispatch({ type: 'tu-response', status });
    this.#pending = undefined;
    if (result.rejected !== undefined) {
      const already = this.#final ? ` (already answered ${this.#final.status})` : '';
      throw new FocusHarnessError(
        'FH_USAGE',
        `${this.request.method} transaction in state ${this.state} refused a ${status}${already}: ${result.rejected}`,
      );
    }
  }

  /** @internal The same request arrived again. */
  receiveRetransmission(): void {
    this.#runner?.dispatch({ type: 'request-retransmission' });
  }

  /** @internal An ACK matched this (INVITE) transaction; returns the rejection reason, if any. */
  receiveAck(ack: SipRequest): string | undefined {
    if (!this.#runner || this.kind !== 'invite') return 'not an INVITE transaction';
    this.#ack = ack;
    const result = this.#runner.dispatch({ type: 'ack' });
    this.#ack = undefined;
    return result.rejected;
  }

  /** @internal The connection went away (the layer closed): end quietly, nobody can be answered. */
  fail(): void {
    this.#closing = true;
    if (this.#runner && this.state !== 'terminated') this.#runner.dispatch({ type: 'transport-error' });
    this.#cancelTimers();
  }

  #perform(effect: ServerEffect, fireNow: (event: ServerEvent) => void): void {
    const host = this.#host;
    if (!host) return;
    switch (effect.type) {
      case 'send-response': {
        const response = this.#pending;
        if (!response) return;
        if (response.status < 200) this.#provisional = response;
        else this.#final = response;
        this.#responses.push(response);
        this.#send(response, fireNow);
        return;
      }
      case 'resend-provisional':
        if (this.#provisional) this.#send(this.#provisional, fireNow);
        return;
      case 'resend-final':
        if (this.#final) this.#send(this.#final, fireNow);
        return;
      case 'deliver-ack':
        if (this.#ack) host.deliverAck(this.#ack);
        return;
      case 'start-timer': {
        const timer = effect.timer;
        if (effect.ms <= 0) {
          fireNow({ type: 'timer', timer } as ServerEvent);
          return;
        }
        this.#timers.get(timer)?.cancel();
        this.#timers.set(
          timer,
          host.clock.setTimer(effect.ms, () => {
            this.#timers.delete(timer);
            this.#runner?.dispatch({ type: 'timer', timer } as ServerEvent);
          }),
        );
        return;
      }
      case 'cancel-timer':
        this.#timers.get(effect.timer)?.cancel();
        this.#timers.delete(effect.timer);
        return;
      case 'timeout':
        host.error(
          new FocusHarnessError(
            'FH_TXN_TIMEOUT',
            `no ACK for the ${this.#final?.status ?? 'final'} response to INVITE (Call-ID ${callIdOf(this.request)}) ` +
              `within Timer H (${host.timers.H} ms)`,
          ),
        );
        return;
      case 'transport-error':
        if (this.#closing) return;
        host.error(
          new FocusHarnessError(
            'FH_TRANSPORT_CLOSED',
            `could not send a response to ${this.request.method} (Call-ID ${callIdOf(this.request)}): the connection is gone`,
          ),
        );
        return;
    }
  }

  /** §17.2.1: 100 Trying unless the TU sends a response within 200 ms. */
  #armTrying(host: TransactionHost): void {
    const handle = host.clock.setTimer(TRYING_DELAY_MS, () => {
      this.#timers.delete('trying');
      if (this.state !== 'proceeding' || this.#responses.length > 0) return;
      try {
        this.respond(createResponse(this.request, 100));
      } catch (error) {
        host.error(new FocusHarnessError('FH_INTERNAL', 'could not send 100 Trying', { cause: error }));
      }
    });
    this.#timers.set('trying', handle);
  }

  #send(response: SipResponse, fireNow: (event: ServerEvent) => void): void {
    const error = this.#host?.send(response);
    if (error) fireNow({ type: 'transport-error' });
  }

  #transitioned(from: ServerTransactionState, to: ServerTransactionState, event: ServerEvent | 'start'): void {
    const host = this.#host;
    if (!host) return;
    host.stateChanged({
      key: this.key,
      kind: `${this.kind}-server`,
      method: this.request.method,
      callId: callIdOf(this.request),
      from,
      to,
      event: typeof event === 'string' ? event : event.type === 'timer' ? `timer ${event.timer}` : event.type,
    });
    if (to === 'terminated') {
      this.#cancelTimers();
      host.terminated(this.key, 'server');
    }
  }

  #cancelTimers(): void {
    for (const handle of this.#timers.values()) handle.cancel();
    this.#timers.clear();
  }
}
