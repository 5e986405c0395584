/**
 * The INVITE client transaction as a pure state machine (RFC 3261 §17.1.1, RFC 6026 §7.2),
 * specialised for reliable transports: no Timer A, Timer D = 0.
 *
 * ```
 *            start: send INVITE, Timer B
 *                 |
 *                 v        1xx
 *             calling ----------> proceeding --+ 1xx
 *           |  |   |                |   |  ^----+
 *   Timer B |  |   | 2xx        2xx |   | 300-699 (send ACK)
 *           |  |   +------+  +------+   |
 *           |  | 300-699  v  v          v
 *           |  |      accepted      completed -- 300-699 (resend ACK)
 *           |  |          |  Timer M    |  Timer D (0)
 *           v  +----------|-------------+
 *       terminated <------+-------------+
 * ```
 */
import { reject, transition, type StepResult, type TransitionTable } from './step-result.js';
import { transactionTimers, type TransactionTimers } from './transaction-timers.js';

export type InviteClientState = 'calling' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

export type InviteClientEvent =
  | { readonly type: 'response'; readonly status: number }
  | { readonly type: 'timer'; readonly timer: 'B' | 'D' | 'M' }
  | { readonly type: 'transport-error' };

export type InviteClientEffect =
  | { readonly type: 'send-request' }
  | { readonly type: 'send-ack' }
  | { readonly type: 'deliver-provisional' }
  | { readonly type: 'deliver-final' }
  /** RFC 6026 §7.2: a retransmitted 2xx in `accepted` goes to the TU (which re-sends its ACK). */
  | { readonly type: 'deliver-2xx-retransmission' }
  | { readonly type: 'start-timer'; readonly timer: 'B' | 'D' | 'M'; readonly ms: number }
  | { readonly type: 'cancel-timer'; readonly timer: 'B' }
  | { readonly type: 'timeout'; readonly timer: 'B' }
  | { readonly type: 'transport-error' };

export type InviteClientStep = StepResult<InviteClientState, InviteClientEffect>;

export const INVITE_CLIENT_TRANSITIONS: TransitionTable<InviteClientState> = {
  calling: ['proceeding', 'accepted', 'completed', 'terminated'],
  proceeding: ['accepted', 'completed', 'terminated'],
  accepted: ['terminated'],
  completed: ['terminated'],
  terminated: [],
};

const table = INVITE_CLIENT_TRANSITIONS;

/** RFC 3261 §17.1.1.2: the transaction starts in `calling`, passes the INVITE to the transport and starts Timer B. */
export function inviteClientStart(timers: TransactionTimers = transactionTimers()): InviteClientStep {
  return {
    state: 'calling',
    effects: [{ type: 'send-request' }, { type: 'start-timer', timer: 'B', ms: timers.B }],
  };
}

/** Advances an INVITE client transaction by one event. Never throws. */
export function inviteClientStep(
  state: InviteClientState,
  event: InviteClientEvent,
  timers: TransactionTimers = transactionTimers(),
): InviteClientStep {
  switch (state) {
    case 'calling':
    case 'proceeding':
      return fromCallingOrProceeding(state, event, timers);
    case 'accepted':
      return fromAccepted(event);
    case 'completed':
      return fromCompleted(event);
    case 'terminated':
      return reject(state, `${describe(event)} after the transaction terminated`);
  }
}

function fromCallingOrProceeding(
  state: 'calling' | 'proceeding',
  event: InviteClientEvent,
  timers: TransactionTimers,
): InviteClientStep {
  // In `proceeding` Timer B no longer runs, so it was cancelled on the way in.
  const stopB: InviteClientEffect[] = state === 'calling' ? [{ type: 'cancel-timer', timer: 'B' }] : [];
  switch (event.type) {
    case 'response': {
      const { status } = event;
      // §17.1.1.2: a provisional response moves `calling` to `proceeding` and is passed to the TU.
      if (status >= 100 && status < 200) {
        return transition(table, state, 'proceeding', [...stopB, { type: 'deliver-provisional' }]);
      }
      // RFC 6026 §7.2 (replacing §17.1.1.2): a 2xx moves to `accepted`, is passed up, Timer M starts.
      if (status >= 200 && status < 300) {
        return transition(table, state, 'accepted', [
          ...stopB,
          { type: 'deliver-final' },
          { type: 'start-timer', timer: 'M', ms: timers.M },
        ]);
      }
      // §17.1.1.2: 300-699 → `completed`; the transaction generates the ACK, passes the
      // response up and starts Timer D (0 for reliable transports).
      if (status >= 300 && status < 700) {
        return transition(table, state, 'completed', [
          ...stopB,
          { type: 'send-ack' },
          { type: 'deliver-final' },
          { type: 'start-timer', timer: 'D', ms: timers.D },
        ]);
      }
      return reject(state, `status ${status} is not a valid response code`);
    }
    case 'timer':
      // §17.1.1.2: Timer B fires while still `calling` → inform the TU of the timeout.
      if (event.timer === 'B' && state === 'calling') {
        return transition(table, state, 'terminated', [{ type: 'timeout', timer: 'B' }]);
      }
      return reject(state, `Timer ${event.timer} does not run in ${state}`);
    case 'transport-error':
      // §17.1.1.2: a transport failure terminates the transaction and is reported to the TU.
      return transition(table, state, 'terminated', [{ type: 'transport-error' }]);
  }
}

function fromAccepted(event: InviteClientEvent): InviteClientStep {
  switch (event.type) {
    case 'response':
      // RFC 6026 §7.2: further 2xx responses are passed to the TU; anything else is stray.
      if (event.status >= 200 && event.status < 300) {
        return transition(table, 'accepted', 'accepted', [{ type: 'deliver-2xx-retransmission' }]);
      }
      return reject('accepted', `a ${event.status} after a 2xx does not belong to the transaction`);
    case 'timer':
      // RFC 6026 §7.2: Timer M fires → `terminated`.
      if (event.timer === 'M') return transition(table, 'accepted', 'terminated', []);
      return reject('accepted', `Timer ${event.timer} does not run in accepted`);
    case 'transport-error':
      // Nothing is sent from `accepted` (the ACK for a 2xx is the TU's, §13.2.2.4), so a lost
      // connection only ends the transaction; the TU already has its final response.
      return transition(table, 'accepted', 'terminated', []);
  }
}

function fromCompleted(event: InviteClientEvent): InviteClientStep {
  switch (event.type) {
    case 'response':
      // §17.1.1.2: a retransmitted final response in `completed` causes the ACK to be re-sent
      // and is not passed to the TU.
      if (event.status >= 300 && event.status < 700) {
        return transition(table, 'completed', 'completed', [{ type: 'send-ack' }]);
      }
      return reject('completed', `a ${event.status} after a non-2xx final does not belong to the transaction`);
    case 'timer':
      // §17.1.1.2: Timer D fires → `terminated`.
      if (event.timer === 'D') return transition(table, 'completed', 'terminated', []);
      return reject('completed', `Timer ${event.timer} does not run in completed`);
    case 'transport-error':
      // §17.1.1.2: failing to send the ACK terminates the transaction; the TU already has its
      // final response, so there is nothing more to tell it.
      return transition(table, 'completed', 'terminated', []);
  }
}

function describe(event: InviteClientEvent): string {
  if (event.type === 'response') return `response ${event.status}`;
  if (event.type === 'timer') return `Timer ${event.timer}`;
  return 'transport error';
}
