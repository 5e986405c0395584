/**
 * Validates a load run's size: `FH_USAGE` naming the flag when it is out of range.
 */
import { FocusHarnessError } from '../errors.js';
import { DEFAULT_MAX_DURATION_MS, MAX_VUS } from './run-load-options.js';
import type { LoadBounds } from './load-result.js';

export interface LoadSize {
  readonly vus: number;
  readonly iterations?: number | undefined;
  readonly durationMs?: number | undefined;
  readonly maxDurationMs?: number | undefined;
}

export function checkLoadBounds(size: LoadSize): LoadBounds {
  const { vus, iterations, durationMs } = size;
  const maxDurationMs = size.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
  if (!Number.isInteger(vus) || vus < 1 || vus > MAX_VUS) {
    throw new FocusHarnessError('FH_USAGE', `--vus must be a whole number from 1 to ${MAX_VUS}, got ${String(vus)}`);
  }
  if (iterations !== undefined && (!Number.isInteger(iterations) || iterations < 1)) {
    throw new FocusHarnessError('FH_USAGE', `--iterations must be a whole number of at least 1, got ${String(iterations)}`);
  }
  if (durationMs !== undefined && !(durationMs > 0)) throw new FocusHarnessError('FH_USAGE', `--duration must be positive, got ${String(durationMs)} ms`);
  if (iterations === undefined && durationMs === undefined) {
    throw new FocusHarnessError('FH_USAGE', 'a load run needs a bound: --iterations N or --duration 30s (or both: whichever comes first)');
  }
  if (!(maxDurationMs > 0)) throw new FocusHarnessError('FH_USAGE', `--max-duration must be positive, got ${String(maxDurationMs)} ms`);
  if (durationMs !== undefined && durationMs > maxDurationMs) {
    throw new FocusHarnessError('FH_USAGE', `--duration (${durationMs} ms) is longer than the hard cap --max-duration (${maxDurationMs} ms); raise --max-duration`);
  }
  return { maxDurationMs, ...(iterations === undefined ? {} : { iterations }), ...(durationMs === undefined ? {} : { durationMs }) };
}
