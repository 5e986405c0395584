/**
 * The fault-coverage matrix of issue 5: runs scenarios against embedded lab focuses, clean or
 * with one fault switch on, a few at a time, and reports per cell whether the fault was caught
 * and by which step and expectation.
 *
 * @remarks A cell with a fault usually waits for something that never comes, so the matrix runs
 * with {@link MATRIX_TIMEOUTS} (about one second per missing message instead of five). A fault
 * that `requiresAuth: 'ntlm'` runs against a lab with MS-SIPAE NTLM, every role an NTLM user with
 * a password made up for the run; every other cell runs against a lab without authentication.
 */
import { randomBytes } from 'node:crypto';
import { LAB_DEFAULT_DOMAIN, LAB_FAULTS, type LabFaultName } from '../labfocus/index.js';
import type { Scenario } from './define-scenario.js';
import type { RunResult } from './run-result.js';
import { runScenario, type RunScenarioOptions } from './run-scenario.js';
import type { ScenarioTimeouts } from './scenario-timeouts.js';

/** Timeouts for matrix runs: a missing message costs ~1 s; a passing run is not slowed down. */
export const MATRIX_TIMEOUTS: ScenarioTimeouts = { stepMs: 4000, expectMs: 1000, settleMs: 150, c3pMs: 1000 };

/** The lab authentication a matrix cell runs with (absent: none). */
export type MatrixLabAuth = 'ntlm';

/** One run to make: a scenario against a clean lab focus (`fault` absent) or with one fault on. */
export interface FaultMatrixJob {
  readonly scenario: Scenario;
  readonly fault?: LabFaultName;
  /** Run against an MS-SIPAE NTLM lab. @default the fault's `requiresAuth` (none for a clean run) */
  readonly labAuth?: MatrixLabAuth;
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
  /** The lab authenticated with MS-SIPAE NTLM. */
  readonly labAuth?: MatrixLabAuth;
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
  /** The NTLM password of a role in an NTLM cell. @default 18 random bytes, base64url, per cell */
  readonly ntlmPassword?: (role: string) => string;
}

/** The lab authentication a fault needs to mean anything (`requiresAuth`), if any. */
export function labAuthOf(fault: LabFaultName | undefined): MatrixLabAuth | undefined {
  return fault === undefined ? undefined : LAB_FAULTS.find((f) => f.name === fault)?.requiresAuth;
}

/**
 * Every scenario × every fault (no clean runs). With `ntlmScenarios`, the rows of faults that
 * need an NTLM lab cover only those scenarios (the ones whose users can run MS-SIPAE).
 */
export function crossProduct(
  scenarios: readonly Scenario[],
  faults: readonly LabFaultName[],
  options: { readonly ntlmScenarios?: readonly string[] } = {},
): FaultMatrixJob[] {
  const { ntlmScenarios } = options;
  return faults.flatMap((fault) =>
    scenarios
      .filter((scenario) => ntlmScenarios === undefined || labAuthOf(fault) !== 'ntlm' || ntlmScenarios.includes(scenario.name))
      .map((scenario) => ({ scenario, fault })),
  );
}

/** The cell of one finished run. */
export function cellOf(job: FaultMatrixJob, result: RunResult): FaultMatrixCell {
  const verdict: MatrixVerdict = result.status === 'failed'
    ? 'failed'
    : result.status === 'passed'
      ? result.warnings.length ? 'warned' : 'passed'
      : 'error';
  const firstFailure = verdict === 'failed' ? mustFailure(result) : verdict === 'warned' ? firstWarning(result) : undefined;
  const labAuth = job.labAuth ?? labAuthOf(job.fault);
  return {
    scenario: job.scenario.name,
    ...(job.fault === undefined ? {} : { fault: job.fault }),
    ...(labAuth === undefined ? {} : { labAuth }),
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
      const labAuth = job.labAuth ?? labAuthOf(job.fault);
      const result = await runScenario(job.scenario, {
        faults: job.fault === undefined ? [] : [job.fault],
        timeouts,
        ...(options.labCertDir === undefined ? {} : { labCertDir: options.labCertDir }),
        ...(labAuth === 'ntlm' ? ntlmRun(job.scenario, options.ntlmPassword ?? randomPassword) : {}),
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

/** The domain of the embedded lab focus (its default), which NTLM users must register in. */

function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** An NTLM lab whose users are the scenario's roles, and those roles as NTLM users. */
function ntlmRun(scenario: Scenario, passwordOf: (role: string) => string): Pick<RunScenarioOptions, 'labAuth' | 'users' | 'domain'> {
  const passwords = new Map(scenario.roles.map((role) => [role, passwordOf(role)]));
  const users = Object.fromEntries(
    [...passwords].map(([role, password]) => [role, { aor: `sip:${role}@${LAB_DEFAULT_DOMAIN}`, password, authScheme: 'ntlm' as const }]),
  );
  return { labAuth: { scheme: 'ntlm', users: passwords }, users, domain: LAB_DEFAULT_DOMAIN };
}
