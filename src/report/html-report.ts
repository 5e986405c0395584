/**
 * `report.html`: one self-contained page (inline CSS, inline script, inline SVG; a CSP that
 * forbids every fetch) with the baseline comparison first, a summary table, then per scenario its
 * diagnostics, findings, steps, an SVG ladder (click an arrow for the full message) and the roster
 * as each participant saw it over time.
 */
import { redactSecrets } from '../capture/index.js';
import type { TraceRecord } from '../capture/index.js';
import { formatBaselineSummary } from './compare-with-baseline.js';
import type { BaselineComparison } from './baseline-comparison.js';
import type { HtmlReportOptions } from './html-report-options.js';
import { HTML_REPORT_CSS, HTML_REPORT_SCRIPT } from './html-report-style.js';
import type { ReportInput } from './report-input.js';
import type { ResultCheck, ScenarioResult } from './results-document.js';
import { rosterTimeline } from './roster-timeline.js';
import { renderSvgLadder } from './svg-ladder.js';
import { escapeXml as esc } from './xml-escape.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

function badge(status: string): string {
  return `<span class="st st-${esc(status)}">${esc(status)}</span>`;
}

function anchor(index: number): string {
  return `s${index + 1}`;
}

function baselineBlock(b: BaselineComparison | undefined): string {
  if (!b) return '';
  const [head, ...rest] = formatBaselineSummary(b);
  return `<div class="baseline" id="baseline"><strong>${esc(head ?? '')}</strong>${rest.length ? `<pre>${esc(rest.join('\n'))}</pre>` : ''}</div>`;
}

