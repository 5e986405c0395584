/**
 * The INVITE server transaction as a pure state machine (RFC 3261 §17.2.1, RFC 6026 §7.1),
 * specialised for reliable transports: no Timer G, Timer I = 0.
 *
 * ```
 *          INVITE received (TU is handed the request)
 *               |
 *               v   TU 1xx (send)
 *          proceeding --+
 *           |  |    ^---+
 *   TU 2xx  |  | TU 300-699 (send, Timer H)
 *           |  +--------> completed --- Timer H (no ACK) ---+
 *           v                |  ACK                         |
 *       accepted             v                              |
 *           |            confirmed                          |
 *   Timer L |                |  Timer I (0)                 |
 *           +-----------> terminated <---------------------+
 * ```
 */
import { reject, transition, type StepResult, type TransitionTable } from './step-result.js';
import { transactionTimers, type TransactionTimers } from './transaction-timers.js';

export type InviteServerState = 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';

export type InviteServerEvent =
  /** The TU hands a response to the transaction. */
  | { readonly type: 'tu-response'; readonly status: number }
  /** The same INVITE arrived again (matched by §17.2.3). */
  | { readonly type: 'request-retransmission' }
  /** An ACK matched the transaction (§17.2.3: ACK matches the INVITE's transaction). */
  | { readonly type: 'ack' }
  | { readonly type: 'timer'; readonly timer: 'H' | 'I' | 'L' }
  | { readonly type: 'transport-error' };

export type InviteServerEffect =
  | { readonly type: 'send-response' }
  | { readonly type: 'resend-provisional' }
  | { readonly type: 'resend-final' }
  /** RFC 6026 §7.1: an ACK matching the transaction in `accepted` is passed to the TU. */
  | { readonly type: 'deliver-ack' }
  | { readonly type: 'start-timer'; readonly timer: 'H' | 'I' | 'L'; readonly ms: number }
  | { readonly type: 'cancel-timer'; readonly timer: 'H' }
  /** Timer H fired: the ACK for a non-2xx final never came. */
  | { readonly type: 'timeout'; readonly timer: 'H' }
  | { readonly type: 'transport-error' };

export type InviteServerStep = StepResult<InviteServerState, InviteServerEffect>;

