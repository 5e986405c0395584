/**
 * The dialog state machine (RFC 3261 §12): `early` → `confirmed` → `terminated`.
 *
 * ```
 *   1xx with To tag          2xx
 *   ------------> early ------------> confirmed
 *                   |                    |
 *                   | non-2xx final,     | BYE, 481/408 to an in-dialog request,
 *                   | BYE, timeout       | subscription ended
 *                   v                    v
 *                 terminated <-----------+
 * ```
 */
import { isAllowedTransition, type StepResult, type TransitionTable } from '../transaction/index.js';

export type DialogState = 'early' | 'confirmed' | 'terminated';

export type DialogEvent = { readonly type: 'confirm' } | { readonly type: 'terminate'; readonly reason: string };

export type DialogEffect = { readonly type: 'confirmed' } | { readonly type: 'terminated'; readonly reason: string };

export const DIALOG_TRANSITIONS: TransitionTable<DialogState> = {
  early: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

/** Advances the dialog state; never throws (an illegal event comes back `rejected`). */
export function dialogStep(state: DialogState, event: DialogEvent): StepResult<DialogState, DialogEffect> {
  if (event.type === 'confirm') {
    // §12.1: a 2xx confirms an early dialog (or creates a confirmed one).
    if (state === 'confirmed') return { state, effects: [] };
    if (!isAllowedTransition(DIALOG_TRANSITIONS, state, 'confirmed')) {
      return { state, effects: [], rejected: `cannot confirm a ${state} dialog` };
    }
    return { state: 'confirmed', effects: [{ type: 'confirmed' }] };
  }
  // §12.3 / §15: a BYE (or a fatal in-dialog response, §12.2.1.2) terminates the dialog.
  if (state === 'terminated') return { state, effects: [], rejected: 'the dialog is already terminated' };
  return { state: 'terminated', effects: [{ type: 'terminated', reason: event.reason }] };
}
