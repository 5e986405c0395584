/**
 * The scenario runner: scenario model, steps, expectations over messages and rosters, the
 * built-in scenarios and `runScenario`.
 */
export { defineScenario, isScenario, type Scenario, type ScenarioDefinition, type ScenarioEndpointOptions } from './define-scenario.js';
export type { ScenarioContext, StepOptions, CheckSpec } from './scenario-context.js';
export { DEFAULT_TIMEOUTS, type ScenarioTimeouts } from './scenario-timeouts.js';
export type { Severity } from './severity.js';
export type { CheckResult } from './check-result.js';
export { ExpectationFailure, isExpectationFailure, type ExpectationFailureInit } from './expectation-failure.js';
export { formatNearestMiss, type NearestMiss } from './nearest-miss.js';
export { describeMatcher, mismatch, closeness, type MessageMatcher, type StatusClass } from './message-matcher.js';
export { predicate, type MessagePredicate } from './message-predicate.js';
export { subscriptionTerminated, header, contentType, bodyContains, c3pResponseFor, rosterVersionOf } from './message-predicates.js';
export { findNearestMiss } from './find-nearest-miss.js';
export { observe, firstLineOf, type ObservedMessage } from './observed-message.js';
export { EndpointExpectations, type ExpectationOptions, type ReceiveOptions, type ReceiveNoOptions } from './endpoint-expectations.js';
export { RosterExpectations, type RosterWaitOptions } from './roster-expectations.js';
export { OutcomeExpectations, type C3pExpectationOptions } from './outcome-expectations.js';
export { AlwaysOnChecks } from './always-on-checks.js';
export type { ExpectationHost, Verdict } from './expectation-host.js';
export { ScenarioRun, type ScenarioRunOptions, type ScenarioUser } from './scenario-run.js';
export type { RunResult, StepResult, StepStatus, RunStatus, RunTargetInfo } from './run-result.js';
export { harnessErrorResult } from './run-result.js';
export type { RunHooks } from './run-hooks.js';
export { runScenario, type RunScenarioOptions } from './run-scenario.js';
export { createConsoleReporter, formatRunSummary, formatStepLine, type OutputStream, type ConsoleReporterOptions } from './console-reporter.js';
export { startEmbeddedLab, embeddedCertDir, validateFaults, type EmbeddedLab, type EmbeddedLabAuth } from './embedded-lab.js';
export { builtinScenarios, builtinScenariosFor, DEFAULT_ROLE_COUNT, findBuiltinScenario, MAX_PARTICIPANTS } from './builtin/index.js';
export { loadScenarioFile, looksLikeScenarioPath } from './load-scenario-file.js';
export { checkParticipants, resolveScenario } from './resolve-scenario.js';
export { HARNESS_ERROR_CODES } from './harness-error-codes.js';
export { runFaultMatrix, crossProduct, cellOf, labAuthOf, MATRIX_TIMEOUTS, type MatrixLabAuth, type FaultMatrixJob, type FaultMatrixCell, type FaultMatrixOptions, type MatrixFailure, type MatrixVerdict } from './fault-matrix.js';
export { faultCoverage, isCaught, type FaultCoverage, type CoveredFault } from './fault-coverage.js';
export { renderFaultMatrixTable, type FaultMatrixTableOptions } from './fault-matrix-table.js';
export { LAB_DEFAULT_DOMAIN } from '../labfocus/index.js';
