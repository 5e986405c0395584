/**
 * The non-INVITE server transaction as a pure state machine (RFC 3261 §17.2.2), specialised for
 * reliable transports: Timer J = 0.
 *
 * ```
 *       request received (TU is handed the request)
 *            |
 *            v    TU 1xx (send)
 *         trying -------> proceeding --+ TU 1xx
 *            |               |     ^---+
 *            | TU 200-699    | TU 200-699 (send)
 *            +----> completed <+
 *                     |  Timer J (0)
 *                     v
 *                 terminated
 * ```
 */
import { reject, transition, type StepResult, type TransitionTable } from './step-result.js';
import { transactionTimers, type TransactionTimers } from './transaction-timers.js';

export type NonInviteServerState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export type NonInviteServerEvent =
  | { readonly type: 'tu-response'; readonly status: number }
  | { readonly type: 'request-retransmission' }
  | { readonly type: 'timer'; readonly timer: 'J' }
  | { readonly type: 'transport-error' };

export type NonInviteServerEffect =
  | { readonly type: 'send-response' }
  | { readonly type: 'resend-provisional' }
  | { readonly type: 'resend-final' }
  | { readonly type: 'start-timer'; readonly timer: 'J'; readonly ms: number }
  | { readonly type: 'transport-error' };

export type NonInviteServerStep = StepResult<NonInviteServerState, NonInviteServerEffect>;

export const NON_INVITE_SERVER_TRANSITIONS: TransitionTable<NonInviteServerState> = {
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['completed', 'terminated'],
  completed: ['terminated'],
  terminated: [],
};

const table = NON_INVITE_SERVER_TRANSITIONS;

/** RFC 3261 §17.2.2: the transaction is created in `trying` and the request passed to the TU. */
export function nonInviteServerStart(): NonInviteServerStep {
  return { state: 'trying', effects: [] };
}

/** Advances a non-INVITE server transaction by one event. Never throws. */
export function nonInviteServerStep(
  state: NonInviteServerState,
  event: NonInviteServerEvent,
  timers: TransactionTimers = transactionTimers(),
): NonInviteServerStep {
  if (state === 'terminated') return reject(state, 'event after the transaction terminated');
  switch (event.type) {
    case 'tu-response': {
      const { status } = event;
      if (state === 'completed') return reject(state, `a second final response (${status}) is refused`);
      // §17.2.2: a provisional from the TU is sent and the state becomes (or stays) `proceeding`.
      if (status >= 100 && status < 200) return transition(table, state, 'proceeding', [{ type: 'send-response' }]);
      // §17.2.2: a final response from the TU is sent, the state becomes `completed`, Timer J starts.
      if (status >= 200 && status < 700) {
        return transition(table, state, 'completed', [
          { type: 'send-response' },
          { type: 'start-timer', timer: 'J', ms: timers.J },
        ]);
      }
      return reject(state, `status ${status} is not a valid response code`);
    }
    case 'request-retransmission':
      // §17.2.2: retransmissions are discarded in `trying`, answered with the last provisional in
      // `proceeding` and with the final response in `completed`.
      if (state === 'trying') return transition(table, state, state, []);
      return transition(table, state, state, [{ type: state === 'proceeding' ? 'resend-provisional' : 'resend-final' }]);
    case 'timer':
      // §17.2.2: Timer J fires in `completed` → `terminated`.
      if (state === 'completed') return transition(table, state, 'terminated', []);
      return reject(state, `Timer J does not run in ${state}`);
    case 'transport-error':
      // §17.2.2: a failure to send a response → inform the TU, `terminated`.
      return transition(table, state, 'terminated', state === 'completed' ? [] : [{ type: 'transport-error' }]);
  }
}
