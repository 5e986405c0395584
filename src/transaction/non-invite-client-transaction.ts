/**
 * The non-INVITE client transaction as a pure state machine (RFC 3261 §17.1.2), specialised for
 * reliable transports: no Timer E, Timer K = 0.
 *
 * ```
 *          start: send request, Timer F
 *               |
 *               v     1xx
 *            trying -------> proceeding --+ 1xx
 *             |  |              |   |  ^--+
 *     Timer F |  | 200-699      |   | 200-699
 *             |  +------> completed <+
 *             |             |  Timer K (0)
 *             v             v
 *            terminated <---+   (Timer F from proceeding too)
 * ```
 */
import { reject, transition, type StepResult, type TransitionTable } from './step-result.js';
import { transactionTimers, type TransactionTimers } from './transaction-timers.js';

export type NonInviteClientState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export type NonInviteClientEvent =
  | { readonly type: 'response'; readonly status: number }
  | { readonly type: 'timer'; readonly timer: 'F' | 'K' }
  | { readonly type: 'transport-error' };

export type NonInviteClientEffect =
  | { readonly type: 'send-request' }
  | { readonly type: 'deliver-provisional' }
  | { readonly type: 'deliver-final' }
  | { readonly type: 'start-timer'; readonly timer: 'F' | 'K'; readonly ms: number }
  | { readonly type: 'cancel-timer'; readonly timer: 'F' }
  | { readonly type: 'timeout'; readonly timer: 'F' }
  | { readonly type: 'transport-error' };

export type NonInviteClientStep = StepResult<NonInviteClientState, NonInviteClientEffect>;

export const NON_INVITE_CLIENT_TRANSITIONS: TransitionTable<NonInviteClientState> = {
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['completed', 'terminated'],
  completed: ['terminated'],
  terminated: [],
};

const table = NON_INVITE_CLIENT_TRANSITIONS;

/** RFC 3261 §17.1.2.2: the transaction enters `trying`, sends the request and sets Timer F. */
export function nonInviteClientStart(timers: TransactionTimers = transactionTimers()): NonInviteClientStep {
  return {
    state: 'trying',
    effects: [{ type: 'send-request' }, { type: 'start-timer', timer: 'F', ms: timers.F }],
  };
}

/** Advances a non-INVITE client transaction by one event. Never throws. */
export function nonInviteClientStep(
  state: NonInviteClientState,
  event: NonInviteClientEvent,
  timers: TransactionTimers = transactionTimers(),
): NonInviteClientStep {
  switch (state) {
    case 'trying':
    case 'proceeding':
      return fromTryingOrProceeding(state, event, timers);
    case 'completed':
      return fromCompleted(event);
    case 'terminated':
      return reject(state, 'event after the transaction terminated');
  }
}

function fromTryingOrProceeding(
  state: 'trying' | 'proceeding',
  event: NonInviteClientEvent,
  timers: TransactionTimers,
): NonInviteClientStep {
  switch (event.type) {
    case 'response': {
      const { status } = event;
      // §17.1.2.2: a provisional response moves `trying` to `proceeding` and goes to the TU.
      if (status >= 100 && status < 200) {
        return transition(table, state, 'proceeding', [{ type: 'deliver-provisional' }]);
      }
      // §17.1.2.2: a final response (200-699) moves to `completed`, goes to the TU, and Timer K
      // starts (0 for reliable transports).
      if (status >= 200 && status < 700) {
        return transition(table, state, 'completed', [
          { type: 'cancel-timer', timer: 'F' },
          { type: 'deliver-final' },
          { type: 'start-timer', timer: 'K', ms: timers.K },
        ]);
      }
      return reject(state, `status ${status} is not a valid response code`);
    }
    case 'timer':
      // §17.1.2.2: Timer F fires in `trying` or `proceeding` → timeout to the TU, `terminated`.
      if (event.timer === 'F') {
        return transition(table, state, 'terminated', [{ type: 'timeout', timer: 'F' }]);
      }
      return reject(state, `Timer ${event.timer} does not run in ${state}`);
    case 'transport-error':
      // §17.1.2.2: a transport error → inform the TU, `terminated`.
      return transition(table, state, 'terminated', [{ type: 'transport-error' }]);
  }
}

function fromCompleted(event: NonInviteClientEvent): NonInviteClientStep {
  switch (event.type) {
    case 'response':
      // §17.1.2.2: retransmitted final responses are absorbed in `completed`.
      if (event.status >= 200 && event.status < 700) return transition(table, 'completed', 'completed', []);
      return reject('completed', `a ${event.status} after the final response does not belong to the transaction`);
    case 'timer':
      // §17.1.2.2: Timer K fires → `terminated`.
      if (event.timer === 'K') return transition(table, 'completed', 'terminated', []);
      return reject('completed', `Timer ${event.timer} does not run in completed`);
    case 'transport-error':
      return transition(table, 'completed', 'terminated', []);
  }
}
