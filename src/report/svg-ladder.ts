/**
 * SVG ladder diagrams for the HTML report, drawn like MS-CONFIM 4.3.1 Figure 5: a lifeline per
 * role and per server party (Focus, IM MCU …), one arrow per message with its label, step bands
 * behind the arrows, the failed step shaded and the failing messages in red.
 *
 * @remarks Pure string building. Each arrow is a `<g class="msg" data-msg="<prefix>-m<seq>">`
 * the report's script opens in the message panel; the SVG itself needs no script.
 */
import type { TraceRecord } from '../capture/index.js';
import { ladderColumns } from './ladder-columns.js';
import type { SvgLadderOptions } from './svg-ladder-options.js';
import { escapeXml } from './xml-escape.js';

const HEAD = 44;
const ROW = 30;
const BAND_HEAD = 20;
const LEFT = 56;
const RIGHT = 24;

interface Row {
  readonly kind: 'step' | 'msg';
  readonly y: number;
  readonly record?: TraceRecord;
  readonly step?: NonNullable<SvgLadderOptions['steps']>[number];
}

function columnKey(record: TraceRecord, toPeer: boolean): string {
  return toPeer ? `peer:${record.peer}` : `role:${record.role}`;
}

function layoutRows(records: readonly TraceRecord[], steps: NonNullable<SvgLadderOptions['steps']>): { rows: Row[]; height: number } {
  const rows: Row[] = [];
  let y = HEAD;
  let stepIndex = 0;
  for (const record of records) {
    while (stepIndex < steps.length && steps[stepIndex]!.toSeq < record.seq) stepIndex++;
    const step = steps[stepIndex];
    if (step && step.fromSeq <= record.seq && !rows.some((r) => r.step === step)) {
      rows.push({ kind: 'step', y, step });
      y += BAND_HEAD;
    }
    rows.push({ kind: 'msg', y, record });
    y += ROW;
  }
  return { rows, height: y + 12 };
}

export function renderSvgLadder(records: readonly TraceRecord[], options: SvgLadderOptions = {}): string {
  const prefix = options.idPrefix ?? 'l';
  const colW = options.columnWidth ?? 170;
  const columns = ladderColumns(records, options.roles ?? []);
  const x = new Map(columns.map((c, i) => [c.key, LEFT + i * colW]));
  const width = LEFT + Math.max(0, columns.length - 1) * colW + RIGHT + 40;
  const steps = options.steps ?? [];
  const highlight = new Set(options.highlight ?? []);
  const { rows, height } = layoutRows(records, steps);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="ladder" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="ladder diagram">`,
  );
  // Step bands behind everything: from the step header to its last message.
  for (const row of rows) {
    if (row.kind !== 'step' || !row.step) continue;
    const last = [...rows].reverse().find((r) => r.kind === 'msg' && r.record && r.record.seq <= row.step!.toSeq && r.record.seq >= row.step!.fromSeq);
    const bottom = (last?.y ?? row.y) + ROW - 6;
    const cls = `band band-${row.step.status}`;
    out.push(`<rect class="${cls}" x="4" y="${row.y}" width="${width - 8}" height="${bottom - row.y}" rx="4"/>`);
    out.push(`<text class="band-title" x="10" y="${row.y + 14}">${escapeXml(`${row.step.status === 'failed' ? '✗ ' : ''}${row.step.name}`)}</text>`);
  }
  columns.forEach((column) => {
    const cx = x.get(column.key)!;
    out.push(`<text class="col-title" x="${cx}" y="20" text-anchor="middle">${escapeXml(column.title)}</text>`);
    out.push(`<line class="lifeline" x1="${cx}" y1="28" x2="${cx}" y2="${height - 6}"/>`);
  });
  for (const row of rows) {
    const r = row.record;
    if (row.kind !== 'msg' || !r) continue;
    const from = x.get(columnKey(r, r.direction === 'in'))!;
    const to = x.get(columnKey(r, r.direction === 'out'))!;
    const y = row.y + 18;
    const dir = to >= from ? 1 : -1;
    const cls = `msg${highlight.has(r.seq) ? ' hl' : ''}${r.parseError ? ' bad' : ''}`;
    const label = `${r.dialog ? `${r.dialog} ` : ''}${r.label}`;
    const mid = (from + to) / 2;
    out.push(`<g class="${cls}" data-msg="${prefix}-m${r.seq}" tabindex="0">`);
    out.push(`<title>${escapeXml(`seq ${r.seq} · ${r.role} ${r.direction === 'out' ? '→' : '←'} ${r.peer} · ${r.firstLine}`)}</title>`);
    out.push(`<rect class="hit" x="${Math.min(from, to)}" y="${row.y}" width="${Math.abs(to - from)}" height="${ROW - 4}"/>`);
    out.push(`<text class="seq" x="${LEFT - 34}" y="${y + 4}">${r.seq}</text>`);
    out.push(`<text class="label" x="${mid}" y="${y - 5}" text-anchor="middle">${escapeXml(label)}</text>`);
    out.push(`<line class="arrow" x1="${from}" y1="${y}" x2="${to - dir * 8}" y2="${y}"/>`);
    out.push(`<polygon class="head" points="${to},${y} ${to - dir * 9},${y - 4} ${to - dir * 9},${y + 4}"/>`);
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
