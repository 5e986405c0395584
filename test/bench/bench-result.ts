/**
 * The one shape every bench module reports in; `test/bench/run.ts` prints them.
 *
 * Convention: a bench module is `test/bench/<name>.bench.ts` and exports
 * `async function run(): Promise<BenchResult[]>`.
 */
export interface BenchResult {
  /** The module or group, e.g. `sip-parser`. */
  suite: string;
  /** What was measured, e.g. `parse+headers: focus-harness`. */
  name: string;
  /** Unit of `value`, e.g. `µs/msg`. */
  unit: string;
  /** Mean per unit of work. */
  value: number;
  p50?: number;
  p99?: number;
  /** Against the best peer (below 1 is faster); each module says whether it compares means or medians. */
  ratio?: number;
  note?: string;
}

export type BenchModule = { run(): Promise<BenchResult[]> };
