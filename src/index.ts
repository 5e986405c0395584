/**
 * focus-harness — the programmatic API. The CLI (`cmd/`) is a thin shell over these functions.
 *
 * @example
 * import { runScenario, builtinScenarios } from 'focus-harness';
 * const eject = builtinScenarios.find((s) => s.name === 'eject')!;
 * const result = await runScenario(eject, { stdout: process.stdout });   // embedded lab focus
 * process.exitCode = result.exitCode;
 */
export {
  runScenario,
  defineScenario,
  builtinScenarios,
  findBuiltinScenario,
  resolveScenario,
  loadScenarioFile,
  subscriptionTerminated,
  header,
  contentType,
  bodyContains,
  c3pResponseFor,
  ExpectationFailure,
  isExpectationFailure,
  formatRunSummary,
  createConsoleReporter,
  DEFAULT_TIMEOUTS,
  runFaultMatrix,
  crossProduct,
  faultCoverage,
  renderFaultMatrixTable,
  MATRIX_TIMEOUTS,
} from './scenario/index.js';
export type {
  Scenario,
  ScenarioDefinition,
  ScenarioEndpointOptions,
  ScenarioContext,
  RunScenarioOptions,
  RunResult,
  StepResult,
  CheckResult,
  RunHooks,
  MessageMatcher,
  MessagePredicate,
  Severity,
  ScenarioTimeouts,
  FaultMatrixJob,
  FaultMatrixCell,
  FaultCoverage,
} from './scenario/index.js';
export { runLoad, runScenarioLoad, formatLoadSummary, renderLoadResultJson, parseDuration } from './load/index.js';
export type { LoadResult, RunLoadOptions, ScenarioLoadOptions, LoadIteration, LoadProgressSnapshot, LoadResultDocument } from './load/index.js';
export { parseThreshold, percentile, LatencySamples } from './metrics/index.js';
export type { Threshold, ThresholdVerdict, LatencySummary } from './metrics/index.js';
export { startLabFocus, LAB_FAULTS } from './labfocus/index.js';
export type { LabFocus, LabFocusOptions, LabFaultName, LabFault } from './labfocus/index.js';
export { Endpoint } from './endpoint/index.js';
export type { EndpointOptions, ServerTarget, C3pOutcome, InboundMessage } from './endpoint/index.js';
export { TraceRecorder, readTraceJsonLines } from './capture/index.js';
export type { TraceRecord } from './capture/index.js';
export { renderLadder, renderLadderExcerpt } from './report/index.js';
export type { LadderOptions } from './report/index.js';
export { loadProfile, resolveProfile, type Profile, type ResolvedProfile } from './config/index.js';
export { FocusHarnessError, isFocusHarnessError, type FocusHarnessErrorCode } from './errors.js';
export { systemClock, ManualClock, type Clock } from './util/index.js';
