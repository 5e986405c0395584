/**
 * What expectations need from the running scenario: the clock and budgets, the current step, the
 * observed messages per endpoint, and one place to hand a verdict to.
 */
import type { Endpoint } from '../endpoint/index.js';
import type { Clock } from '../util/index.js';
import type { NearestMiss } from './nearest-miss.js';
import type { ObservedMessage } from './observed-message.js';
import type { ScenarioTimeouts } from './scenario-timeouts.js';
import type { Severity } from './severity.js';

export interface Verdict {
  readonly passed: boolean;
  readonly id?: string;
  readonly severity: Severity;
  readonly role?: string;
  readonly expected: string;
  readonly actual?: string;
  readonly nearestMiss?: NearestMiss;
  readonly seqs?: readonly number[];
}

export interface ExpectationHost {
  readonly clock: Clock;
  readonly timeouts: ScenarioTimeouts;
  /** Trace seq before the current step's first message (messages after it belong to the step). */
  stepStartSeq(): number;
  roleOf(endpoint: Endpoint): string;
  /** Every message `endpoint` received so far, as observed messages. */
  observed(endpoint: Endpoint): readonly ObservedMessage[];
  /** Records the verdict; a failed MUST throws `ExpectationFailure` for the current step. */
  judge(verdict: Verdict): void;
  /**
   * Marks `wait` as an expectation's bounded wait: the step timeout does not cut it short (the
   * expectation's own diagnostic is the better one).
   */
  bounded<T>(wait: Promise<T>): Promise<T>;
  /** Resolves when the run is interrupted (Ctrl-C); never rejects. */
  readonly interrupted: Promise<void>;
}