export const INVITE_SERVER_TRANSITIONS: TransitionTable<InviteServerState> = {
  proceeding: ['accepted', 'completed', 'terminated'],
  accepted: ['terminated'],
  completed: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

const table = INVITE_SERVER_TRANSITIONS;

/**
 * RFC 3261 §17.2.1: the transaction is created in `proceeding` and the request passed to the TU.
 *
 * @remarks FIXME(spec §17.2.1): the server transaction MUST send 100 Trying unless the TU answers
 * within 200 ms; here the TU decides (no automatic response), as the harness needs to observe
 * servers that stay silent.
 */
export function inviteServerStart(): InviteServerStep {
  return { state: 'proceeding', effects: [] };
}

/** Advances an INVITE server transaction by one event. Never throws. */
export function inviteServerStep(
  state: InviteServerState,
  event: InviteServerEvent,
  timers: TransactionTimers = transactionTimers(),
): InviteServerStep {
  switch (state) {
    case 'proceeding':
      return fromProceeding(event, timers);
    case 'accepted':
      return fromAccepted(event);
    case 'completed':
      return fromCompleted(event, timers);
    case 'confirmed':
      return fromConfirmed(event);
    case 'terminated':
      return reject(state, 'event after the transaction terminated');
  }
}

function fromProceeding(event: InviteServerEvent, timers: TransactionTimers): InviteServerStep {
  switch (event.type) {
    case 'tu-response': {
      const { status } = event;
      // §17.2.1: provisional responses from the TU are sent; the state stays `proceeding`.
      if (status >= 100 && status < 200) return transition(table, 'proceeding', 'proceeding', [{ type: 'send-response' }]);
      // RFC 6026 §7.1 (replacing §17.2.1): a 2xx is sent and the transaction moves to `accepted`, Timer L.
      if (status >= 200 && status < 300) {
        return transition(table, 'proceeding', 'accepted', [
          { type: 'send-response' },
          { type: 'start-timer', timer: 'L', ms: timers.L },
        ]);
      }
      // §17.2.1: a 300-699 is sent, the state moves to `completed` and Timer H starts (no Timer G on reliable).
      if (status >= 300 && status < 700) {
        return transition(table, 'proceeding', 'completed', [
          { type: 'send-response' },
          { type: 'start-timer', timer: 'H', ms: timers.H },
        ]);
      }
      return reject('proceeding', `status ${status} is not a valid response code`);
    }
    case 'request-retransmission':
      // §17.2.1: a retransmitted request in `proceeding` re-sends the most recent provisional response.
      return transition(table, 'proceeding', 'proceeding', [{ type: 'resend-provisional' }]);
    case 'ack':
      return reject('proceeding', 'an ACK before any final response');
    case 'timer':
      return reject('proceeding', `Timer ${event.timer} does not run in proceeding`);
    case 'transport-error':
      // §17.2.1: a failure to send a response → inform the TU, `terminated`.
      return transition(table, 'proceeding', 'terminated', [{ type: 'transport-error' }]);
  }
}

function fromAccepted(event: InviteServerEvent): InviteServerStep {
  switch (event.type) {
    case 'tu-response':
      // RFC 6026 §7.1: the TU may pass further 2xx (retransmissions) through `accepted`.
      if (event.status >= 200 && event.status < 300) {
        return transition(table, 'accepted', 'accepted', [{ type: 'send-response' }]);
      }
      return reject('accepted', `a ${event.status} after a 2xx final response is refused`);
    case 'request-retransmission':
      // RFC 6026 §7.1: retransmitted INVITEs are absorbed in `accepted`.
      return transition(table, 'accepted', 'accepted', []);
    case 'ack':
      // RFC 6026 §7.1: an ACK matching in `accepted` is passed to the TU.
      return transition(table, 'accepted', 'accepted', [{ type: 'deliver-ack' }]);
    case 'timer':
      // RFC 6026 §7.1: Timer L fires → `terminated`.
      if (event.timer === 'L') return transition(table, 'accepted', 'terminated', []);
      return reject('accepted', `Timer ${event.timer} does not run in accepted`);
    case 'transport-error':
      return transition(table, 'accepted', 'terminated', [{ type: 'transport-error' }]);
  }
}

function fromCompleted(event: InviteServerEvent, timers: TransactionTimers): InviteServerStep {
  switch (event.type) {
    case 'tu-response':
      return reject('completed', `a second final response (${event.status}) is refused`);
    case 'request-retransmission':
      // §17.2.1: a retransmitted INVITE in `completed` re-sends the final response.
      return transition(table, 'completed', 'completed', [{ type: 'resend-final' }]);
    case 'ack':
      // §17.2.1: an ACK in `completed` → `confirmed`, Timer I (0 on reliable transports).
      return transition(table, 'completed', 'confirmed', [
        { type: 'cancel-timer', timer: 'H' },
        { type: 'start-timer', timer: 'I', ms: timers.I },
      ]);
    case 'timer':
      // §17.2.1: Timer H fires in `completed` → the ACK never came; inform the TU.
      if (event.timer === 'H') return transition(table, 'completed', 'terminated', [{ type: 'timeout', timer: 'H' }]);
      return reject('completed', `Timer ${event.timer} does not run in completed`);
    case 'transport-error':
      return transition(table, 'completed', 'terminated', [{ type: 'transport-error' }]);
  }
}

function fromConfirmed(event: InviteServerEvent): InviteServerStep {
  switch (event.type) {
    case 'ack':
      // §17.2.1: further ACKs in `confirmed` are absorbed.
      return transition(table, 'confirmed', 'confirmed', []);
    case 'timer':
      // §17.2.1: Timer I fires → `terminated`.
      if (event.timer === 'I') return transition(table, 'confirmed', 'terminated', []);
      return reject('confirmed', `Timer ${event.timer} does not run in confirmed`);
    case 'request-retransmission':
      return transition(table, 'confirmed', 'confirmed', []);
    case 'tu-response':
      return reject('confirmed', `a response (${event.status}) after the ACK is refused`);
    case 'transport-error':
      return transition(table, 'confirmed', 'terminated', []);
  }
}
