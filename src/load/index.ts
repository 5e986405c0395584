/**
 * Load runs: a closed-model executor (N virtual users running a scenario back to back), the
 * metrics it collects, its thresholds verdict, a progress line and a summary.
 */
export { runLoad, DEFAULT_THRESHOLDS } from './run-load.js';
export { runScenarioLoad, type ScenarioLoadOptions } from './run-scenario-load.js';
export { DEFAULT_MAX_DURATION_MS, MAX_VUS, type RunLoadOptions, type LoadIteration, type LoadProgressSnapshot } from './run-load-options.js';
export { checkLoadBounds, type LoadSize } from './check-load-bounds.js';
export type * from './load-result.js';
export { iterationUsers, withoutIterationTags } from './iteration-users.js';
export { parseDuration, formatDuration } from './parse-duration.js';
export { LoadProgress, formatLoadProgressLine, PLAIN_PERIOD_MS } from './load-progress.js';
export { formatLoadSummary, type LoadSummaryOptions } from './format-load-summary.js';
export { loadResultDocument, renderLoadResultJson, LOAD_RESULT_KIND, LOAD_RESULT_VERSION, type LoadResultDocument } from './load-result-json.js';
