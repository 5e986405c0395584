/**
 * The `results.json` model: a JSON-safe, versioned copy of a suite's {@link RunResult}s.
 *
 * @remarks The schema is documented in `docs/results-schema.md`; every field here appears there.
 * Trace records are not inlined: `trace.offset`/`trace.count` locate a scenario's records in the
 * suite's `trace.jsonl` (records in scenario order), so `focus-harness report` can rebuild
 * everything from the two files.
 */
import type { BaselineComparison } from './baseline-comparison.js';

export type ResultStatus = 'passed' | 'failed' | 'error' | 'interrupted';
export type ResultStepStatus = 'passed' | 'failed' | 'warned' | 'skipped';

export interface ResultCheck {
  id?: string;
  severity: 'MUST' | 'SHOULD' | 'INFO';
  passed: boolean;
  role?: string;
  description: string;
  detail?: string;
  seqs: number[];
}

export interface ResultFailure {
  step: string;
  id?: string;
  role?: string;
  expected: string;
  actual?: string;
  nearestMiss?: { seq: number; firstLine: string; label: string; dialog?: string; reason: string };
  seqs: number[];
  /** The diagnostic as printed (several lines). */
  message: string;
}

export interface ResultStep {
  index: number;
  name: string;
  status: ResultStepStatus;
  durationMs: number;
  fromSeq: number;
  toSeq: number;
  checks: ResultCheck[];
}

export interface ResultTarget {
  host: string;
  port: number;
  transport: 'tls' | 'tcp';
  embedded: boolean;
  faults: string[];
}

export interface ScenarioResult {
  name: string;
  title: string;
  spec?: string;
  roles: string[];
  status: ResultStatus;
  exitCode: 0 | 1 | 2 | 130;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  target?: ResultTarget;
  steps: ResultStep[];
  failures: ResultFailure[];
  warnings: ResultCheck[];
  notes: ResultCheck[];
  error?: { code: string; message: string; where?: string };
  /** Where this scenario's records sit in `trace.jsonl` (0-based record index, count). */
  trace: { offset: number; count: number };
}

export interface ResultsSummary {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  interrupted: number;
  /** SHOULD findings over all scenarios. */
  warnings: number;
  exitCode: 0 | 1 | 2 | 130;
}

export interface ResultsDocument {
  schemaVersion: number;
  tool: { name: 'focus-harness'; version: string };
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  summary: ResultsSummary;
  baseline?: BaselineComparison;
  scenarios: ScenarioResult[];
}
