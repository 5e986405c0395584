/**
 * Text ladder diagrams of a run, in the manner of MS-CONFIM 4.3.1 Figure 5: one column per role
 * and per server party, one line per message with an arrow between the role and its peer, the
 * trace sequence number at the left and the message label (dialog + key detail) at the right.
 *
 * @remarks Pure: a function of the trace records and options, so it is golden-file tested and the
 * same text appears in the console, in reports and in failure diagnostics.
 */
import type { TraceRecord } from '../capture/index.js';
import { ladderColumns, peerKey, roleKey, type LadderColumn } from './ladder-columns.js';
import type { LadderOptions, LadderStepMark } from './ladder-options.js';

const DEFAULT_WIDTH = 120;
const SEQ_WIDTH = 5;
const MIN_COLUMN = 12;
const MAX_COLUMN = 16;
const LABEL_ROOM = 36;
const MAX_LABEL_ROOM = 60;

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', bold: '\u001b[1m', dim: '\u001b[2m', reset: '\u001b[0m' };
const STATUS_MARK: Readonly<Record<LadderStepMark['status'], string>> = {
  passed: '✓',
  failed: '✗',
  warned: '!',
  skipped: '-',
};

interface Layout {
  readonly columns: readonly LadderColumn[];
  readonly index: ReadonlyMap<string, number>;
  readonly columnWidth: number;
  readonly diagramWidth: number;
  readonly width: number;
  readonly color: boolean;
  readonly highlight: ReadonlySet<number>;
}

function layoutFor(records: readonly TraceRecord[], options: LadderOptions): Layout {
  const columns = ladderColumns(records, options.roles);
  const width = options.width ?? DEFAULT_WIDTH;
  const longest = records.reduce((max, r) => Math.max(max, noteFor(r).length), LABEL_ROOM);
  const labelRoom = Math.min(MAX_LABEL_ROOM, longest) + 3;
  const room = Math.floor((width - SEQ_WIDTH - 1 - labelRoom) / Math.max(1, columns.length - 1));
  const columnWidth = Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, room));
  return {
    columns,
    index: new Map(columns.map((c, i) => [c.key, i])),
    columnWidth,
    diagramWidth: (columns.length - 1) * columnWidth + 1,
    width,
    color: options.color ?? false,
    highlight: new Set(options.highlight ?? []),
  };
}

function paint(layout: Layout, codes: string, text: string): string {
  return layout.color ? `${codes}${text}${ANSI.reset}` : text;
}

function lifelines(layout: Layout): string[] {
  const cells = new Array<string>(layout.diagramWidth).fill(' ');
  for (let i = 0; i < layout.columns.length; i++) cells[i * layout.columnWidth] = '|';
  return cells;
}

function headerLine(layout: Layout): string {
  const cells = new Array<string>(layout.diagramWidth + layout.columnWidth).fill(' ');
  layout.columns.forEach((column, i) => {
    const title = column.title.slice(0, layout.columnWidth - 1);
    for (let k = 0; k < title.length; k++) cells[i * layout.columnWidth + k] = title[k]!;
  });
  return `${' '.repeat(SEQ_WIDTH + 1)}${cells.join('').trimEnd()}`;
}

/** The arrow text: the method or the status code (the first word of the label). */
function arrowText(record: TraceRecord): string {
  if (record.parseError !== undefined) return '??';
  return record.label.split(' ')[0] ?? '';
}

function drawArrow(layout: Layout, record: TraceRecord): string {
  const cells = lifelines(layout);
  const roleAt = layout.index.get(roleKey(record.role)) ?? 0;
  const peerAt = layout.index.get(peerKey(record.peer)) ?? layout.columns.length - 1;
  const fromAt = record.direction === 'out' ? roleAt : peerAt;
  const toAt = record.direction === 'out' ? peerAt : roleAt;
  const left = Math.min(fromAt, toAt) * layout.columnWidth;
  const right = Math.max(fromAt, toAt) * layout.columnWidth;
  for (let x = left + 1; x < right; x++) cells[x] = '-';
  if (toAt > fromAt) cells[right - 1] = '>';
  else cells[left + 1] = '<';
  const room = right - left - 5;
  let text = arrowText(record);
  if (text.length > room) text = room > 1 ? `${text.slice(0, room - 1)}…` : '';
  for (let k = 0; k < text.length; k++) cells[left + 3 + k] = text[k]!;
  return cells.join('');
}

function noteFor(record: TraceRecord): string {
  const dialog = record.dialog ?? '  ';
  if (record.parseError !== undefined) return `${dialog} unparsable: ${record.parseError}`;
  return `${dialog} ${record.label}`;
}

function messageLine(layout: Layout, record: TraceRecord, failed: boolean): string {
  const marked = layout.highlight.has(record.seq);
  const seq = `${marked ? '>' : ' '}${String(record.seq).padStart(SEQ_WIDTH - 1)}`;
  let line = `${seq} ${drawArrow(layout, record)}  ${noteFor(record)}`;
  if (line.length > layout.width) line = `${line.slice(0, layout.width - 1)}…`;
  if (marked) return paint(layout, ANSI.bold + ANSI.yellow, line);
  if (record.parseError !== undefined || failed) return paint(layout, ANSI.red, line);
  return line;
}

function stepLine(layout: Layout, step: LadderStepMark, number: number): string {
  const text = `${' '.repeat(SEQ_WIDTH + 1)}── ${STATUS_MARK[step.status]} ${number}. ${step.name} `;
  const line = text.padEnd(Math.min(layout.width, SEQ_WIDTH + 1 + layout.diagramWidth + LABEL_ROOM), '─');
  if (step.status === 'failed') return paint(layout, ANSI.bold + ANSI.red, line);
  if (step.status === 'warned') return paint(layout, ANSI.yellow, line);
  return paint(layout, ANSI.dim, line);
}

function renderRows(
  layout: Layout,
  records: readonly TraceRecord[],
  steps: readonly LadderStepMark[],
  elided: { before: boolean; after: boolean } = { before: false, after: false },
): string {
  const lines = [headerLine(layout), `${' '.repeat(SEQ_WIDTH + 1)}${lifelines(layout).join('')}`];
  if (elided.before) lines.push(`${' '.repeat(SEQ_WIDTH - 1)}… ${lifelines(layout).join('')}`);
  // Steps are shown in order, each before its first message; a step without messages still
  // gets its header (between the messages around it), so the ladder reads as the run did.
  const first = records[0]?.seq ?? 0;
  let next = steps.findIndex((s) => s.toSeq >= first || s.fromSeq >= first);
  if (next === -1) next = steps.length;
  for (const record of records) {
    while (next < steps.length && steps[next]!.fromSeq <= record.seq) {
      lines.push(stepLine(layout, steps[next]!, next + 1));
      next++;
    }
    const at = steps.findIndex((s) => record.seq >= s.fromSeq && record.seq <= s.toSeq);
    lines.push(messageLine(layout, record, at !== -1 && steps[at]!.status === 'failed'));
  }
  if (!elided.after) for (; next < steps.length; next++) lines.push(stepLine(layout, steps[next]!, next + 1));
  if (elided.after) lines.push(`${' '.repeat(SEQ_WIDTH - 1)}… ${lifelines(layout).join('')}`);
  return `${lines.join('\n')}\n`;
}

/** Renders every record as one ladder line, under its step's header when `steps` are given. */
export function renderLadder(records: readonly TraceRecord[], options: LadderOptions = {}): string {
  const layout = layoutFor(records, options);
  return renderRows(layout, records, options.steps ?? []);
}

/**
 * The `n` records either side of `aroundSeq` (the nearest record when that seq is absent), with
 * that record highlighted — where in the ladder a failure happened.
 */
export function renderLadderExcerpt(
  records: readonly TraceRecord[],
  aroundSeq: number,
  n: number,
  options: LadderOptions = {},
): string {
  if (records.length === 0) return renderLadder(records, options);
  let centre = 0;
  records.forEach((r, i) => {
    if (Math.abs(r.seq - aroundSeq) < Math.abs(records[centre]!.seq - aroundSeq)) centre = i;
  });
  const from = Math.max(0, centre - n);
  const to = Math.min(records.length, centre + n + 1);
  const layout = layoutFor(records, { ...options, highlight: [...(options.highlight ?? []), records[centre]!.seq] });
  return renderRows(layout, records.slice(from, to), options.steps ?? [], {
    before: from > 0,
    after: to < records.length,
  });
}
