/**
 * A client transaction (INVITE §17.1.1 or non-INVITE §17.1.2) driving its pure machine and
 * settling the `sendRequest` promise.
 *
 * @remarks Once the TU has its final response (or its error) the transaction lets go of the
 * request and of the promise callbacks: an INVITE transaction stays `accepted` for Timer M
 * (64·T1, RFC 6026 §7.2) and must not keep the INVITE, its 2xx and the caller's closures alive
 * meanwhile (issue 4: per-endpoint memory). What it still needs is the method, Call-ID and CSeq
 * number (to match the TU's ACK) and that ACK.
 */
import { FocusHarnessError } from '../errors.js';
import type { SipRequest, SipResponse } from '../sip/index.js';
import type { TimerHandle } from '../util/index.js';
import { createNon2xxAck } from './create-non2xx-ack.js';
import {
  inviteClientStart,
  inviteClientStep,
  type InviteClientEffect,
  type InviteClientEvent,
  type InviteClientState,
} from './invite-client-transaction.js';
import { MachineRunner } from './machine-runner.js';
import {
  nonInviteClientStart,
  nonInviteClientStep,
  type NonInviteClientEffect,
  type NonInviteClientEvent,
  type NonInviteClientState,
} from './non-invite-client-transaction.js';
import { callIdOf } from './call-id-of.js';
import { cseqNumberOf } from './cseq-number-of.js';
import type { TransactionHost } from './transaction-host.js';

export type ClientTransactionState = InviteClientState | NonInviteClientState;
type ClientEvent = InviteClientEvent | NonInviteClientEvent;
type ClientEffect = InviteClientEffect | NonInviteClientEffect;

export interface ClientTransactionCallbacks {
  readonly onProvisional?: ((response: SipResponse) => void) | undefined;
  readonly resolve: (response: SipResponse) => void;
  readonly reject: (error: FocusHarnessError) => void;
}

/** @internal Owned by `TransactionLayer`. */
export class ClientTransaction {
  readonly key: string;
  readonly method: string;
  readonly callId: string | undefined;
  /**
   * The CSeq number of an INVITE (the TU's ACK for its 2xx repeats it, §13.2.2.4); undefined for
   * other methods, which have no ACK to match.
   */
  readonly cseq: number | undefined;
  readonly kind: 'invite' | 'non-invite';
  readonly #host: TransactionHost;
  /** Until the TU has its final response or error. */
  #request: SipRequest | undefined;
  #callbacks: ClientTransactionCallbacks | undefined;
  readonly #timers = new Map<string, TimerHandle>();
  readonly #runner: MachineRunner<ClientTransactionState, ClientEvent, ClientEffect>;
  #response: SipResponse | undefined;
  #nonSuccessAck: SipRequest | undefined;
  /** The TU's ACK for the 2xx, re-sent when the 2xx is retransmitted (§13.2.2.4). */
  ack2xx: SipRequest | undefined;
  #settled = false;