function summaryTable(input: ReportInput, traceOnly: boolean): string {
  const verdicts = new Map(input.results.baseline?.scenarios.map((s) => [s.name, s.verdict]) ?? []);
  const rows = input.results.scenarios.map((s, i) => {
    const verdict = verdicts.get(s.name);
    const cause = s.failures[0]?.message.split('\n')[0] ?? (s.error ? `${s.error.code}: ${s.error.message}` : '');
    return `<tr><td><a href="#${anchor(i)}">${esc(s.name)}</a></td><td>${badge(traceOnly ? 'trace' : s.status)}</td>${input.results.baseline ? `<td>${verdict ? badge(verdict) : ''}</td>` : ''}<td>${(s.durationMs / 1000).toFixed(2)} s</td><td>${s.steps.length}</td><td>${s.warnings.length}</td><td>${esc(cause)}</td></tr>`;
  });
  return `<table class="summary"><thead><tr><th>scenario</th><th>status</th>${input.results.baseline ? '<th>vs baseline</th>' : ''}<th>time</th><th>steps</th><th>SHOULD</th><th>first failure</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function findingHtml(c: ResultCheck): string {
  const id = c.id ? `[${esc(c.id)}] ` : '';
  const seqs = c.seqs.length ? ` <small>(seq ${c.seqs.join(', ')})</small>` : '';
  return `<div class="finding"><span class="st st-${c.severity === 'SHOULD' ? 'warned' : c.passed ? 'passed' : 'failed'}">${c.severity}</span> ${id}${c.role ? `${esc(c.role)}: ` : ''}${esc(c.description)}${c.detail ? ` — ${esc(c.detail)}` : ''}${seqs}</div>`;
}

function stepsTable(s: ScenarioResult): string {
  if (s.steps.length === 0) return '';
  const rows = s.steps.map((st) => `<tr><td>${st.index}</td><td>${esc(st.name)}</td><td>${badge(st.status)}</td><td>${st.durationMs} ms</td><td>${st.fromSeq}–${st.toSeq}</td></tr>`);
  return `<h3>Steps</h3><table><thead><tr><th>#</th><th>step</th><th>status</th><th>time</th><th>seq</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function rosterBlock(s: ScenarioResult, records: readonly TraceRecord[]): string {
  const timelines = rosterTimeline(records, s.roles);
  if (timelines.length === 0) return '';
  const t0 = records[0]?.time ?? 0;
  const parts = timelines.map((t) => {
    const rows = t.entries.map(
      (e) =>
        `<tr${e.applied ? '' : ' class="discarded"'}><td>${e.seq}</td><td>+${e.time - t0} ms</td><td>${e.version ?? ''}</td><td>${esc(e.state ?? '')}</td><td>${e.applied ? 'applied' : esc(`discarded (${e.issue ?? '?'})`)}</td><td>${esc(e.summary)}</td></tr>`,
    );
    return `<h4>${esc(t.role)}</h4><table><thead><tr><th>seq</th><th>time</th><th>v</th><th>doc</th><th>result</th><th>roster after</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return `<h3>Roster as each participant saw it</h3>${parts.join('')}`;
}

function rawMessages(prefix: string, records: readonly TraceRecord[], keepSecrets: boolean): string {
  return records
    .map((r) => {
      const text = r.raw.toString('utf8');
      const title = `seq ${r.seq} · ${r.role} ${r.direction === 'out' ? 'sent to' : 'received from'} ${r.peer} · ${r.local} ${r.direction === 'out' ? '→' : '←'} ${r.remote}${r.parseError ? ` · parse error: ${r.parseError}` : ''}`;
      return `<pre class="raw" id="${prefix}-m${r.seq}" data-title="${esc(title)}">${esc(keepSecrets ? text : redactSecrets(text))}</pre>`;
    })
    .join('\n');
}

function scenarioSection(s: ScenarioResult, index: number, records: readonly TraceRecord[], keepSecrets: boolean, traceOnly: boolean): string {
  const prefix = anchor(index);
  const target = s.target ? `${s.target.transport}://${s.target.host}:${s.target.port}${s.target.embedded ? ' (embedded lab focus)' : ''}${s.target.faults.length ? ` faults: ${s.target.faults.join(', ')}` : ''}` : '';
  const diagnostics = [
    ...s.failures.map((f) => `<div class="diag">${esc(f.message)}</div>`),
    ...(s.error ? [`<div class="diag">${esc(`${s.error.code}: ${s.error.message}${s.error.where ? ` (${s.error.where})` : ''}`)}</div>`] : []),
  ];
  const findings = [...s.warnings, ...s.notes].map(findingHtml);
  const highlight = [...new Set(s.failures.flatMap((f) => f.seqs))];
  const ladder = records.length
    ? `<h3>Ladder <small>(click an arrow for the full message)</small></h3><div class="ladder-wrap">${renderSvgLadder(records, {
        roles: s.roles,
        steps: s.steps.map((st) => ({ name: st.name, status: st.status, fromSeq: st.fromSeq, toSeq: st.toSeq })),
        highlight,
        idPrefix: prefix,
      })}</div>`
    : '<p>No messages were recorded.</p>';
  return [
    `<section class="scenario" id="${prefix}">`,
    `<h2>${esc(s.name)} ${badge(traceOnly ? 'trace' : s.status)}</h2>`,
    `<p>${esc(s.title)}${s.spec ? ` — ${esc(s.spec)}` : ''}${target ? `<br><small>${esc(target)}</small>` : ''}</p>`,
    diagnostics.length ? `<h3>Diagnostics</h3>${diagnostics.join('')}` : '',
    findings.length ? `<h3>Findings</h3>${findings.join('')}` : '',
    stepsTable(s),
    ladder,
    rosterBlock(s, records),
    rawMessages(prefix, records, keepSecrets),
    '</section>',
  ].join('\n');
}

export function renderHtmlReport(input: ReportInput, options: HtmlReportOptions = {}): string {
  const title = options.title ?? 'focus-harness report';
  const traceOnly = options.traceOnly === true;
  const r = input.results;
  const sm = r.summary;
  const headline = `${sm.total} scenario(s): ${sm.passed} passed, ${sm.failed} failed, ${sm.errored} could not run${sm.interrupted ? `, ${sm.interrupted} interrupted` : ''}; ${sm.warnings} SHOULD finding(s) — ${r.startedAt}, ${(r.durationMs / 1000).toFixed(1)} s, focus-harness ${r.tool.version}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${HTML_REPORT_CSS}</style>`,
    '</head><body>',
    `<h1>${esc(title)}</h1>`,
    baselineBlock(r.baseline),
    traceOnly ? '' : `<p class="headline">${esc(headline)}</p>`,
    summaryTable(input, traceOnly),
    ...r.scenarios.map((s, i) => scenarioSection(s, i, input.traces[i] ?? [], options.keepSecrets === true, traceOnly)),
    '<aside id="panel" aria-live="polite"><button id="panel-close" type="button">close</button><strong id="panel-head"></strong><pre id="panel-body"></pre></aside>',
    `<script>${HTML_REPORT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
