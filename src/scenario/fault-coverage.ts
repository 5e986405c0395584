/**
 * What a fault-coverage matrix proves (issue 5): which faults no scenario caught, which
 * scenarios caught no fault, which declared `caughtBy` pairs let the fault through, and which
 * clean runs failed. Pure: a function of the cells.
 */
import type { LabFault } from '../labfocus/index.js';
import type { FaultMatrixCell } from './fault-matrix.js';

/** The part of a {@link LabFault} the coverage needs. */
export type CoveredFault = Pick<LabFault, 'name' | 'caughtBy' | 'severity' | 'requiresAuth'>;

export interface FaultCoverage {
  /** Faults run in some cell that no cell caught. */
  readonly uncaughtFaults: readonly string[];
  /** Scenarios run with some fault that caught none. */
  readonly idleScenarios: readonly string[];
  /** Declared pairs (fault → a scenario of its `caughtBy`) whose run did not catch the fault. */
  readonly missedDeclared: readonly FaultMatrixCell[];
  /** Clean runs that did not pass cleanly (a false failure or warning). */
  readonly falseFailures: readonly FaultMatrixCell[];
  /** Runs the harness could not carry out (exit 2). */
  readonly errors: readonly FaultMatrixCell[];
  /**
   * Cells of a fault that `requiresAuth` run against a lab without it: the fault changes nothing
   * there, so they count neither as caught nor as missed.
   */
  readonly wrongLab: readonly FaultMatrixCell[];
}

/**
 * True when the cell's run shows the fault: a MUST failure, or — for a fault whose assertion is
 * a SHOULD — a warning.
 */
export function isCaught(cell: FaultMatrixCell, severity: 'MUST' | 'SHOULD' = 'MUST'): boolean {
  return cell.verdict === 'failed' || (severity === 'SHOULD' && cell.verdict === 'warned');
}

/** Sums up the cells of a matrix run (clean cells have no `fault`). */
export function faultCoverage(cells: readonly FaultMatrixCell[], faults: readonly CoveredFault[]): FaultCoverage {
  const byName = new Map(faults.map((f) => [f.name as string, f]));
  const onItsLab = (cell: FaultMatrixCell): boolean => {
    const needs = byName.get(cell.fault ?? '')?.requiresAuth;
    return needs === undefined || cell.labAuth === needs;
  };
  const faulty = cells.filter((c) => c.fault !== undefined && onItsLab(c));
  const caught = (cell: FaultMatrixCell): boolean => isCaught(cell, byName.get(cell.fault ?? '')?.severity);
  const faultsRun = unique(faulty.map((c) => c.fault as string));
  const scenariosRun = unique(faulty.map((c) => c.scenario));
  return {
    uncaughtFaults: faultsRun.filter((f) => !faulty.some((c) => c.fault === f && caught(c))),
    idleScenarios: scenariosRun.filter((s) => !faulty.some((c) => c.scenario === s && c.verdict === 'failed')),
    missedDeclared: faulty.filter((c) => byName.get(c.fault as string)?.caughtBy.includes(c.scenario) === true && !caught(c)),
    falseFailures: cells.filter((c) => c.fault === undefined && !c.passed),
    errors: cells.filter((c) => c.verdict === 'error'),
    wrongLab: cells.filter((c) => c.fault !== undefined && !onItsLab(c)),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
