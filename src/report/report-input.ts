/**
 * What the JUnit and HTML renderers read: the results document plus each scenario's trace records
 * (the records live in `trace.jsonl`, not in `results.json`).
 */
import type { TraceRecord } from '../capture/index.js';
import { buildResultsDocument, type BuildResultsOptions } from './build-results-document.js';
import type { ReportableRun } from './reportable-run.js';
import type { ResultsDocument } from './results-document.js';

export interface ReportInput {
  readonly results: ResultsDocument;
  /** Trace records of each scenario, in `results.scenarios` order. */
  readonly traces: readonly (readonly TraceRecord[])[];
}

export function reportInputOf(runs: readonly ReportableRun[], options: BuildResultsOptions = {}): ReportInput {
  return { results: buildResultsDocument(runs, options), traces: runs.map((r) => r.records) };
}

/** Splits the records of a suite's `trace.jsonl` per scenario using each scenario's `trace` range. */
export function reportInputFromTrace(results: ResultsDocument, records: readonly TraceRecord[]): ReportInput {
  return {
    results,
    traces: results.scenarios.map((s) => records.slice(s.trace.offset, s.trace.offset + s.trace.count)),
  };
}
