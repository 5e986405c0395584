/**
 * The `--json FILE` document of a load run: the {@link LoadResult} with a kind and a version, the
 * start as an ISO date and, of the first failed iteration, its diagnostic without the trace (the
 * `--trace FILE` option writes that). Fields: see `docs/load-runs.md`.
 */
import type { LoadFirstFailure, LoadResult } from './load-result.js';

export const LOAD_RESULT_KIND = 'focus-harness/load-result';
/** Raised when a field changes meaning or goes away; new fields keep the version. */
export const LOAD_RESULT_VERSION = 1;

export interface LoadResultDocument extends Omit<LoadResult, 'firstFailure' | 'startedAt'> {
  readonly kind: typeof LOAD_RESULT_KIND;
  readonly version: typeof LOAD_RESULT_VERSION;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly firstFailure?: Omit<LoadFirstFailure, 'run'> & { readonly messages: number };
}

export function loadResultDocument(result: LoadResult): LoadResultDocument {
  const { firstFailure, startedAt, ...rest } = result;
  const document: LoadResultDocument = {
    kind: LOAD_RESULT_KIND,
    version: LOAD_RESULT_VERSION,
    ...rest,
    startedAt: new Date(startedAt).toISOString(),
  };
  if (!firstFailure) return document;
  const { run, ...failure } = firstFailure;
  return { ...document, firstFailure: { ...failure, messages: run.records.length } };
}

export function renderLoadResultJson(result: LoadResult): string {
  return `${JSON.stringify(loadResultDocument(result), null, 2)}\n`;
}
