/**
 * The pure parts of the fault-coverage matrix: the coverage summary and the table renderer,
 * on hand-made cells (the real matrix runs in fault-matrix.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { LabFaultName } from '../../src/labfocus/index.js';
import { faultCoverage, isCaught, renderFaultMatrixTable, type CoveredFault, type FaultMatrixCell } from '../../src/scenario/index.js';

const failure = { step: 'Alice ejects Carol', id: 'E3', severity: 'MUST' as const, expected: 'BYE in D1 from the focus within 1000 ms' };

function cell(scenario: string, fault: string | undefined, verdict: FaultMatrixCell['verdict']): FaultMatrixCell {
  return {
    scenario,
    ...(fault === undefined ? {} : { fault: fault as LabFaultName }),
    verdict,
    passed: verdict === 'passed',
    ...(verdict === 'failed' ? { firstFailure: failure } : {}),
    ...(verdict === 'error' ? { error: 'FH_TLS_HANDSHAKE: nope' } : {}),
    durationMs: 10,
  };
}

const faults: CoveredFault[] = [
  { name: 'omit-focus-bye', caughtBy: ['eject'], severity: 'MUST' },
  { name: 'omit-ms-sender', caughtBy: ['im'], severity: 'SHOULD' },
  { name: 'ignore-lock', caughtBy: ['lock'], severity: 'MUST' },
];

describe('faultCoverage', () => {
  it('counts a warning as a catch only for a SHOULD fault', () => {
    expect(isCaught(cell('im', 'omit-ms-sender', 'warned'), 'SHOULD')).toBe(true);
    expect(isCaught(cell('im', 'omit-focus-bye', 'warned'), 'MUST')).toBe(false);
    expect(isCaught(cell('im', 'omit-focus-bye', 'failed'))).toBe(true);
    expect(isCaught(cell('im', 'omit-focus-bye', 'error'))).toBe(false);
  });

  it('names uncaught faults, idle scenarios, declared misses, false failures and errors', () => {
    const cells = [
      cell('eject', 'omit-focus-bye', 'failed'),
      cell('im', 'omit-focus-bye', 'passed'),
      cell('lock', 'omit-focus-bye', 'passed'),
      cell('eject', 'omit-ms-sender', 'passed'),
      cell('im', 'omit-ms-sender', 'warned'),
      cell('lock', 'omit-ms-sender', 'passed'),
      cell('eject', 'ignore-lock', 'passed'),
      cell('im', 'ignore-lock', 'error'),
      cell('lock', 'ignore-lock', 'warned'),
      cell('eject', undefined, 'passed'),
      cell('im', undefined, 'warned'),
    ];
    const coverage = faultCoverage(cells, faults);
    expect(coverage.uncaughtFaults).toEqual(['ignore-lock']);
    expect(coverage.idleScenarios).toEqual(['im', 'lock']);
    expect(coverage.missedDeclared.map((c) => `${c.fault} × ${c.scenario}`)).toEqual(['ignore-lock × lock']);
    expect(coverage.falseFailures.map((c) => c.scenario)).toEqual(['im']);
    expect(coverage.errors.map((c) => `${c.fault} × ${c.scenario}`)).toEqual(['ignore-lock × im']);
  });
});

describe('renderFaultMatrixTable', () => {
  it('draws one row per fault and one column per scenario, then the clean row and the summary', () => {
    const cells = [
      cell('eject', 'omit-focus-bye', 'failed'),
      cell('im', 'omit-focus-bye', 'passed'),
      cell('eject', 'omit-ms-sender', 'passed'),
      cell('im', 'omit-ms-sender', 'warned'),
      cell('eject', 'ignore-lock', 'error'),
      cell('im', 'ignore-lock', 'passed'),
      ...[1, 2].flatMap(() => [cell('eject', undefined, 'passed'), cell('im', undefined, 'passed')]),
      cell('im', undefined, 'failed'),
    ];
    const text = renderFaultMatrixTable(cells, { scenarios: ['eject', 'im', 'lock'], faults });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Fault coverage: 3 scenarios × 3 faults');
    expect(lines[1]).toBe('scenarios:  1 eject  2 im  3 lock');
    expect(lines.find((l) => l.startsWith('omit-focus-bye'))).toMatch(/^omit-focus-bye +X {2}\. +caught by 1 \(declared: eject\)$/);
    expect(lines.find((l) => l.startsWith('omit-ms-sender'))).toMatch(/^omit-ms-sender +\. {2}! +caught by 1 as a warning \(declared: im\)$/);
    expect(lines.find((l) => l.startsWith('ignore-lock'))).toMatch(/^ignore-lock +E {2}\. +caught by 0 \(declared: lock\)$/);
    expect(lines.find((l) => l.startsWith('clean (×3)'))).toMatch(/^clean \(×3\) +\. {2}1 *$/);
    expect(text).toContain('faults caught: 2/3 — not caught: ignore-lock');
    expect(text).toContain('clean runs: 5, false failures: 1');
    expect(text).toContain('harness errors: ignore-lock × eject');
  });

  it('marks a declared catcher that let the fault through with ?', () => {
    const text = renderFaultMatrixTable([cell('lock', 'ignore-lock', 'passed')], { faults });
    expect(text.split('\n').find((l) => l.startsWith('ignore-lock'))).toMatch(/^ignore-lock +\? {2}caught by 0/);
    expect(text).toContain('declared but not caught: ignore-lock × lock');
  });
});
