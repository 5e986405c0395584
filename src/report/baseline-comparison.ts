/**
 * How a suite run compares with a previous `results.json` (`--baseline`).
 *
 * - `new-failure`: passed in the baseline, not now.   - `fixed`: failed in the baseline, passes now.
 * - `still-failing`: failed both times.                - `passing`: passed both times.
 * - `flaky`: the outcome flipped now and had also flipped in the baseline's own comparison
 *   (pass → fail → pass or fail → pass → fail over three runs).
 * - `new`: absent from the baseline.
 */
export type BaselineVerdict = 'new-failure' | 'fixed' | 'still-failing' | 'passing' | 'flaky' | 'new';

export interface StepLatencyChange {
  step: string;
  baselineMs: number;
  currentMs: number;
  deltaMs: number;
  /** Relative change in percent (baselineMs 0 counts as 1 ms). */
  deltaPct: number;
  /** |Δ| ≥ the threshold in both ms and percent. */
  significant: boolean;
}

export interface ScenarioComparison {
  name: string;
  verdict: BaselineVerdict;
  baselineStatus?: string;
  status: string;
  /** Set when both runs failed but on a different step or assertion. */
  failureChanged?: boolean;
  latency: StepLatencyChange[];
}

export interface BaselineComparison {
  /** The baseline's `startedAt`. */
  baselineStartedAt: string;
  counts: Record<BaselineVerdict, number>;
  scenarios: ScenarioComparison[];
  /** Scenarios in the baseline that did not run now. */
  removed: string[];
  /** Significant step latency changes over all scenarios, largest |Δ| first. */
  latencyChanges: (StepLatencyChange & { scenario: string })[];
}
