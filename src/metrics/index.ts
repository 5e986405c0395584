/**
 * Metrics of load runs: latency series, percentiles and thresholds. Pure, no I/O.
 */
export { percentile } from './percentile.js';
export { perSecond } from './per-second.js';
export type { LatencySummary } from './latency-summary.js';
export { LatencySamples, type LatencySamplesOptions } from './latency-samples.js';
export type { Threshold, ThresholdMetric, ThresholdOperator, ThresholdVerdict, LatencyStatistic } from './threshold.js';
export { parseThreshold, THRESHOLD_FORMS } from './parse-threshold.js';
export { evaluateThresholds, type ThresholdInput } from './evaluate-thresholds.js';
