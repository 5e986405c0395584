/**
 * The shape of a scenario run the renderers read. `RunResult` from `src/scenario` satisfies it
 * structurally; it is declared here because the report layer sits below the scenario layer and
 * must not import it (ARCHITECTURE.md, test/architecture).
 */
import type { TraceRecord } from '../capture/index.js';

export interface ReportableCheck {
  readonly id?: string | undefined;
  readonly severity: 'MUST' | 'SHOULD' | 'INFO';
  readonly passed: boolean;
  readonly role?: string | undefined;
  readonly description: string;
  readonly detail?: string | undefined;
  readonly seqs: readonly number[];
}

export interface ReportableFailure {
  readonly step: string;
  readonly id?: string | undefined;
  readonly role?: string | undefined;
  readonly expected: string;
  readonly actual?: string | undefined;
  readonly nearestMiss?:
    | { readonly seq: number; readonly firstLine: string; readonly label: string; readonly dialog?: string | undefined; readonly reason: string }
    | undefined;
  readonly seqs: readonly number[];
  /** The diagnostic as printed. */
  readonly message: string;
}

export interface ReportableStep {
  readonly index: number;
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'warned' | 'skipped';
  readonly durationMs: number;
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly checks: readonly ReportableCheck[];
}

export interface ReportableRun {
  readonly scenario: { readonly name: string; readonly title: string; readonly spec?: string | undefined; readonly roles: readonly string[] };
  readonly status: 'passed' | 'failed' | 'error' | 'interrupted';
  readonly exitCode: 0 | 1 | 2 | 130;
  readonly steps: readonly ReportableStep[];
  readonly failures: readonly ReportableFailure[];
  readonly warnings: readonly ReportableCheck[];
  readonly notes: readonly ReportableCheck[];
  readonly error?: { readonly code: string; readonly message: string; readonly where?: string | undefined } | undefined;
  readonly records: readonly TraceRecord[];
  readonly target?:
    | { readonly host: string; readonly port: number; readonly transport: 'tls' | 'tcp'; readonly embedded: boolean; readonly faults: readonly string[] }
    | undefined;
  readonly startedAt: number;
  readonly durationMs: number;
}
