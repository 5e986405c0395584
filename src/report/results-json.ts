/**
 * `results.json`: write ({@link renderResultsJson}) and read back ({@link parseResultsJson}).
 */
import { FocusHarnessError } from '../errors.js';
import type { ResultsDocument } from './results-document.js';
import { resultsJsonSchema } from './results-json-schema.js';
import { RESULTS_SCHEMA_VERSION } from './results-schema-version.js';

/** Pretty-printed JSON with a trailing newline; key order is the model's, so diffs stay small. */
export function renderResultsJson(document: ResultsDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Parses and validates a saved `results.json`; throws `FH_USAGE` naming the first bad field. */
export function parseResultsJson(text: string, source = 'results.json'): ResultsDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new FocusHarnessError('FH_USAGE', `${source} is not JSON (${(error as Error).message})`, { where: source });
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== RESULTS_SCHEMA_VERSION) {
    throw new FocusHarnessError(
      'FH_USAGE',
      `${source} has schemaVersion ${JSON.stringify(version)}; this focus-harness reads version ${RESULTS_SCHEMA_VERSION}`,
      { where: source },
    );
  }
  const parsed = resultsJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new FocusHarnessError('FH_USAGE', `${source} does not match the results schema at ${path || '(root)'}: ${issue?.message ?? 'invalid'}`, {
      where: `${source}:${path}`,
    });
  }
  return parsed.data as ResultsDocument;
}
