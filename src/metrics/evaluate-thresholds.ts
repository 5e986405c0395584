/**
 * Judges thresholds against a finished (or interrupted) run's metrics. Pure.
 */
import type { LatencySamples } from './latency-samples.js';
import { perSecond } from './per-second.js';
import type { LatencyStatistic, Threshold, ThresholdOperator, ThresholdVerdict } from './threshold.js';

/** The metrics thresholds read. */
export interface ThresholdInput {
  /** Iterations that ran to an end (passed, failed or could not run). */
  readonly completed: number;
  /** Of those, the ones that did not pass. */
  readonly failing: number;
  readonly elapsedMs: number;
  /** Durations of passed iterations. */
  readonly iteration: LatencySamples;
  /** Durations of each step where it passed, in first-seen order. */
  readonly steps: readonly { readonly name: string; readonly latency: LatencySamples }[];
}

function compare(actual: number, operator: ThresholdOperator, expected: number): boolean {
  switch (operator) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '==':
      return actual === expected;
  }
}

function statisticName(statistic: LatencyStatistic): string {
  return statistic.kind === 'percentile' ? `p${statistic.p}` : statistic.kind;
}

function statisticOf(samples: LatencySamples, statistic: LatencyStatistic): number | undefined {
  switch (statistic.kind) {
    case 'percentile':
      return samples.percentile(statistic.p);
    case 'avg':
      return samples.mean();
    case 'min':
      return samples.percentile(0);
    case 'max':
      return samples.max;
  }
}

const ms = (value: number): string => `${Math.round(value)} ms`;

function judge(threshold: Threshold, input: ThresholdInput): ThresholdVerdict {
  const verdict = (passed: boolean, actual: string): ThresholdVerdict => ({ threshold: threshold.source, passed, actual });
  const { metric, operator, value } = threshold;
  switch (metric.kind) {
    case 'failure-rate':
    case 'failure-count': {
      if (input.completed === 0) return verdict(false, 'no iteration completed');
      const share = (100 * input.failing) / input.completed;
      const measured = metric.kind === 'failure-rate' ? share : input.failing;
      return verdict(compare(measured, operator, value), `${input.failing} of ${input.completed} iterations failed (${Number(share.toFixed(2))}%)`);
    }
    case 'iteration-rate': {
      const rate = perSecond(input.completed, input.elapsedMs);
      return verdict(compare(rate, operator, value), `${rate.toFixed(2)} iterations/s`);
    }
    case 'iteration-latency': {
      const measured = statisticOf(input.iteration, metric.statistic);
      if (measured === undefined) return verdict(false, 'no iteration passed');
      return verdict(compare(measured, operator, value), `iteration ${statisticName(metric.statistic)} ${ms(measured)}`);
    }
    case 'step-latency': {
      const name = statisticName(metric.statistic);
      const measured = input.steps.flatMap((s) => {
        const v = statisticOf(s.latency, metric.statistic);
        return v === undefined ? [] : [{ name: s.name, value: v, passed: compare(v, operator, value) }];
      });
      if (measured.length === 0) return verdict(false, 'no step passed');
      const failing = measured.filter((m) => !m.passed);
      // Name the step furthest past the limit or, when every step meets it, the one closest to it.
      const distance = (m: { value: number }): number => Math.abs(m.value - value);
      const worst = failing.length
        ? failing.reduce((a, b) => (distance(b) > distance(a) ? b : a))
        : measured.reduce((a, b) => (distance(b) < distance(a) ? b : a));
      const which = failing.length ? `${failing.length} of ${measured.length} steps over; worst` : 'closest';
      return verdict(failing.length === 0, `${which}: "${worst.name}" ${name} ${ms(worst.value)}`);
    }
  }
}

export function evaluateThresholds(thresholds: readonly Threshold[], input: ThresholdInput): ThresholdVerdict[] {
  return thresholds.map((t) => judge(t, input));
}
