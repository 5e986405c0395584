/**
 * The value every pure transaction/dialog `step` returns.
 *
 * @remarks A step never throws: an event that has no edge from the current state comes back
 * with the state unchanged, no effects and a `rejected` explanation (style habit 4).
 */
export interface StepResult<S extends string, F> {
  readonly state: S;
  readonly effects: readonly F[];
  /** Set when the event is not allowed in the state; the state is then unchanged. */
  readonly rejected?: string;
}

/** A declared transition table: for each state, the states it may move to. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** True when `from → to` is declared in `table` (staying put is always allowed). */
export function isAllowedTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return from === to || table[from].includes(to);
}

/** Builds the result of a transition after checking it against the table. */
export function transition<S extends string, F>(
  table: TransitionTable<S>,
  from: S,
  to: S,
  effects: readonly F[],
): StepResult<S, F> {
  if (!isAllowedTransition(table, from, to)) {
    return { state: from, effects: [], rejected: `illegal transition ${from} → ${to}` };
  }
  return { state: to, effects };
}

/** The result for an event the state does not accept. */
export function reject<S extends string, F>(state: S, why: string): StepResult<S, F> {
  return { state, effects: [], rejected: why };
}
