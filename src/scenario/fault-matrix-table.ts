/**
 * The fault-coverage matrix as text: one row per fault, one column per scenario, a mark per run,
 * then a row for the clean runs and a summary. A pure renderer of the cells.
 *
 * ```
 *                               1  2  3
 * omit-focus-bye                X  .  .   caught by 1 (declared: eject-passive)
 * clean (×20)                   .  .  .
 * ```
 */
import { faultCoverage, isCaught, type CoveredFault } from './fault-coverage.js';
import type { FaultMatrixCell } from './fault-matrix.js';

export interface FaultMatrixTableOptions {
  /** Column order. @default the scenarios of the cells, in order of appearance */
  readonly scenarios?: readonly string[];
  /** Row order, with what each fault declares. */
  readonly faults: readonly CoveredFault[];
}

const COLUMN = 3;

/** A mark or column number, right-aligned in its column. */
function column(text: string): string {
  return text.padStart(2).padEnd(COLUMN);
}

/** What one run shows: X failed (caught), ! a warning only, . passed, E the harness could not run, ? a declared catcher passed. */
function markOf(cell: FaultMatrixCell | undefined, fault: CoveredFault): string {
  if (!cell) return ' ';
  if (cell.verdict === 'error') return 'E';
  if (cell.verdict === 'failed') return 'X';
  const declared = fault.caughtBy.includes(cell.scenario);
  if (declared && !isCaught(cell, fault.severity)) return '?';
  return cell.verdict === 'warned' ? '!' : '.';
}

function cleanMark(cells: readonly FaultMatrixCell[]): string {
  if (cells.length === 0) return ' ';
  const bad = cells.filter((c) => !c.passed).length;
  return bad === 0 ? '.' : bad > 9 ? '+' : String(bad);
}

function legend(scenarios: readonly string[], width: number): string[] {
  const items = scenarios.map((name, i) => `${i + 1} ${name}`);
  const lines: string[] = [];
  let line = 'scenarios:';
  for (const item of items) {
    if (line.length + item.length + 2 > width) {
      lines.push(line);
      line = '          ';
    }
    line += `  ${item}`;
  }
  lines.push(line);
  return lines;
}

/** Renders the matrix (fault rows × scenario columns) with its legend and summary. */
export function renderFaultMatrixTable(cells: readonly FaultMatrixCell[], options: FaultMatrixTableOptions): string {
  const scenarios = options.scenarios ?? [...new Set(cells.map((c) => c.scenario))];
  const faults = options.faults.filter((f) => cells.some((c) => c.fault === f.name));
  const clean = cells.filter((c) => c.fault === undefined && c.labAuth === undefined);
  const cleanNtlm = cells.filter((c) => c.fault === undefined && c.labAuth === 'ntlm');
  const repeats = Math.max(0, ...scenarios.map((s) => clean.filter((c) => c.scenario === s).length));
  const cleanLabel = `clean (×${repeats})`;
  const cleanNtlmLabel = 'clean, NTLM lab';
  const nameWidth = Math.max(cleanLabel.length, cleanNtlmLabel.length, ...faults.map((f) => f.name.length)) + 2;
  const header = ' '.repeat(nameWidth) + scenarios.map((_, i) => column(String(i + 1))).join('');
  const rows = faults.map((fault) => {
    const marks = scenarios.map((s) => column(markOf(cells.find((c) => c.fault === fault.name && c.scenario === s), fault))).join('');
    const catchers = cells.filter((c) => c.fault === fault.name && isCaught(c, fault.severity)).length;
    const declared = fault.caughtBy.length ? ` (declared: ${fault.caughtBy.join(', ')})` : ' (declared: none)';
    const lab = fault.requiresAuth === 'ntlm' ? ' — NTLM lab' : '';
    return `${fault.name.padEnd(nameWidth)}${marks} caught by ${catchers}${fault.severity === 'SHOULD' ? ' as a warning' : ''}${declared}${lab}`;
  });
  const cleanRow = (label: string, list: readonly FaultMatrixCell[]): string[] =>
    list.length ? [`${label.padEnd(nameWidth)}${scenarios.map((s) => column(cleanMark(list.filter((c) => c.scenario === s)))).join('')}`] : [];
  const coverage = faultCoverage(cells, options.faults);
  const summary = [
    `faults caught: ${faults.length - coverage.uncaughtFaults.length}/${faults.length}${coverage.uncaughtFaults.length ? ` — not caught: ${coverage.uncaughtFaults.join(', ')}` : ''}`,
    ...(coverage.idleScenarios.length ? [`scenarios that caught no fault: ${coverage.idleScenarios.join(', ')}`] : []),
    ...(coverage.missedDeclared.length ? [`declared but not caught: ${coverage.missedDeclared.map((c) => `${c.fault} × ${c.scenario}`).join(', ')}`] : []),
    ...(clean.length + cleanNtlm.length ? [`clean runs: ${clean.length + cleanNtlm.length}, false failures: ${coverage.falseFailures.length}`] : []),
    ...(coverage.errors.length ? [`harness errors: ${coverage.errors.map((c) => `${c.fault ?? 'clean'} × ${c.scenario}`).join(', ')}`] : []),
  ];
  const width = Math.max(80, header.length);
  return [
    `Fault coverage: ${scenarios.length} scenarios × ${faults.length} faults`,
    ...legend(scenarios, width),
    '',
    header,
    ...rows,
    ...cleanRow(cleanLabel, clean),
    ...cleanRow(cleanNtlmLabel, cleanNtlm),
    '',
    'X fails (caught)  ! warns only  . passes  ? passes although declared in caughtBy  E harness error  (clean row: failures out of the repeats)',
    ...summary,
  ].map((line) => line.trimEnd()).join('\n') + '\n';
}
