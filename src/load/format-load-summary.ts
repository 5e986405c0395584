/**
 * The end-of-run summary of a load run, for a person at a glance: counts and rate, iteration
 * and per-step latency percentiles, the failure reasons with how many iterations hit each, the
 * first failed iteration's diagnostic with the ladder around it, the threshold verdicts and one
 * PASS / FAIL / ERROR / INTERRUPTED line. Pure.
 */
import type { LatencySummary } from '../metrics/index.js';
import { renderLadderExcerpt } from '../report/index.js';
import type { LoadResult, LoadStepStats } from './load-result.js';
import { formatDuration } from './parse-duration.js';

export interface LoadSummaryOptions {
  /** Line width for the ladder excerpt. @default 132 */
  readonly width?: number;
  /** @default false */
  readonly color?: boolean;
}

const STEP_NAME_WIDTH = 56;
const LATENCY_COLUMNS = ['p50', 'p90', 'p95', 'p99', 'max'] as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function stopReason(result: LoadResult): string {
  switch (result.stoppedBy) {
    case 'iterations':
      return `all ${plural(result.bounds.iterations ?? result.iterations.started, 'iteration')} done`;
    case 'duration':
      return `--duration ${formatDuration(result.bounds.durationMs ?? 0)} reached`;
    case 'max-duration':
      return `hard cap --max-duration ${formatDuration(result.bounds.maxDurationMs)} reached (in-flight iterations interrupted)`;
    case 'interrupted':
      return 'interrupted (Ctrl-C)';
    case 'could-not-run':
      return 'no iteration could run';
  }
}

function latencyLine(l: LatencySummary): string {
  return LATENCY_COLUMNS.map((c) => `${c} ${Math.round(l[c])} ms`).join('  ');
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function stepTable(steps: readonly LoadStepStats[]): string[] {
  const nameWidth = Math.min(STEP_NAME_WIDTH, Math.max(4, ...steps.map((s) => `${s.index}. ${s.name}`.length)));
  const num = (v: number | string, w = 7): string => String(v).padStart(w);
  const header = `  ${'step'.padEnd(nameWidth)} ${num('passed')} ${num('failed')}${LATENCY_COLUMNS.map((c) => num(c)).join('')}  (ms)`;
  const rows = steps.map((s) => {
    const l = s.latency;
    const figures = LATENCY_COLUMNS.map((c) => num(l ? Math.round(l[c]) : '–')).join('');
    return `  ${fit(`${s.index}. ${s.name}`, nameWidth)} ${num(s.passed)} ${num(s.failed)}${figures}`.trimEnd();
  });
  return [header, ...rows];
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

function failureLines(result: LoadResult, options: LoadSummaryOptions): string[] {
  if (result.distinctFailures === 0) return [];
  const lines = ['', `  failures (${plural(result.distinctFailures, 'distinct reason')}${result.distinctFailures > result.failures.length ? `, the ${result.failures.length} most frequent shown` : ''})`];
  for (const g of result.failures) {
    lines.push(`    ${g.count} of ${plural(result.iterations.completed, 'iteration')}: ${g.message}`, `      first in iteration ${g.firstIteration} (virtual user ${g.firstVu})`);
  }
  const first = result.firstFailure;
  if (!first) return lines;
  lines.push('', `  first iteration that did not pass: ${first.iteration} (virtual user ${first.vu}, ${first.status})`, indent(first.message, '    '));
  const seq = first.seqs[0];
  if (seq !== undefined && first.run.records.length) {
    const excerpt = renderLadderExcerpt(first.run.records, seq, 4, { roles: first.run.scenario.roles, highlight: first.seqs, color: options.color ?? false, width: options.width ?? 132 });
    lines.push('', indent(excerpt.trimEnd(), '  '));
  }
  return lines;
}

function verdictLine(result: LoadResult): string {
  const c = result.iterations;
  const name = `load ${result.scenario.name}`;
  switch (result.status) {
    case 'passed':
      return `PASS ${name}: ${c.passed} of ${plural(c.completed, 'iteration')} passed; ${plural(result.thresholds.length, 'threshold')} met`;
    case 'failed': {
      const missed = result.thresholds.filter((t) => !t.passed);
      return `FAIL ${name}: ${missed.map((t) => `${t.threshold} not met (${t.actual})`).join('; ')}`;
    }
    case 'error':
      return `ERROR ${name}: no iteration could run${result.failures[0] ? ` — ${result.failures[0].message}` : ''}`;
    case 'interrupted':
      return `INTERRUPTED ${name} after ${plural(c.completed, 'iteration')} (${c.passed} passed, ${c.failed + c.error} did not)`;
  }
}

export function formatLoadSummary(result: LoadResult, options: LoadSummaryOptions = {}): string {
  const c = result.iterations;
  const lines = [
    `load ${result.scenario.name} — ${plural(c.completed, 'iteration')} by ${plural(result.vus, 'virtual user')} in ${(result.durationMs / 1000).toFixed(1)} s (${result.iterationsPerSecond.toFixed(2)} iterations/s); stopped: ${stopReason(result)}`,
    `  iterations  ${c.passed} passed · ${c.failed} failed · ${c.error} could not run${c.interrupted ? ` · ${c.interrupted} interrupted` : ''}`,
  ];
  if (result.iterationDuration) lines.push(`  iteration   ${latencyLine(result.iterationDuration)} (passed iterations)`);
  if (result.steps.length) lines.push('', ...stepTable(result.steps));
  lines.push(...failureLines(result, options));
  lines.push('', '  thresholds');
  const width = Math.max(...result.thresholds.map((t) => t.threshold.length));
  for (const t of result.thresholds) lines.push(`    ${t.passed ? '✓' : '✗'} ${t.threshold.padEnd(width)}  ${t.actual}`);
  lines.push('', verdictLine(result));
  return `${lines.join('\n')}\n`;
}
