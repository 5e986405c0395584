/**
 * Two load generators (or two servers) measured in turns, so that noise on a shared machine
 * falls on both sides alike; each side is summarised by the median of its runs.
 */
import type { LoadOutcome } from './sipp-load.js';

export interface PairedRuns<T extends LoadOutcome> {
  readonly ours: readonly T[];
  readonly peer: readonly LoadOutcome[];
}

/** Runs `ours` then `peer`, `rounds` times. */
export async function pairedRuns<T extends LoadOutcome>(rounds: number, ours: () => Promise<T>, peer: () => Promise<LoadOutcome>): Promise<PairedRuns<T>> {
  const a: T[] = [];
  const b: LoadOutcome[] = [];
  for (let round = 0; round < rounds; round++) {
    a.push(await ours());
    b.push(await peer());
  }
  return { ours: a, peer: b };
}

export function medianRate(runs: readonly LoadOutcome[]): number {
  const rates = runs.map((r) => r.rate).sort((x, y) => x - y);
  const mid = Math.floor(rates.length / 2);
  const median = rates.length % 2 === 1 ? rates[mid] : ((rates[mid - 1] ?? 0) + (rates[mid] ?? 0)) / 2;
  return median ?? 0;
}

/** e.g. `median of 3 runs of 30000 (17212–18090/s)`. */
export function describeRuns(runs: readonly LoadOutcome[]): string {
  const rates = runs.map((r) => Math.round(r.rate));
  return `median of ${runs.length} runs of ${runs[0]?.completed ?? 0} (${Math.min(...rates)}–${Math.max(...rates)}/s)`;
}

/** Time per exchange, ours ÷ peer, from the median rates (below 1: ours is faster). */
export function costRatio(ours: readonly LoadOutcome[], peer: readonly LoadOutcome[]): number {
  return Math.round((medianRate(peer) / medianRate(ours)) * 100) / 100;
}
