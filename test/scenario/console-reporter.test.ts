import { describe, expect, it } from 'vitest';
import { ExpectationFailure, createConsoleReporter, formatRunSummary, formatStepLine, type RunResult, type StepResult } from '../../src/scenario/index.js';
import { seedTrace } from '../report/seed-trace.js';

const failure = new ExpectationFailure({
  step: "The focus ends Carol's focus dialog (D1)",
  id: 'E3',
  role: 'carol',
  expected: 'BYE in D1 from the focus within 5000 ms',
  nearestMiss: { seq: 7, firstLine: 'BYE sip:127.0.0.1:5555', label: 'BYE', dialog: 'D3', reason: 'is in D3, not D1' },
});

const steps: StepResult[] = [
  { index: 1, name: 'Alice ejects Carol', status: 'warned', durationMs: 12, fromSeq: 1, toSeq: 2, checks: [{ id: 'L3', severity: 'SHOULD', passed: false, role: 'carol', description: 'Reason present', detail: 'missing', seqs: [] }] },
  { index: 2, name: "The focus ends Carol's focus dialog (D1)", status: 'failed', durationMs: 5001, fromSeq: 3, toSeq: 17, checks: [], failure },
];

function result(over: Partial<RunResult> = {}): RunResult {
  return {
    scenario: { name: 'eject', title: 'eject', roles: ['alice', 'bob', 'carol'], spec: 'MS-CONFIM 4.3.1' },
    status: 'failed',
    exitCode: 1,
    steps,
    failures: [failure],
    warnings: [steps[0]!.checks[0]!],
    notes: [],
    records: seedTrace(),
    startedAt: 0,
    durationMs: 5013,
    ...over,
  };
}

describe('console reporter', () => {
  it('prints a step with its mark, SHOULD warnings and the failure diagnostic', () => {
    expect(formatStepLine(steps[0]!)).toBe('  ! 1. Alice ejects Carol (12 ms)\n      ! SHOULD [L3] carol: Reason present — missing');
    expect(formatStepLine(steps[1]!)).toBe(
      [
        "  ✗ 2. The focus ends Carol's focus dialog (D1) (5001 ms)",
        `      [E3] step "The focus ends Carol's focus dialog (D1)": carol: expected BYE in D1 from the focus within 5000 ms`,
        '        nearest miss on carol connection: seq 7 BYE sip:127.0.0.1:5555 in D3 — is in D3, not D1',
        '        ladder: seq 7',
      ].join('\n'),
    );
  });

  it('summarises PASS / FAIL / ERROR / INTERRUPTED in the last lines', () => {
    expect(formatRunSummary(result())).toMatch(/^FAIL eject: 2 steps, 1 checks, 1 warnings, 17 messages, 5013 ms\n {2}\[E3\] step/);
    expect(formatRunSummary(result({ status: 'passed', exitCode: 0, failures: [] }))).toBe('PASS eject: 2 steps, 1 checks, 1 warnings, 17 messages, 5013 ms');
    expect(formatRunSummary(result({ status: 'interrupted', exitCode: 130 }))).toBe('INTERRUPTED eject after 2 steps (17 messages)');
  });

  it('prints the ladder with the failure highlighted, or only an excerpt with --no-ladder', () => {
    let full = '';
    createConsoleReporter({ write: (t: string) => (full += t) }).onRunEnd!(result());
    expect(full).toMatch(/── ✗ 2\. The focus ends Carol's focus dialog \(D1\)/);
    expect(full).toMatch(/^> +7 \|/m);
    expect(full.match(/^[ >] +\d+ \|/gm)).toHaveLength(17);
    let excerpt = '';
    createConsoleReporter({ write: (t: string) => (excerpt += t) }, { ladder: false }).onRunEnd!(result());
    expect(excerpt.match(/^[ >] +\d+ \|/gm)).toHaveLength(7);
    expect(excerpt).toMatch(/^> +7 \|/m);
  });
});
