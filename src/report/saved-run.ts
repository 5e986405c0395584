/**
 * Reads a saved run back for `focus-harness report`: a suite's `results.json` (with the
 * `trace.jsonl` beside it, or another trace file) or a bare `trace.jsonl` from `run --trace`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readTraceJsonLines, type TraceRecord } from '../capture/index.js';
import { FocusHarnessError } from '../errors.js';
import { RESULTS_SCHEMA_VERSION } from './results-schema-version.js';
import type { ReportInput } from './report-input.js';
import { reportInputFromTrace } from './report-input.js';
import type { ResultsDocument } from './results-document.js';
import { parseResultsJson } from './results-json.js';

export interface SavedRun {
  readonly kind: 'results' | 'trace';
  readonly input: ReportInput;
  /** True when only a trace was found: no verdicts to show. */
  readonly traceOnly: boolean;
  /** The trace file that was read, if any. */
  readonly tracePath?: string;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new FocusHarnessError('FH_USAGE', `cannot read ${path}: ${(error as Error).message}`, { where: path, cause: error });
  }
}

function isResultsText(text: string): boolean {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return false;
  try {
    const value = JSON.parse(trimmed) as { schemaVersion?: unknown };
    return typeof value === 'object' && value !== null && 'schemaVersion' in value;
  } catch {
    return false; // several JSON lines: a trace
  }
}

/** A results document for a bare trace: one pseudo-scenario named after the file. */
function traceDocument(name: string, records: readonly TraceRecord[]): ResultsDocument {
  const roles = [...new Set(records.map((r) => r.role))];
  const first = records[0]?.time ?? 0;
  const last = records[records.length - 1]?.time ?? first;
  const startedAt = new Date(first).toISOString();
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'focus-harness', version: 'trace' },
    startedAt,
    durationMs: last - first,
    summary: { total: 1, passed: 0, failed: 0, errored: 0, interrupted: 0, warnings: 0, exitCode: 0 },
    scenarios: [
      {
        name,
        title: `trace ${name} (${records.length} messages)`,
        roles,
        status: 'passed',
        exitCode: 0,
        startedAt,
        durationMs: last - first,
        steps: [],
        failures: [],
        warnings: [],
        notes: [],
        trace: { offset: 0, count: records.length },
      },
    ],
  };
}

export function loadSavedRun(path: string, options: { trace?: string } = {}): SavedRun {
  const text = read(path);
  if (isResultsText(text)) {
    const results = parseResultsJson(text, path);
    const tracePath = options.trace ?? join(dirname(path), 'trace.jsonl');
    const hasTrace = options.trace !== undefined || existsSync(tracePath);
    const records = hasTrace ? readTraceJsonLines(read(tracePath)) : [];
    return { kind: 'results', input: reportInputFromTrace(results, records), traceOnly: false, ...(hasTrace ? { tracePath } : {}) };
  }
  const records = readTraceJsonLines(text);
  const name = basename(path).replace(/\.jsonl?$/i, '');
  return { kind: 'trace', input: reportInputFromTrace(traceDocument(name, records), records), traceOnly: true, tracePath: path };
}
