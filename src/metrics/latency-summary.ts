/**
 * The figures a load summary shows for one latency series (milliseconds).
 */
export interface LatencySummary {
  /** Samples measured (all of them, even beyond the reservoir). */
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}
