/**
 * Reads a `--threshold` text into a {@link Threshold}, or throws `FH_USAGE` saying which forms
 * exist. Forms (k6-style, spaces allowed around the operator):
 *
 * - `failures<1%` — share of completed iterations that did not pass; `failures==0`, `failures<3`
 *   count them instead;
 * - `iterations/s>5` — completed iterations per second;
 * - `step:p95<500` — every step's latency statistic in ms (`p50` … `p99.9`, `p(95)`, `med`,
 *   `avg`, `min`, `max`; a value may say `ms` or `s`);
 * - `iteration:p95<3000` — the same over whole passed iterations.
 */
import { FocusHarnessError } from '../errors.js';
import type { LatencyStatistic, Threshold, ThresholdMetric, ThresholdOperator } from './threshold.js';

export const THRESHOLD_FORMS = ['failures<1%', 'failures==0', 'step:p95<500', 'iteration:max<3s', 'iterations/s>5'] as const;

const SHAPE = /^\s*([a-z/]+)(?::\s*([a-z0-9.()]+))?\s*(<=|>=|==|<|>)\s*([0-9]+(?:\.[0-9]+)?)\s*(%|ms|s)?\s*$/i;

function usage(text: string, problem: string): FocusHarnessError {
  return new FocusHarnessError('FH_USAGE', `--threshold ${JSON.stringify(text)}: ${problem}; forms: ${THRESHOLD_FORMS.join(', ')}`);
}

function statisticOf(text: string, name: string): LatencyStatistic {
  const lower = name.toLowerCase();
  if (lower === 'avg' || lower === 'min' || lower === 'max') return { kind: lower };
  if (lower === 'med') return { kind: 'percentile', p: 50 };
  const m = /^p\(?([0-9]+(?:\.[0-9]+)?)\)?$/.exec(lower);
  const p = m ? Number(m[1]) : NaN;
  if (!(p > 0 && p < 100)) throw usage(text, `unknown statistic "${name}" (use p50, p90, p95, p99, p99.9, med, avg, min or max)`);
  return { kind: 'percentile', p };
}

function metricOf(text: string, name: string, statistic: string | undefined, unit: string | undefined): ThresholdMetric {
  const lower = name.toLowerCase();
  if (lower === 'failures' || lower === 'iterations/s') {
    if (statistic !== undefined) throw usage(text, `"${name}" takes no ":statistic"`);
    if (lower === 'iterations/s') {
      if (unit !== undefined) throw usage(text, 'iterations/s is a plain number (no unit)');
      return { kind: 'iteration-rate' };
    }
    if (unit === '%') return { kind: 'failure-rate' };
    if (unit !== undefined) throw usage(text, 'failures is a share (`1%`) or a count (`0`)');
    return { kind: 'failure-count' };
  }
  if (lower === 'step' || lower === 'iteration') {
    if (statistic === undefined) throw usage(text, `"${name}" needs a statistic, e.g. ${name}:p95<500`);
    if (unit === '%') throw usage(text, 'a latency is in ms (or s), not %');
    const stat = statisticOf(text, statistic);
    return lower === 'step' ? { kind: 'step-latency', statistic: stat } : { kind: 'iteration-latency', statistic: stat };
  }
  throw usage(text, `unknown metric "${name}"`);
}

export function parseThreshold(text: string): Threshold {
  const m = SHAPE.exec(text);
  if (!m) throw usage(text, 'not a threshold (metric, operator, number)');
  const [, name = '', statistic, operator = '', number = '', unit] = m;
  const metric = metricOf(text, name, statistic, unit);
  let value = Number(number);
  if (unit === 's') value *= 1000;
  if (metric.kind === 'failure-rate' && value > 100) throw usage(text, 'a share cannot exceed 100%');
  if (metric.kind === 'failure-count' && !Number.isInteger(value)) throw usage(text, 'a count of failures is a whole number (or say %)');
  return { source: text.trim(), metric, operator: operator as ThresholdOperator, value };
}
