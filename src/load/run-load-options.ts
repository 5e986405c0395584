import type { Threshold } from '../metrics/index.js';
import type { RunResult, RunTargetInfo } from '../scenario/index.js';
import type { Clock } from '../util/index.js';

/** The most virtual users a run may have (each one holds a TLS connection per role). */
export const MAX_VUS = 200;
/** The hard cap on a run's length. @default 10 minutes */
export const DEFAULT_MAX_DURATION_MS = 10 * 60_000;

/** What a virtual user hands to the iteration function. */
export interface LoadIteration {
  /** 1-based virtual user number. */
  readonly vu: number;
  /** 1-based iteration number across the run (unique). */
  readonly iteration: number;
  /** Aborted on Ctrl-C and at the hard cap: the iteration must end soon (as `interrupted`). */
  readonly signal: AbortSignal;
}

/** What the progress display reads after each iteration. */
export interface LoadProgressSnapshot {
  readonly elapsedMs: number;
  readonly started: number;
  readonly completed: number;
  readonly passed: number;
  readonly failed: number;
  readonly error: number;
  /** Iterations in flight. */
  readonly running: number;
  readonly vus: number;
  readonly iterations?: number;
  readonly durationMs?: number;
}

export interface RunLoadOptions {
  readonly scenario: { readonly name: string; readonly title: string };
  readonly target: RunTargetInfo;
  /** Runs one iteration; resolves with its result (a throw counts as an iteration that could not run). */
  readonly iteration: (it: LoadIteration) => Promise<RunResult>;
  /** Concurrent virtual users (closed model: each runs iterations back to back). */
  readonly vus: number;
  /** Stop after this many iterations in all. */
  readonly iterations?: number;
  /** Stop starting iterations after this long (in-flight ones finish). */
  readonly durationMs?: number;
  /** Hard cap: in-flight iterations are interrupted. @default {@link DEFAULT_MAX_DURATION_MS} */
  readonly maxDurationMs?: number;
  /** @default failures==0 */
  readonly thresholds?: readonly Threshold[];
  /** Aborting stops the run (exit 130), keeping what ran. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (snapshot: LoadProgressSnapshot) => void;
  readonly clock?: Clock;
}
