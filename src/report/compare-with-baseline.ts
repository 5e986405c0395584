/**
 * `--baseline previous/results.json`: classifies each scenario against the previous run and lists
 * step latency changes (see {@link BaselineComparison} for the verdicts).
 */
import type { BaselineComparison, BaselineVerdict, ScenarioComparison, StepLatencyChange } from './baseline-comparison.js';
import type { ResultsDocument, ScenarioResult } from './results-document.js';

export interface BaselineThresholds {
  /** A step latency change is significant when |Δ| ≥ this many ms … @default 50 */
  minDeltaMs?: number;
  /** … and ≥ this percentage of the baseline. @default 25 */
  minDeltaPct?: number;
}

const VERDICTS: readonly BaselineVerdict[] = ['new-failure', 'fixed', 'still-failing', 'passing', 'flaky', 'new'];

function passed(s: Pick<ScenarioResult, 'status'>): boolean {
  return s.status === 'passed';
}

function failureKey(s: ScenarioResult): string {
  const f = s.failures[0];
  return f ? `${f.step}|${f.id ?? f.expected}` : s.error ? `error|${s.error.code}` : '';
}

function latencyOf(current: ScenarioResult, previous: ScenarioResult, t: Required<BaselineThresholds>): StepLatencyChange[] {
  const before = new Map(previous.steps.filter((s) => s.status !== 'skipped').map((s) => [s.name, s.durationMs]));
  const out: StepLatencyChange[] = [];
  for (const step of current.steps) {
    const baselineMs = before.get(step.name);
    if (baselineMs === undefined || step.status === 'skipped') continue;
    const deltaMs = step.durationMs - baselineMs;
    const deltaPct = (deltaMs / Math.max(1, baselineMs)) * 100;
    out.push({
      step: step.name,
      baselineMs,
      currentMs: step.durationMs,
      deltaMs,
      deltaPct: Math.round(deltaPct * 10) / 10,
      significant: Math.abs(deltaMs) >= t.minDeltaMs && Math.abs(deltaPct) >= t.minDeltaPct,
    });
  }
  return out;
}

function verdictOf(current: ScenarioResult, previous: ScenarioResult, previousVerdict: BaselineVerdict | undefined): BaselineVerdict {
  const now = passed(current);
  const then = passed(previous);
  if (now !== then) {
    // Three runs alternating: the baseline itself flipped (or was already flaky) and this one flips back.
    const flippedBefore = previousVerdict === 'new-failure' || previousVerdict === 'fixed' || previousVerdict === 'flaky';
    if (flippedBefore) return 'flaky';
    return now ? 'fixed' : 'new-failure';
  }
  return now ? 'passing' : 'still-failing';
}

export function compareWithBaseline(current: ResultsDocument, baseline: ResultsDocument, thresholds: BaselineThresholds = {}): BaselineComparison {
  const t = { minDeltaMs: thresholds.minDeltaMs ?? 50, minDeltaPct: thresholds.minDeltaPct ?? 25 };
  const previous = new Map(baseline.scenarios.map((s) => [s.name, s]));
  const previousVerdicts = new Map(baseline.baseline?.scenarios.map((s) => [s.name, s.verdict]) ?? []);
  const scenarios: ScenarioComparison[] = current.scenarios.map((s) => {
    const before = previous.get(s.name);
    if (!before) return { name: s.name, verdict: 'new', status: s.status, latency: [] };
    const verdict = verdictOf(s, before, previousVerdicts.get(s.name));
    return {
      name: s.name,
      verdict,
      baselineStatus: before.status,
      status: s.status,
      ...(verdict === 'still-failing' && failureKey(s) !== failureKey(before) ? { failureChanged: true } : {}),
      latency: latencyOf(s, before, t),
    };
  });
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, scenarios.filter((s) => s.verdict === v).length])) as Record<BaselineVerdict, number>;
  const names = new Set(current.scenarios.map((s) => s.name));
  const latencyChanges = scenarios
    .flatMap((s) => s.latency.filter((l) => l.significant).map((l) => ({ ...l, scenario: s.name })))
    .sort((a, b) => Math.abs(b.deltaMs) - Math.abs(a.deltaMs));
  return {
    baselineStartedAt: baseline.startedAt,
    counts,
    scenarios,
    removed: baseline.scenarios.map((s) => s.name).filter((n) => !names.has(n)),
    latencyChanges,
  };
}

/** The lines a person reads first: verdict counts, then the scenarios that changed, then latency. */
export function formatBaselineSummary(comparison: BaselineComparison): string[] {
  const c = comparison.counts;
  const lines = [
    `vs baseline ${comparison.baselineStartedAt}: ${c['new-failure']} new failure(s), ${c.fixed} fixed, ${c['still-failing']} still failing, ${c.flaky} flaky, ${c.passing} passing, ${c.new} new`,
  ];
  const order: BaselineVerdict[] = ['new-failure', 'flaky', 'still-failing', 'fixed', 'new'];
  for (const verdict of order) {
    for (const s of comparison.scenarios.filter((x) => x.verdict === verdict)) {
      lines.push(`  ${verdict.padEnd(13)} ${s.name}${s.failureChanged ? ' (fails differently)' : ''}`);
    }
  }
  if (comparison.removed.length) lines.push(`  not run now: ${comparison.removed.join(', ')}`);
  for (const l of comparison.latencyChanges.slice(0, 10)) {
    const sign = l.deltaMs > 0 ? '+' : '';
    lines.push(`  latency ${l.scenario} / ${l.step}: ${l.baselineMs} → ${l.currentMs} ms (${sign}${l.deltaMs} ms, ${sign}${l.deltaPct}%)`);
  }
  return lines;
}
