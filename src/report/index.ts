/**
 * Reporting: pure renderers over trace records and run results.
 */
export { renderLadder, renderLadderExcerpt } from './ladder.js';
export type { LadderOptions, LadderStepMark } from './ladder-options.js';
export { ladderColumns, roleTitle, type LadderColumn } from './ladder-columns.js';
export { renderSvgLadder } from './svg-ladder.js';
export type { SvgLadderOptions } from './svg-ladder-options.js';
export { escapeXml, escapeXmlAttribute, stripInvalidXmlChars } from './xml-escape.js';
export { RESULTS_SCHEMA_VERSION } from './results-schema-version.js';
export type * from './results-document.js';
export type * from './baseline-comparison.js';
export { buildResultsDocument, scenarioResultOf, summarize, suiteExitCode, type BuildResultsOptions } from './build-results-document.js';
export { renderResultsJson, parseResultsJson } from './results-json.js';
export { resultsJsonSchema } from './results-json-schema.js';
export { compareWithBaseline, formatBaselineSummary, type BaselineThresholds } from './compare-with-baseline.js';
export { reportInputOf, reportInputFromTrace, type ReportInput } from './report-input.js';
export { renderJunitXml, type JunitOptions } from './junit-xml.js';
export { renderHtmlReport } from './html-report.js';
export type { HtmlReportOptions } from './html-report-options.js';
export { rosterTimeline, type RosterTimeline, type RosterTimelineEntry } from './roster-timeline.js';
export type * from './reportable-run.js';
export { runSuite } from './run-suite.js';
export type { RunSuiteOptions, SuiteRunContext, SuiteArtifacts, SuiteOutcome } from './run-suite-options.js';
export { SuiteProgress, formatProgressLine, statusLine, ERASE_LINE, type ProgressStream, type SuiteProgressState } from './suite-progress.js';
export { loadSuiteFile, parseSuiteFile, type SuiteFile } from './load-suite-file.js';
export { loadSavedRun, type SavedRun } from './saved-run.js';
export { renderTerminalReport, type TerminalReportOptions } from './terminal-report.js';
export { scrubRecords, scrubStrings, SCRUBBED } from './scrub-secrets.js';
