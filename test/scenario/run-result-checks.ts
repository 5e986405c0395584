/**
 * Assertions on a finished scenario run shared by the scenario tests: a one-line summary for
 * failure messages, a clean pass, and a failure caught under a given expectation id.
 */
import { expect } from 'vitest';
import type { RunResult } from '../../src/scenario/index.js';

/** The run's failures, else its harness error, else its status: what a failed assertion shows. */
export function summary(result: RunResult): string {
  return result.failures.map((f) => f.message).join('\n') || result.error?.message || result.status;
}

/** Passed without a warning; with `id`, some step checked that expectation. */
export function expectClean(result: RunResult, id?: string): void {
  expect(result.exitCode, summary(result)).toBe(0);
  expect(result.warnings.map((w) => `${w.role ?? ''} ${w.description}`)).toEqual([]);
  if (id !== undefined) expect(result.steps.flatMap((s) => s.checks.map((c) => c.id))).toContain(id);
}

/** Failed (exit 1) first on expectation `id`, and the diagnostic names the id and the step. */
export function expectCaught(result: RunResult, id: string): void {
  expect(result.exitCode, summary(result)).toBe(1);
  const first = result.failures[0];
  expect(first?.id, summary(result)).toBe(id);
  expect(first?.message).toContain(`[${id}]`);
  expect(first?.message).toContain(`step "${first?.step ?? ''}"`);
}
