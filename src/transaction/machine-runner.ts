/**
 * The imperative shell around one pure `step` function: holds the state, performs effects and
 * turns zero-length timers (D, I, J, K on reliable transports) into immediate timer events.
 */
import type { StepResult } from './step-result.js';

export interface MachineSpec<S extends string, E, F> {
  readonly step: (state: S, event: E) => StepResult<S, F>;
  /** Performs one effect; zero-length timers are reported back through `fireNow`. */
  readonly perform: (effect: F, fireNow: (event: E) => void) => void;
  readonly onTransition: (from: S, to: S, event: E | 'start') => void;
}

export class MachineRunner<S extends string, E, F> {
  #state: S;
  readonly #spec: MachineSpec<S, E, F>;
  #start: StepResult<S, F> | undefined;

  constructor(start: StepResult<S, F>, spec: MachineSpec<S, E, F>) {
    this.#state = start.state;
    this.#spec = spec;
    this.#start = start;
  }

  /** Performs the initial effects (send the request, arm the timeout); idempotent. */
  start(): void {
    const start = this.#start;
    if (!start) return;
    this.#start = undefined;
    this.#spec.onTransition(start.state, start.state, 'start');
    this.#perform(start.effects);
  }

  get state(): S {
    return this.#state;
  }

  /** Feeds one event; returns the step result (with `rejected` set when the event had no edge). */
  dispatch(event: E): StepResult<S, F> {
    const from = this.#state;
    const result = this.#spec.step(from, event);
    if (result.rejected !== undefined) return result;
    this.#state = result.state;
    if (from !== result.state) this.#spec.onTransition(from, result.state, event);
    this.#perform(result.effects);
    return result;
  }

  #perform(effects: readonly F[]): void {
    const immediate: E[] = [];
    for (const effect of effects) this.#spec.perform(effect, (event) => immediate.push(event));
    for (const event of immediate) this.dispatch(event);
  }
}
