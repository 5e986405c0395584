/**
 * The outcome of one scenario run — what reporters render and `runScenario` returns.
 *
 * Exit codes: 0 passed (warnings allowed), 1 a MUST expectation failed (the server misbehaved),
 * 2 the harness could not run (connection, TLS, profile, scenario file), 130 interrupted.
 */
import type { TraceRecord } from '../capture/index.js';
import type { FocusHarnessError } from '../errors.js';
import type { CheckResult } from './check-result.js';
import type { ExpectationFailure } from './expectation-failure.js';

export type StepStatus = 'passed' | 'failed' | 'warned' | 'skipped';

export interface StepResult {
  /** 1-based. */
  readonly index: number;
  readonly name: string;
  readonly status: StepStatus;
  readonly durationMs: number;
  /** The step's messages are the trace records with `fromSeq ≤ seq ≤ toSeq`. */
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly checks: readonly CheckResult[];
  readonly failure?: ExpectationFailure;
}

export type RunStatus = 'passed' | 'failed' | 'error' | 'interrupted';

export interface RunTargetInfo {
  readonly host: string;
  readonly port: number;
  readonly transport: 'tls' | 'tcp';
  /** True when the run started (and stopped) its own lab focus. */
  readonly embedded: boolean;
  readonly faults: readonly string[];
}

export interface RunResult {
  readonly scenario: { readonly name: string; readonly title: string; readonly spec?: string; readonly roles: readonly string[] };
  readonly status: RunStatus;
  readonly exitCode: 0 | 1 | 2 | 130;
  readonly steps: readonly StepResult[];
  /** MUST failures, the first one being the cause. */
  readonly failures: readonly ExpectationFailure[];
  /** Failed SHOULD checks. */
  readonly warnings: readonly CheckResult[];
  /** INFO observations. */
  readonly notes: readonly CheckResult[];
  /** The harness error that stopped the run (exit 2). */
  readonly error?: FocusHarnessError;
  readonly records: readonly TraceRecord[];
  readonly target?: RunTargetInfo;
  readonly startedAt: number;
  readonly durationMs: number;
}

/** The result of a run the harness could not carry out (exit 2): no steps, no messages. */
export function harnessErrorResult(
  scenario: RunResult['scenario'],
  error: FocusHarnessError,
  timing: { readonly startedAt: number; readonly durationMs: number; readonly target?: RunTargetInfo },
): RunResult {
  return {
    scenario,
    status: 'error',
    exitCode: 2,
    steps: [],
    failures: [],
    warnings: [],
    notes: [],
    error,
    records: [],
    startedAt: timing.startedAt,
    durationMs: timing.durationMs,
    ...(timing.target ? { target: timing.target } : {}),
  };
}
