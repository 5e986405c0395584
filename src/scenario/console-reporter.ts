/**
 * The console reporter: each step with ✓ / ✗ / ! as it finishes, then the ladder of the whole
 * run (failing step and messages highlighted), then a summary a person reads at a glance.
 */
import { renderLadder, renderLadderExcerpt } from '../report/index.js';
import type { CheckResult } from './check-result.js';
import type { RunHooks } from './run-hooks.js';
import type { RunResult, StepResult } from './run-result.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly columns?: number;
}

export interface ConsoleReporterOptions {
  /** Print the ladder after the steps. @default true */
  readonly ladder?: boolean;
  /** @default false */
  readonly color?: boolean;
  /** @default the stream's columns (a terminal), else 132 */
  readonly width?: number;
}

const MARK: Readonly<Record<StepResult['status'], string>> = { passed: '✓', failed: '✗', warned: '!', skipped: '-' };

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

function checkLine(check: CheckResult): string {
  const id = check.id ? `[${check.id}] ` : '';
  const role = check.role ? `${check.role}: ` : '';
  const detail = check.detail ? ` — ${check.detail}` : '';
  return `${id}${role}${check.description}${detail}`;
}

export function formatStepLine(step: StepResult): string {
  const lines = [`  ${MARK[step.status]} ${step.index}. ${step.name} (${step.durationMs} ms)`];
  for (const check of step.checks) {
    if (!check.passed && check.severity === 'SHOULD') lines.push(`      ! SHOULD ${checkLine(check)}`);
  }
  if (step.failure) lines.push(indent(step.failure.message, '      '));
  return lines.join('\n');
}

/** The last lines of a run: PASS / FAIL / ERROR with the first cause and the counts. */
export function formatRunSummary(result: RunResult): string {
  const steps = result.steps.length;
  const checks = result.steps.reduce((n, s) => n + s.checks.filter((c) => c.severity !== 'INFO').length, 0);
  const counts = `${steps} steps, ${checks} checks, ${result.warnings.length} warnings, ${result.records.length} messages, ${result.durationMs} ms`;
  const name = result.scenario.name;
  switch (result.status) {
    case 'passed':
      return `PASS ${name}: ${counts}`;
    case 'failed': {
      const first = result.failures[0];
      const more = result.failures.length > 1 ? `\n  (+${result.failures.length - 1} more failure${result.failures.length > 2 ? 's' : ''})` : '';
      return `FAIL ${name}: ${counts}\n${first ? indent(first.message, '  ') : ''}${more}`;
    }
    case 'interrupted':
      return `INTERRUPTED ${name} after ${steps} steps (${result.records.length} messages)`;
    case 'error': {
      const e = result.error;
      const where = e?.where ? ` (${e.where})` : '';
      return `ERROR ${name}: ${e ? `${e.code}: ${e.message}${where}` : 'the harness could not run'}`;
    }
  }
}

export function createConsoleReporter(out: OutputStream, options: ConsoleReporterOptions = {}): RunHooks {
  return {
    onRunStart(info) {
      out.write(`${info.scenario} — ${info.title}\n  target: ${info.target}\n`);
    },
    onStepResult(step) {
      out.write(`${formatStepLine(step)}\n`);
    },
    onRunEnd(result) {
      const firstSeq = result.failures[0]?.seqs[0];
      if (options.ladder === false && firstSeq !== undefined && result.records.length > 0) {
        // Without the full ladder, still show where the failure is: a few messages around it.
        out.write(`\n${renderLadderExcerpt(result.records, firstSeq, 3, { roles: result.scenario.roles, color: options.color ?? false, width: options.width ?? out.columns ?? 132 })}`);
      }
      if (options.ladder !== false && result.records.length > 0) {
        const highlight = result.failures.flatMap((f) => f.seqs);
        out.write(
          `\n${renderLadder(result.records, {
            roles: result.scenario.roles,
            steps: result.steps,
            highlight,
            color: options.color ?? false,
            width: options.width ?? out.columns ?? 132,
          })}`,
        );
      }
      const shouldWarnings = result.warnings.length
        ? `\nwarnings (SHOULD):\n${result.warnings.map((w) => `  ! ${checkLine(w)}`).join('\n')}\n`
        : '';
      out.write(`${shouldWarnings}\n${formatRunSummary(result)}\n`);
    },
  };
}
