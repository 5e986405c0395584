import type { Severity } from './severity.js';

/** One assertion as evaluated, passed or not, for the step report. */
export interface CheckResult {
  /** The brief's assertion id, e.g. `E5`, `O2`, `7.1.6`. */
  readonly id?: string;
  readonly severity: Severity;
  readonly passed: boolean;
  /** The role whose connection the check looked at. */
  readonly role?: string;
  /** What was expected (or, for INFO, what was observed). */
  readonly description: string;
  /** What arrived instead / the observation that decided the check. */
  readonly detail?: string;
  /** Trace sequence numbers the check refers to (where in the ladder). */
  readonly seqs: readonly number[];
}
