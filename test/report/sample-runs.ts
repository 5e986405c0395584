/**
 * Run results for the renderer tests: synthetic ones over the seed trace (deterministic, with
 * hostile text in the diagnostics) and live ones from the eject scenario against the lab focus.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FocusHarnessError } from '../../src/errors.js';
import { ExpectationFailure, findBuiltinScenario, runScenario, type RunResult } from '../../src/scenario/index.js';
import { seedTrace } from './seed-trace.js';

const T0 = 1_700_000_000_000;

export function passedRun(name = 'seed-pass'): RunResult {
  const records = seedTrace();
  return {
    scenario: { name, title: 'Seed flow replay', spec: 'MS-CONFIM 4.3.1', roles: ['alice', 'bob', 'carol'] },
    status: 'passed',
    exitCode: 0,
    steps: [
      { index: 1, name: 'Alice ejects Carol', status: 'passed', durationMs: 40, fromSeq: 1, toSeq: 2, checks: [] },
      { index: 2, name: 'Carol is removed', status: 'warned', durationMs: 120, fromSeq: 3, toSeq: 17, checks: [] },
    ],
    failures: [],
    warnings: [{ id: 'O5', severity: 'SHOULD', passed: false, role: 'bob', description: 'roster partial carries "deleted" state', detail: 'got full', seqs: [13] }],
    notes: [{ severity: 'INFO', passed: true, description: 'server answered BYE with 481', seqs: [9] }],
    records,
    target: { host: '127.0.0.1', port: 5061, transport: 'tls', embedded: true, faults: [] },
    startedAt: T0,
    durationMs: 160,
  };
}

export function failedRun(name = 'seed-fail'): RunResult {
  const base = passedRun(name);
  const failure = new ExpectationFailure({
    step: 'Carol is removed',
    id: 'E5',
    role: 'carol',
    // Control characters and markup must not break the XML.
    expected: 'BYE from the focus in D1 <with Reason> & "quotes" \u0001\u0008 bell',
    nearestMiss: { seq: 6, firstLine: 'BYE sip:carol', label: 'BYE (Participant Removed)', dialog: 'D1', reason: 'Reason header missing' },
  });
  return {
    ...base,
    status: 'failed',
    exitCode: 1,
    steps: [base.steps[0]!, { ...base.steps[1]!, status: 'failed', failure }],
    failures: [failure],
    startedAt: T0 + 1000,
  };
}

export function errorRun(name = 'seed-error'): RunResult {
  return {
    ...passedRun(name),
    status: 'error',
    exitCode: 2,
    steps: [],
    warnings: [],
    notes: [],
    records: [],
    error: new FocusHarnessError('FH_TRANSPORT_CONNECT', 'connect ECONNREFUSED 127.0.0.1:5061', { where: '127.0.0.1:5061' }),
    startedAt: T0 + 2000,
    durationMs: 3,
  };
}

export const LAB_CERTS = join(tmpdir(), 'focus-harness-test', 'report-lab-certs');

/** A real ejection scenario (`eject` unless named) against an embedded lab focus, optionally with fault switches. */
export async function liveEject(faults: readonly string[] = [], name: 'eject' | 'eject-passive' = 'eject'): Promise<RunResult> {
  const scenario = findBuiltinScenario(name);
  if (!scenario) throw new Error(`the ${name} scenario is missing`);
  return runScenario(scenario, { faults, labCertDir: LAB_CERTS });
}
