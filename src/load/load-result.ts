/**
 * The outcome of a load run: what the summary prints and `--json FILE` writes (see
 * `docs/load-runs.md` for the JSON document).
 *
 * Exit codes: 0 every threshold met, 1 a threshold failed, 2 the harness could not run (no
 * iteration got as far as passing or failing), 130 interrupted.
 */
import type { LatencySummary, ThresholdVerdict } from '../metrics/index.js';
import type { RunResult, RunTargetInfo } from '../scenario/index.js';

/** Why the virtual users stopped starting iterations. */
export type LoadStopReason = 'iterations' | 'duration' | 'max-duration' | 'interrupted' | 'could-not-run';

export type LoadStatus = 'passed' | 'failed' | 'error' | 'interrupted';

export interface LoadBounds {
  readonly iterations?: number;
  readonly durationMs?: number;
  /** The hard cap: in-flight iterations are interrupted when it passes. */
  readonly maxDurationMs: number;
}

export interface LoadIterationCounts {
  readonly started: number;
  /** passed + failed + error. */
  readonly completed: number;
  readonly passed: number;
  /** A MUST expectation failed (the server misbehaved). */
  readonly failed: number;
  /** The iteration could not run (connection refused, TLS, timeout of the harness itself). */
  readonly error: number;
  /** Cut short by Ctrl-C or the hard cap; not counted in completed. */
  readonly interrupted: number;
}

export interface LoadStepStats {
  /** 1-based, in the order the steps were first seen. */
  readonly index: number;
  readonly name: string;
  /** Iterations in which the step passed (its latency samples). */
  readonly passed: number;
  /** Iterations in which the step failed. */
  readonly failed: number;
  /** Latency of the step where it passed, in ms (absent when it never passed). */
  readonly latency?: LatencySummary;
}

/** Iterations that failed for the same reason (the first line of the diagnostic). */
export interface LoadFailureGroup {
  readonly message: string;
  readonly step?: string;
  readonly count: number;
  readonly firstIteration: number;
  readonly firstVu: number;
}

/** The first iteration that did not pass, with its whole run (trace included) for the report. */
export interface LoadFirstFailure {
  readonly iteration: number;
  readonly vu: number;
  readonly status: 'failed' | 'error';
  readonly step?: string;
  /** The whole diagnostic (expected, instead, nearest miss, ladder seqs). */
  readonly message: string;
  readonly seqs: readonly number[];
  /** Not written to JSON; `--trace FILE` writes its records. */
  readonly run: RunResult;
}

export interface LoadResult {
  readonly scenario: { readonly name: string; readonly title: string };
  readonly target: RunTargetInfo;
  readonly vus: number;
  readonly bounds: LoadBounds;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly stoppedBy: LoadStopReason;
  readonly iterations: LoadIterationCounts;
  /** Completed iterations per second of the run. */
  readonly iterationsPerSecond: number;
  /** Duration of passed iterations, in ms. */
  readonly iterationDuration?: LatencySummary;
  readonly steps: readonly LoadStepStats[];
  /** The most frequent failure reasons (at most {@link MAX_FAILURE_GROUPS_SHOWN}), most frequent first. */
  readonly failures: readonly LoadFailureGroup[];
  /** Distinct failure reasons seen (at least `failures.length`). */
  readonly distinctFailures: number;
  readonly firstFailure?: LoadFirstFailure;
  readonly thresholds: readonly ThresholdVerdict[];
  readonly status: LoadStatus;
  readonly exitCode: 0 | 1 | 2 | 130;
}

export const MAX_FAILURE_GROUPS_SHOWN = 5;
