import { describe, expect, it } from 'vitest';
import { buildResultsDocument, compareWithBaseline, formatBaselineSummary, type ResultsDocument } from '../../src/report/index.js';
import type { RunResult } from '../../src/scenario/index.js';
import { failedRun, passedRun } from './sample-runs.js';

function doc(runs: RunResult[]): ResultsDocument {
  return buildResultsDocument(runs);
}

const slower = (run: RunResult, ms: number): RunResult => ({ ...run, steps: run.steps.map((s, i) => (i === 1 ? { ...s, durationMs: s.durationMs + ms } : s)) });

describe('compareWithBaseline', () => {
  it('marks new failures, fixes, still-failing, passing and new scenarios', () => {
    const before = doc([passedRun('a'), failedRun('b'), failedRun('c'), passedRun('d'), passedRun('gone')]);
    const now = doc([failedRun('a'), passedRun('b'), failedRun('c'), passedRun('d'), passedRun('e')]);
    const cmp = compareWithBaseline(now, before);
    expect(Object.fromEntries(cmp.scenarios.map((s) => [s.name, s.verdict]))).toEqual({ a: 'new-failure', b: 'fixed', c: 'still-failing', d: 'passing', e: 'new' });
    expect(cmp.counts).toMatchObject({ 'new-failure': 1, fixed: 1, 'still-failing': 1, passing: 1, new: 1, flaky: 0 });
    expect(cmp.removed).toEqual(['gone']);
  });

  it('calls a scenario flaky when it flips back after the baseline had flipped', () => {
    const first = doc([passedRun('a')]);
    const second = { ...doc([failedRun('a')]) };
    second.baseline = compareWithBaseline(second, first);
    expect(second.baseline.scenarios[0]!.verdict).toBe('new-failure');
    const third = doc([passedRun('a')]);
    expect(compareWithBaseline(third, second).scenarios[0]!.verdict).toBe('flaky');
  });

  it('summarises per-step latency changes and keeps only significant ones in the list', () => {
    const cmp = compareWithBaseline(doc([slower(passedRun('a'), 300), slower(passedRun('b'), 10)]), doc([passedRun('a'), passedRun('b')]));
    const a = cmp.scenarios[0]!.latency.find((l) => l.step === 'Carol is removed')!;
    expect(a).toEqual({ step: 'Carol is removed', baselineMs: 120, currentMs: 420, deltaMs: 300, deltaPct: 250, significant: true });
    expect(cmp.latencyChanges.map((l) => `${l.scenario}/${l.step}`)).toEqual(['a/Carol is removed']);
    const lines = formatBaselineSummary(cmp);
    expect(lines[0]).toMatch(/^vs baseline .*0 new failure\(s\), 0 fixed, 0 still failing, 0 flaky, 2 passing, 0 new$/);
    expect(lines.at(-1)).toBe('  latency a / Carol is removed: 120 → 420 ms (+300 ms, +250%)');
  });
});