  constructor(key: string, request: SipRequest, host: TransactionHost, callbacks: ClientTransactionCallbacks) {
    this.key = key;
    this.#request = request;
    this.method = request.method;
    this.callId = callIdOf(request);
    this.kind = request.method === 'INVITE' ? 'invite' : 'non-invite';
    this.cseq = this.kind === 'invite' ? cseqNumberOf(request) : undefined;
    this.#host = host;
    this.#callbacks = callbacks;
    const isInvite = this.kind === 'invite';
    this.#runner = new MachineRunner<ClientTransactionState, ClientEvent, ClientEffect>(
      isInvite ? inviteClientStart(host.timers) : nonInviteClientStart(host.timers),
      {
        step: (state, event) =>
          isInvite
            ? inviteClientStep(state as InviteClientState, event as InviteClientEvent, host.timers)
            : nonInviteClientStep(state as NonInviteClientState, event as NonInviteClientEvent, host.timers),
        perform: (effect, fireNow) => this.#perform(effect, fireNow),
        onTransition: (from, to, event) => this.#transitioned(from, to, event),
      },
    );
  }

  get state(): ClientTransactionState {
    return this.#runner.state;
  }

  /** Sends the request and arms Timer B/F (call after the layer has registered the key). */
  start(): void {
    this.#runner.start();
  }

  /** Feeds a matching response; returns why it was not accepted (the layer reports it as stray). */
  receiveResponse(response: SipResponse): string | undefined {
    this.#response = response;
    const result = this.#runner.dispatch({ type: 'response', status: response.status });
    this.#response = undefined;
    return result.rejected;
  }

  /** The connection went away. */
  fail(): void {
    if (this.state !== 'terminated') this.#runner.dispatch({ type: 'transport-error' });
    this.#cancelTimers();
  }

  #perform(effect: ClientEffect, fireNow: (event: ClientEvent) => void): void {
    const host = this.#host;
    switch (effect.type) {
      case 'send-request':
        if (this.#request && host.send(this.#request)) fireNow({ type: 'transport-error' });
        return;
      case 'send-ack': {
        // §17.1.1.3: the ACK for a non-2xx is built once (before the final response reaches the
        // TU and the request is let go) and re-sent for retransmitted finals.
        if (!this.#nonSuccessAck && this.#response && this.#request) this.#nonSuccessAck = createNon2xxAck(this.#request, this.#response);
        if (this.#nonSuccessAck && host.send(this.#nonSuccessAck)) fireNow({ type: 'transport-error' });
        return;
      }
      case 'deliver-provisional':
        if (this.#response) this.#safely(() => this.#callbacks?.onProvisional?.(this.#response as SipResponse));
        return;
      case 'deliver-final':
        if (this.#response) this.#settle((callbacks) => callbacks.resolve(this.#response as SipResponse));
        return;
      case 'deliver-2xx-retransmission':
        // RFC 3261 §13.2.2.4: the UAC core answers every retransmitted 2xx with the same ACK.
        if (this.ack2xx) host.send(this.ack2xx);
        return;
      case 'start-timer': {
        const timer = effect.timer;
        if (effect.ms <= 0) {
          fireNow({ type: 'timer', timer } as ClientEvent);
          return;
        }
        this.#timers.get(timer)?.cancel();
        this.#timers.set(
          timer,
          host.clock.setTimer(effect.ms, () => {
            this.#timers.delete(timer);
            this.#runner.dispatch({ type: 'timer', timer } as ClientEvent);
          }),
        );
        return;
      }
      case 'cancel-timer':
        this.#timers.get(effect.timer)?.cancel();
        this.#timers.delete(effect.timer);
        return;
      case 'timeout': {
        const ms = effect.timer === 'B' ? host.timers.B : host.timers.F;
        this.#settle((callbacks) =>
          callbacks.reject(
            new FocusHarnessError(
              'FH_TXN_TIMEOUT',
              `${this.method} (Call-ID ${this.callId ?? '?'}) got no final response before ` +
                `Timer ${effect.timer} fired (64·T1 = ${ms} ms); the peer is silent or the request was lost`,
            ),
          ),
        );
        return;
      }
      case 'transport-error':
        this.#settle((callbacks) =>
          callbacks.reject(
            new FocusHarnessError(
              'FH_TRANSPORT_CLOSED',
              `${this.method} (Call-ID ${this.callId ?? '?'}) failed: the connection is closed`,
            ),
          ),
        );
        return;
    }
  }

  #settle(action: (callbacks: ClientTransactionCallbacks) => void): void {
    const callbacks = this.#callbacks;
    if (this.#settled || !callbacks) return;
    this.#settled = true;
    // The TU has what it waited for: nothing needs the request or the callbacks any more.
    this.#callbacks = undefined;
    this.#request = undefined;
    this.#safely(() => action(callbacks));
  }

  #safely(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.#host.error(
        new FocusHarnessError('FH_INTERNAL', `a TU callback for ${this.method} threw`, { cause: error }),
      );
    }
  }

  #transitioned(from: ClientTransactionState, to: ClientTransactionState, event: ClientEvent | 'start'): void {
    this.#host.stateChanged({
      key: this.key,
      kind: `${this.kind}-client`,
      method: this.method,
      callId: this.callId,
      from,
      to,
      event:
        typeof event === 'string'
          ? event
          : event.type === 'timer'
            ? `timer ${event.timer}`
            : event.type === 'response'
              ? `response ${event.status}`
              : event.type,
    });
    if (to === 'terminated') {
      this.#cancelTimers();
      this.#host.terminated(this.key, 'client');
    }
  }

  #cancelTimers(): void {
    for (const handle of this.#timers.values()) handle.cancel();
    this.#timers.clear();
  }
}
