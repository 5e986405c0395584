/**
 * The fault-coverage matrix of issue 5, over real TLS on 127.0.0.1 against embedded lab focuses:
 * (a) the whole catalog passes 20 times against the clean lab (no false failure, no warning);
 * (b) every scenario × every fault runs; each fault fails each scenario it declares in `caughtBy`
 *     with a diagnostic naming the step and the expectation, and every fault is caught;
 * (c) every fault declares a catcher and every scenario of the catalog catches some fault;
 * (d) the scenarios × faults table is printed.
 */
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_FAULTS } from '../../src/labfocus/index.js';
import {
  builtinScenarios,
  crossProduct,
  faultCoverage,
  isCaught,
  renderFaultMatrixTable,
  runFaultMatrix,
  type FaultMatrixCell,
} from '../../src/scenario/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

const REPEATS = 20;
// Runs at a time: clean runs keep the CPU busy; a faulty run mostly waits for what never comes.
const CLEAN_CONCURRENCY = 6;
const FAULT_CONCURRENCY = 8;
const scenarioNames = builtinScenarios.map((s) => s.name);

function describeCell(cell: FaultMatrixCell): string {
  const f = cell.firstFailure;
  const why = f ? `${f.step} [${f.id ?? '-'}] ${f.expected}${f.actual ? ` / ${f.actual}` : ''}` : (cell.error ?? '');
  return `${cell.fault ?? 'clean'} × ${cell.scenario}: ${cell.verdict} ${why}`;
}

describe('fault-coverage matrix (scenarios × lab faults)', () => {
  let labCertDir = '';
  const cleanCells: FaultMatrixCell[] = [];
  const faultCells: FaultMatrixCell[] = [];

  beforeAll(async () => {
    labCertDir = dirname((await labCertificates()).caPath);
  });

  afterAll(() => {
    if (cleanCells.length + faultCells.length === 0) return;
    // (d) The table a person reads: which scenario catches which fault.
    console.log(`\n${renderFaultMatrixTable([...faultCells, ...cleanCells], { scenarios: scenarioNames, faults: LAB_FAULTS })}`);
  });

  it('(c) every fault declares catchers from the catalog, and every scenario is declared for some fault', () => {
    const unknown = LAB_FAULTS.flatMap((f) => f.caughtBy.filter((s) => !scenarioNames.includes(s)).map((s) => `${f.name} → ${s}`));
    expect(unknown, 'caughtBy names a scenario that is not in the catalog').toEqual([]);
    expect(LAB_FAULTS.filter((f) => f.caughtBy.length === 0).map((f) => f.name), 'faults with no caughtBy').toEqual([]);
    const declared = new Set(LAB_FAULTS.flatMap((f) => f.caughtBy));
    expect(scenarioNames.filter((s) => !declared.has(s)), 'scenarios no fault declares (nothing can break them)').toEqual([]);
  });

  it(`(a) the whole catalog passes ${REPEATS} times against the clean lab focus`, async () => {
    const jobs = Array.from({ length: REPEATS }, () => builtinScenarios.map((scenario) => ({ scenario }))).flat();
    cleanCells.push(...(await runFaultMatrix(jobs, { concurrency: CLEAN_CONCURRENCY, labCertDir })));
    expect(cleanCells).toHaveLength(REPEATS * builtinScenarios.length);
    const coverage = faultCoverage(cleanCells, LAB_FAULTS);
    expect(coverage.falseFailures.map(describeCell), 'clean runs that failed or warned').toEqual([]);
  }, 240_000);

  it('(b) every fault fails each scenario of its caughtBy, naming the step and the expectation; the full product catches every fault', async () => {
    const jobs = crossProduct(builtinScenarios, LAB_FAULTS.map((f) => f.name));
    faultCells.push(...(await runFaultMatrix(jobs, { concurrency: FAULT_CONCURRENCY, labCertDir })));
    expect(faultCells).toHaveLength(builtinScenarios.length * LAB_FAULTS.length);

    const problems: string[] = [];
    for (const fault of LAB_FAULTS) {
      for (const scenario of fault.caughtBy) {
        const cell = faultCells.find((c) => c.fault === fault.name && c.scenario === scenario);
        if (!cell) {
          problems.push(`${fault.name} × ${scenario}: not run`);
          continue;
        }
        const expected = fault.severity === 'SHOULD' ? ['failed', 'warned'] : ['failed'];
        if (!expected.includes(cell.verdict) || !isCaught(cell, fault.severity)) problems.push(`declared catcher let the fault through: ${describeCell(cell)}`);
        else if (!cell.firstFailure?.step || !cell.firstFailure.expected) problems.push(`no step/expectation in the diagnostic: ${describeCell(cell)}`);
      }
    }
    expect(problems, 'declared (fault, scenario) pairs').toEqual([]);

    const coverage = faultCoverage(faultCells, LAB_FAULTS);
    expect(coverage.uncaughtFaults, 'faults no scenario catches').toEqual([]);
    expect(coverage.idleScenarios, 'scenarios that catch no fault').toEqual([]);
    expect(coverage.errors.map(describeCell), 'runs the harness could not carry out').toEqual([]);
  }, 300_000);
});
