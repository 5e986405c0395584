/**
 * Turns the {@link ReportableRun}s (`RunResult`s) of a suite into the versioned `results.json` model.
 */
import type { BaselineComparison } from './baseline-comparison.js';
import type { ResultCheck, ResultFailure, ResultsDocument, ResultsSummary, ScenarioResult } from './results-document.js';
import { RESULTS_SCHEMA_VERSION } from './results-schema-version.js';
import type { ReportableCheck, ReportableFailure, ReportableRun } from './reportable-run.js';
import { TOOL_VERSION } from './tool-version.js';

export interface BuildResultsOptions {
  /** Clock time the suite started (ms since the epoch). @default the first run's start */
  startedAt?: number;
  /** @default the sum of the runs' durations */
  durationMs?: number;
  baseline?: BaselineComparison;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function check(c: ReportableCheck): ResultCheck {
  return {
    ...(c.id === undefined ? {} : { id: c.id }),
    severity: c.severity,
    passed: c.passed,
    ...(c.role === undefined ? {} : { role: c.role }),
    description: c.description,
    ...(c.detail === undefined ? {} : { detail: c.detail }),
    seqs: [...c.seqs],
  };
}

function failure(f: ReportableFailure): ResultFailure {
  const miss = f.nearestMiss;
  return {
    step: f.step,
    ...(f.id === undefined ? {} : { id: f.id }),
    ...(f.role === undefined ? {} : { role: f.role }),
    expected: f.expected,
    ...(f.actual === undefined ? {} : { actual: f.actual }),
    ...(miss === undefined
      ? {}
      : { nearestMiss: { seq: miss.seq, firstLine: miss.firstLine, label: miss.label, ...(miss.dialog ? { dialog: miss.dialog } : {}), reason: miss.reason } }),
    seqs: [...f.seqs],
    message: f.message,
  };
}

/** Exit code of a suite: 130 if interrupted, else 2 if any run could not run, else 1 if any failed. */
export function suiteExitCode(codes: readonly number[]): 0 | 1 | 2 | 130 {
  if (codes.includes(130)) return 130;
  if (codes.includes(2)) return 2;
  if (codes.includes(1)) return 1;
  return 0;
}

export function scenarioResultOf(run: ReportableRun, offset: number): ScenarioResult {
  return {
    name: run.scenario.name,
    title: run.scenario.title,
    ...(run.scenario.spec === undefined ? {} : { spec: run.scenario.spec }),
    roles: [...run.scenario.roles],
    status: run.status,
    exitCode: run.exitCode,
    startedAt: iso(run.startedAt),
    durationMs: run.durationMs,
    ...(run.target === undefined ? {} : { target: { ...run.target, faults: [...run.target.faults] } }),
    steps: run.steps.map((s) => ({
      index: s.index,
      name: s.name,
      status: s.status,
      durationMs: s.durationMs,
      fromSeq: s.fromSeq,
      toSeq: s.toSeq,
      checks: s.checks.map(check),
    })),
    failures: run.failures.map(failure),
    warnings: run.warnings.map(check),
    notes: run.notes.map(check),
    ...(run.error === undefined
      ? {}
      : { error: { code: run.error.code, message: run.error.message, ...(run.error.where ? { where: run.error.where } : {}) } }),
    trace: { offset, count: run.records.length },
  };
}

export function summarize(scenarios: readonly ScenarioResult[]): ResultsSummary {
  return {
    total: scenarios.length,
    passed: scenarios.filter((s) => s.status === 'passed').length,
    failed: scenarios.filter((s) => s.status === 'failed').length,
    errored: scenarios.filter((s) => s.status === 'error').length,
    interrupted: scenarios.filter((s) => s.status === 'interrupted').length,
    warnings: scenarios.reduce((n, s) => n + s.warnings.length, 0),
    exitCode: suiteExitCode(scenarios.map((s) => s.exitCode)),
  };
}

/** Builds the document; records of run i are expected at `trace.jsonl` index Σ count(0..i-1). */
export function buildResultsDocument(runs: readonly ReportableRun[], options: BuildResultsOptions = {}): ResultsDocument {
  let offset = 0;
  const scenarios = runs.map((run) => {
    const result = scenarioResultOf(run, offset);
    offset += run.records.length;
    return result;
  });
  const startedAt = options.startedAt ?? runs[0]?.startedAt ?? 0;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'focus-harness', version: TOOL_VERSION },
    startedAt: iso(startedAt),
    durationMs: options.durationMs ?? runs.reduce((n, r) => n + r.durationMs, 0),
    summary: summarize(scenarios),
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    scenarios,
  };
}
