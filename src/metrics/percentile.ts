/**
 * The nearest-rank percentile of sorted samples: the smallest sample such that at least `p` per
 * cent of the samples are at or below it (so every answer is a value that was really measured).
 *
 * @remarks Pure. `sorted` must be in ascending order; `p` runs from 0 (the minimum) to 100 (the
 * maximum). An empty list has no percentile (`undefined`).
 *
 * @example percentile([10, 20, 30, 40], 50) === 20; percentile([10, 20, 30, 40], 90) === 40
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(n, rank) - 1];
}
