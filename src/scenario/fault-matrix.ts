/**
 * The fault-coverage matrix of issue 5: runs scenarios against embedded lab focuses, clean or
 * with one fault switch on, a few at a time, and reports per cell whether the fault was caught
 * and by which step and expectation.
 *
 * @remarks A cell with a fault usually waits for something that never comes, so the matrix runs
 * with {@link MATRIX_TIMEOUTS} (about one second per missing message instead of five).
 */
import type { LabFaultName } from '../labfocus/index.js';
import type { Scenario } from './define-scenario.js';
import type { RunResult } from './run-result.js';
import { runScenario } from './run-scenario.js';
import type { ScenarioTimeouts } from './scenario-timeouts.js';

/** Timeouts for matrix runs: a missing message costs ~1 s; a passing run is not slowed down. */
export const MATRIX_TIMEOUTS: ScenarioTimeouts = { stepMs: 4000, expectMs: 1000, settleMs: 150, c3pMs: 1000 };

/** One run to make: a scenario against a clean lab focus (`fault` absent) or with one fault on. */
export interface FaultMatrixJob {
  readonly scenario: Scenario;
  readonly fault?: LabFaultName;
}

/** What stopped a run, or the first warning when the run only warned. */
export interface MatrixFailure {
  /** The step the expectation belongs to. */
  readonly step: string;
  /** The brief's assertion id (`E3`, `S-JOIN`, `7.1.6` …) when the expectation has one. */
  readonly id?: string;
  readonly role?: string;
  readonly severity: 'MUST' | 'SHOULD';
  readonly expected: string;
  readonly actual?: string;
}

/** How a run ended: `failed` a MUST failed, `warned` only a SHOULD failed, `error` the harness could not run. */
export type MatrixVerdict = 'passed' | 'warned' | 'failed' | 'error';

export interface FaultMatrixCell {
  readonly scenario: string;
  /** The fault switched on, absent for a clean run. */
  readonly fault?: LabFaultName;
  readonly verdict: MatrixVerdict;
  /** True when the run passed without a warning. */
  readonly passed: boolean;
  /** The first MUST failure (or, for `warned`, the first failed SHOULD). */
  readonly firstFailure?: MatrixFailure;
  /** The harness error of an `error` run. */
  readonly error?: string;
  readonly durationMs: number;
}

export interface FaultMatrixOptions {
  /** Runs at the same time, each against its own lab focus. @default 3 */
  readonly concurrency?: number;
  /** @default MATRIX_TIMEOUTS */
  readonly timeouts?: Partial<ScenarioTimeouts>;
  /** Where the embedded labs keep their CA (shared by every cell). */
  readonly labCertDir?: string;
  /** Called as each cell finishes (progress). */
  readonly onCell?: (cell: FaultMatrixCell, done: number, total: number) => void;
}

/** Every scenario × every fault (no clean runs). */
export function crossProduct(scenarios: readonly Scenario[], faults: readonly LabFaultName[]): FaultMatrixJob[] {
  return faults.flatMap((fault) => scenarios.map((scenario) => ({ scenario, fault })));
}

/** The cell of one finished run. */
export function cellOf(job: FaultMatrixJob, result: RunResult): FaultMatrixCell {
  const verdict: MatrixVerdict = result.status === 'failed'
    ? 'failed'
    : result.status === 'passed'
      ? result.warnings.length ? 'warned' : 'passed'
      : 'error';
  const firstFailure = verdict === 'failed' ? mustFailure(result) : verdict === 'warned' ? firstWarning(result) : undefined;
  return {
    scenario: job.scenario.name,
    ...(job.fault === undefined ? {} : { fault: job.fault }),
    verdict,
    passed: verdict === 'passed',
    ...(firstFailure ? { firstFailure } : {}),
    ...(verdict === 'error' ? { error: result.error ? `${result.error.code}: ${result.error.message}` : `run ${result.status}` } : {}),
    durationMs: result.durationMs,
  };
}

function mustFailure(result: RunResult): MatrixFailure | undefined {
  const failure = result.failures[0];
  if (!failure) return undefined;
  return {
    step: failure.step,
    severity: 'MUST',
    expected: failure.expected,
    ...(failure.id === undefined ? {} : { id: failure.id }),
    ...(failure.role === undefined ? {} : { role: failure.role }),
    ...(failure.actual !== undefined
      ? { actual: failure.actual }
      : failure.nearestMiss
        ? { actual: `seq ${failure.nearestMiss.seq} ${failure.nearestMiss.firstLine} — ${failure.nearestMiss.reason}` }
        : {}),
  };
}

function firstWarning(result: RunResult): MatrixFailure | undefined {
  const warning = result.warnings[0];
  if (!warning) return undefined;
  const step = result.steps.find((s) => s.checks.includes(warning));
  return {
    step: step?.name ?? '(end of run)',
    severity: 'SHOULD',
    expected: warning.description,
    ...(warning.id === undefined ? {} : { id: warning.id }),
    ...(warning.role === undefined ? {} : { role: warning.role }),
    ...(warning.detail === undefined ? {} : { actual: warning.detail }),
  };
}

/**
 * Runs every job (each against a fresh embedded lab focus), `concurrency` at a time, and returns
 * the cells in the order of `jobs`. Never throws for a misbehaving lab: that is what a cell records.
 */
export async function runFaultMatrix(jobs: readonly FaultMatrixJob[], options: FaultMatrixOptions = {}): Promise<FaultMatrixCell[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 3));
  const timeouts = { ...MATRIX_TIMEOUTS, ...options.timeouts };
  const cells: FaultMatrixCell[] = new Array<FaultMatrixCell>(jobs.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index] as FaultMatrixJob;
      const result = await runScenario(job.scenario, {
        faults: job.fault === undefined ? [] : [job.fault],
        timeouts,
        ...(options.labCertDir === undefined ? {} : { labCertDir: options.labCertDir }),
      });
      const cell = cellOf(job, result);
      cells[index] = cell;
      done += 1;
      options.onCell?.(cell, done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, () => worker()));
  return cells;
}
