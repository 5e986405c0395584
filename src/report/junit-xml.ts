/**
 * JUnit XML for CI (Jenkins `junit`, GitLab `artifacts:reports:junit`): one `<testsuite>` for the
 * run, one `<testcase>` per scenario.
 *
 * @remarks Element and attribute names follow the Jenkins JUnit schema (testsuites › testsuite ›
 * properties, testcase › failure | error | skipped, system-out). A MUST failure becomes
 * `<failure>` carrying the diagnostic and a ladder excerpt around the failing message; a harness
 * error (exit 2) becomes `<error>`; SHOULD findings are testsuite properties
 * (`<scenario>.should.<n>`) and lines in the testcase's `<system-out>`.
 */
import { hostname } from 'node:os';
import { renderLadderExcerpt } from './ladder.js';
import type { ReportInput } from './report-input.js';
import type { ResultCheck, ScenarioResult } from './results-document.js';
import { escapeXml, escapeXmlAttribute } from './xml-escape.js';

export interface JunitOptions {
  /** The `name` of testsuites/testsuite. @default 'focus-harness' */
  suiteName?: string;
  /** The `hostname` attribute. @default os.hostname() */
  hostname?: string;
  /** Records either side of the failing message in the excerpt. @default 6 */
  excerptRadius?: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function findingLine(c: ResultCheck): string {
  const id = c.id ? `[${c.id}] ` : '';
  const who = c.role ? `${c.role}: ` : '';
  const seqs = c.seqs.length ? ` (seq ${c.seqs.join(', ')})` : '';
  return `${c.severity} ${id}${who}${c.description}${c.detail ? ` — ${c.detail}` : ''}${seqs}`;
}

function excerptFor(s: ScenarioResult, records: ReportInput['traces'][number], radius: number): string {
  const seq = s.failures[0]?.seqs[0] ?? s.steps.find((x) => x.status === 'failed')?.toSeq;
  if (seq === undefined || records.length === 0) return '';
  return renderLadderExcerpt(records, seq, radius, { roles: s.roles, highlight: s.failures[0]?.seqs ?? [] });
}

function testcase(s: ScenarioResult, records: ReportInput['traces'][number], radius: number): string {
  const attrs = `name="${escapeXmlAttribute(s.name)}" classname="${escapeXmlAttribute(`focus-harness.${s.name}`)}" time="${seconds(s.durationMs)}"`;
  const body: string[] = [];
  if (s.status === 'failed') {
    const first = s.failures[0];
    const message = first ? first.message.split('\n')[0]! : `scenario ${s.name} failed`;
    const type = first ? `MUST${first.id ? ` ${first.id}` : ''}` : 'MUST';
    const diagnostic = s.failures.map((f) => f.message).join('\n\n');
    const excerpt = excerptFor(s, records, radius);
    const text = excerpt ? `${diagnostic}\n\nladder around the failure:\n${excerpt}` : diagnostic;
    body.push(`      <failure message="${escapeXmlAttribute(message)}" type="${escapeXmlAttribute(type)}">${escapeXml(text)}</failure>`);
  } else if (s.status === 'error') {
    const e = s.error;
    const message = e ? `${e.code}: ${e.message}` : 'the harness could not run';
    body.push(`      <error message="${escapeXmlAttribute(message)}" type="${escapeXmlAttribute(e?.code ?? 'FH_INTERNAL')}">${escapeXml(`${message}${e?.where ? `\n(${e.where})` : ''}`)}</error>`);
  } else if (s.status === 'interrupted') {
    body.push(`      <skipped message="interrupted (Ctrl-C)"/>`);
  }
  const out = [
    `${s.title}${s.spec ? ` (${s.spec})` : ''}`,
    ...s.steps.map((step) => `${step.status.padEnd(7)} ${step.index}. ${step.name} (${step.durationMs} ms)`),
    ...s.warnings.map(findingLine),
    ...s.notes.map(findingLine),
  ];
  body.push(`      <system-out>${escapeXml(out.join('\n'))}</system-out>`);
  return `    <testcase ${attrs}>\n${body.join('\n')}\n    </testcase>`;
}

function properties(input: ReportInput): string {
  const props: [string, string][] = [
    ['schemaVersion', String(input.results.schemaVersion)],
    ['tool.version', input.results.tool.version],
  ];
  const target = input.results.scenarios.find((s) => s.target)?.target;
  if (target) props.push(['target', `${target.transport}://${target.host}:${target.port}${target.embedded ? ' (embedded lab focus)' : ''}`]);
  for (const s of input.results.scenarios) {
    s.warnings.forEach((w, i) => props.push([`${s.name}.should.${i + 1}`, findingLine(w)]));
  }
  return props.map(([name, value]) => `      <property name="${escapeXmlAttribute(name)}" value="${escapeXmlAttribute(value)}"/>`).join('\n');
}

export function renderJunitXml(input: ReportInput, options: JunitOptions = {}): string {
  const { results } = input;
  const name = escapeXmlAttribute(options.suiteName ?? 'focus-harness');
  const radius = options.excerptRadius ?? 6;
  const s = results.summary;
  const counts = `tests="${s.total}" failures="${s.failed}" errors="${s.errored}" skipped="${s.interrupted}" time="${seconds(results.durationMs)}"`;
  const timestamp = results.startedAt.replace(/\.\d+Z$/, 'Z');
  const cases = results.scenarios.map((sc, i) => testcase(sc, input.traces[i] ?? [], radius));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" ${counts}>`,
    `  <testsuite name="${name}" ${counts} timestamp="${timestamp}" hostname="${escapeXmlAttribute(options.hostname ?? hostname())}" id="0">`,
    '    <properties>',
    properties(input),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
