/**
 * The terminal view of a saved run (`focus-harness report`): per scenario a status line, the
 * diagnostics, SHOULD findings and the text ladder with its steps and the failing messages marked.
 */
import { renderLadder } from './ladder.js';
import type { ReportInput } from './report-input.js';
import { formatBaselineSummary } from './compare-with-baseline.js';

export interface TerminalReportOptions {
  /** @default 120 */
  readonly width?: number;
  /** @default false */
  readonly color?: boolean;
  /** Only the ladders (a bare trace has no verdicts). @default false */
  readonly traceOnly?: boolean;
}

const MARK: Record<string, string> = { passed: '✓', failed: '✗', error: '!', interrupted: '-' };

export function renderTerminalReport(input: ReportInput, options: TerminalReportOptions = {}): string {
  const out: string[] = [];
  const r = input.results;
  if (!options.traceOnly && r.baseline) out.push(...formatBaselineSummary(r.baseline), '');
  r.scenarios.forEach((s, i) => {
    const records = input.traces[i] ?? [];
    if (options.traceOnly) out.push(s.title);
    else out.push(`${MARK[s.status] ?? '?'} ${s.name} ${s.status} (${(s.durationMs / 1000).toFixed(2)} s) — ${s.title}`);
    for (const f of s.failures) out.push(...f.message.split('\n').map((l) => `  ${l}`));
    if (s.error) out.push(`  ${s.error.code}: ${s.error.message}`);
    for (const w of s.warnings) out.push(`  SHOULD ${w.id ? `[${w.id}] ` : ''}${w.role ? `${w.role}: ` : ''}${w.description}${w.detail ? ` — ${w.detail}` : ''}`);
    if (records.length) {
      out.push('');
      out.push(
        renderLadder(records, {
          roles: s.roles,
          width: options.width ?? 120,
          color: options.color ?? false,
          steps: s.steps.map((st) => ({ name: st.name, status: st.status, fromSeq: st.fromSeq, toSeq: st.toSeq })),
          highlight: [...new Set(s.failures.flatMap((f) => f.seqs))],
        }).trimEnd(),
      );
    } else if (!options.traceOnly) {
      out.push('  (no trace records: pass --trace FILE if trace.jsonl is elsewhere)');
    }
    out.push('');
  });
  if (!options.traceOnly) {
    const sm = r.summary;
    out.push(`${sm.total} scenario(s): ${sm.passed} passed, ${sm.failed} failed, ${sm.errored} could not run`);
  }
  return `${out.join('\n')}\n`;
}
