/**
 * The fault-coverage matrix of issue 5, over real TLS on 127.0.0.1 against embedded lab focuses:
 * (a) the whole catalog passes 20 times against the clean lab (no false failure, no warning);
 * (b) every scenario × every fault runs; each fault fails each scenario it declares in `caughtBy`
 *     with a diagnostic naming the step and the expectation, and every fault is caught;
 * (c) every fault declares a catcher and every scenario of the catalog catches some fault;
 * (d) the scenarios × faults table is printed;
 * (e) the faults that `requiresAuth: 'ntlm'` run against a lab with MS-SIPAE NTLM (every role an
 *     NTLM user, passwords made up here): the catalog passes a clean run there (the scenarios with
 *     a Digest-only scripted user cannot register and are left out of those rows), and each such
 *     fault fails its caughtBy scenarios on the §7.1.5 signature check. (b) runs every other fault
 *     on the unauthenticated lab, so the NTLM rows add only their own cost.
 */
import { randomBytes } from 'node:crypto';
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
const ntlmFaults = LAB_FAULTS.filter((f) => f.requiresAuth === 'ntlm');
const plainFaults = LAB_FAULTS.filter((f) => f.requiresAuth === undefined);

function describeCell(cell: FaultMatrixCell): string {
  const f = cell.firstFailure;
  const why = f ? `${f.step} [${f.id ?? '-'}] ${f.expected}${f.actual ? ` / ${f.actual}` : ''}` : (cell.error ?? '');
  return `${cell.fault ?? 'clean'} × ${cell.scenario}: ${cell.verdict} ${why}`;
}

describe('fault-coverage matrix (scenarios × lab faults)', () => {
  let labCertDir = '';
  const cleanCells: FaultMatrixCell[] = [];
  const faultCells: FaultMatrixCell[] = [];
  const ntlmCells: FaultMatrixCell[] = [];

  beforeAll(async () => {
    labCertDir = dirname((await labCertificates()).caPath);
  });

  afterAll(() => {
    if (cleanCells.length + faultCells.length + ntlmCells.length === 0) return;
    // (d) The table a person reads: which scenario catches which fault.
    console.log(`\n${renderFaultMatrixTable([...faultCells, ...ntlmCells, ...cleanCells], { scenarios: scenarioNames, faults: LAB_FAULTS })}`);
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
    const jobs = crossProduct(builtinScenarios, plainFaults.map((f) => f.name));
    faultCells.push(...(await runFaultMatrix(jobs, { concurrency: FAULT_CONCURRENCY, labCertDir })));
    expect(faultCells).toHaveLength(builtinScenarios.length * plainFaults.length);
    expect(faultCells.filter((c) => c.labAuth !== undefined), 'cells of (b) run on an authenticating lab').toEqual([]);

    const problems: string[] = [];
    for (const fault of plainFaults) {
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

  it('(e) NTLM faults run against an NTLM lab: clean runs pass there, and each fault fails its caughtBy scenarios on the signature check', async () => {
    expect(ntlmFaults.map((f) => f.name)).toEqual(['corrupt-sipae-signature', 'unsigned-after-sa']);
    const passwords = new Map<string, string>();
    const ntlmPassword = (role: string): string => {
      const password = randomBytes(15).toString('base64url');
      passwords.set(role, password);
      return password;
    };
    const clean = await runFaultMatrix(builtinScenarios.map((scenario) => ({ scenario, labAuth: 'ntlm' as const })), { concurrency: CLEAN_CONCURRENCY, labCertDir, ntlmPassword });
    expect(passwords.size, 'an NTLM password per role').toBeGreaterThanOrEqual(3);
    expect(clean.every((c) => c.labAuth === 'ntlm' && c.fault === undefined)).toBe(true);
    const ntlmScenarios = clean.filter((c) => c.passed).map((c) => c.scenario);
    const declared = [...new Set(ntlmFaults.flatMap((f) => f.caughtBy))];
    expect(declared.filter((s) => !ntlmScenarios.includes(s)).map((s) => describeCell(clean.find((c) => c.scenario === s)!)), 'caughtBy scenarios that do not pass a clean NTLM run').toEqual([]);
    // Only a scripted (Digest-only) user's REGISTER may keep a scenario off the NTLM lab.
    const leftOut = clean.filter((c) => !c.passed);
    expect(leftOut.filter((c) => !/\b401\b|Digest/.test(describeCell(c))).map(describeCell), 'clean NTLM runs that failed for another reason').toEqual([]);
    expect(ntlmScenarios.length).toBeGreaterThan(builtinScenarios.length / 2);
    // The table shows the NTLM rows over the scenarios they ran; the left-out ones stay blank.
    ntlmCells.push(...clean.filter((c) => c.passed));
    console.log(`NTLM lab rows leave out (scripted Digest-only users): ${leftOut.map((c) => c.scenario).join(', ')}`);

    const jobs = crossProduct(builtinScenarios, ntlmFaults.map((f) => f.name), { ntlmScenarios });
    expect(jobs).toHaveLength(ntlmScenarios.length * ntlmFaults.length);
    const cells = await runFaultMatrix(jobs, { concurrency: FAULT_CONCURRENCY, labCertDir, ntlmPassword });
    ntlmCells.push(...cells);
    expect(cells.filter((c) => c.labAuth !== 'ntlm').map(describeCell), 'NTLM fault cells run without NTLM').toEqual([]);

    const problems: string[] = [];
    for (const fault of ntlmFaults) {
      for (const scenario of fault.caughtBy) {
        const cell = cells.find((c) => c.fault === fault.name && c.scenario === scenario);
        if (!cell) problems.push(`${fault.name} × ${scenario}: not run`);
        else if (!isCaught(cell, fault.severity)) problems.push(`declared catcher let the fault through: ${describeCell(cell)}`);
        else if (cell.firstFailure?.id !== '7.1.5' || cell.firstFailure.expected !== "a message signed by the server's security association" || !cell.firstFailure.step || !cell.firstFailure.role) {
          problems.push(`not caught by the signature check, or no step/role in the diagnostic: ${describeCell(cell)}`);
        } else if (!/^seq \d+ \S+ .*: (signature does not verify|no signature)/.test(cell.firstFailure.actual ?? '')) {
          problems.push(`the diagnostic does not say what arrived: ${describeCell(cell)}`);
        }
      }
    }
    expect(problems, 'declared (NTLM fault, scenario) pairs').toEqual([]);
    const coverage = faultCoverage(cells, LAB_FAULTS);
    expect(coverage.uncaughtFaults, 'NTLM faults no scenario catches').toEqual([]);
    expect(coverage.wrongLab.map(describeCell)).toEqual([]);
    expect(coverage.errors.map(describeCell), 'runs the harness could not carry out').toEqual([]);
    // The same faults on a lab without authentication change nothing: they only count on their lab.
    const onPlainLab = Object.fromEntries(Object.entries(cells[0]!).filter(([key]) => key !== 'labAuth')) as unknown as FaultMatrixCell;
    expect(faultCoverage([onPlainLab], LAB_FAULTS)).toMatchObject({ wrongLab: [onPlainLab], uncaughtFaults: [], missedDeclared: [] });
  }, 300_000);
});
