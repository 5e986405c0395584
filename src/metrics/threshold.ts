/**
 * A pass/fail criterion over a load run's metrics, in the k6 sense: checks judge one iteration,
 * thresholds judge the whole run (`failures<1%`, `step:p95<500`, `iterations/s>5`).
 */
export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '==';

/** A latency statistic: a percentile (`p95`, `p(99.9)`, `med` = p50), `avg`, `min` or `max`. */
export type LatencyStatistic =
  | { readonly kind: 'percentile'; readonly p: number }
  | { readonly kind: 'avg' }
  | { readonly kind: 'min' }
  | { readonly kind: 'max' };

export type ThresholdMetric =
  /** Iterations that did not pass, as a share of those completed (`failures<1%`). */
  | { readonly kind: 'failure-rate' }
  /** Iterations that did not pass, counted (`failures==0`, `failures<3`). */
  | { readonly kind: 'failure-count' }
  /** Completed iterations per second of the run (`iterations/s>5`). */
  | { readonly kind: 'iteration-rate' }
  /** A latency statistic of every step, in ms; each step must meet it (`step:p95<500`). */
  | { readonly kind: 'step-latency'; readonly statistic: LatencyStatistic }
  /** A latency statistic of whole passed iterations, in ms (`iteration:p95<3000`). */
  | { readonly kind: 'iteration-latency'; readonly statistic: LatencyStatistic };

export interface Threshold {
  /** The text as the user wrote it (`step:p95<500`). */
  readonly source: string;
  readonly metric: ThresholdMetric;
  readonly operator: ThresholdOperator;
  /** Per cent for `failure-rate`, ms for latencies, a count or a rate otherwise. */
  readonly value: number;
}

/** One threshold's verdict after the run. */
export interface ThresholdVerdict {
  readonly threshold: string;
  readonly passed: boolean;
  /** What was measured, in words (`0 of 12 iterations failed (0%)`, `"join" p95 612 ms`). */
  readonly actual: string;
}
