import type { Clock } from '../util/index.js';
import type { ReportableRun } from './reportable-run.js';
import type { ResultsDocument } from './results-document.js';
import type { ProgressStream } from './suite-progress.js';

/** What the runner callback gets for each scenario. */
export interface SuiteRunContext {
  /** 1-based. */
  readonly index: number;
  readonly total: number;
  /** Append TLS key log lines (NSS format) here; they go to `keylog.txt`. */
  readonly keyLog: (line: string) => void;
}

/** Options of {@link runSuite}. */
export interface RunSuiteOptions<S extends { readonly name: string }> {
  readonly scenarios: readonly S[];
  /** Runs one scenario in isolation (its own endpoints, users and conference) — `runScenario`. */
  readonly run: (scenario: S, context: SuiteRunContext) => Promise<ReportableRun>;
  /** Where the artefacts go (created when missing). */
  readonly outDir: string;
  /** A previous run's results to compare with. */
  readonly baseline?: ResultsDocument;
  /** Keep credentials in trace, pcap and report. @default false */
  readonly keepSecrets?: boolean;
  /** Values (passwords) removed from every artefact unless `keepSecrets`. */
  readonly secrets?: readonly string[];
  /** The status line goes here, only when it is a TTY. */
  readonly progress?: ProgressStream;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Stop after the current scenario. */
  readonly signal?: AbortSignal;
  /** Called after each scenario (e.g. to print a line); the status line is cleared first. */
  readonly onScenarioEnd?: (run: ReportableRun, index: number) => void;
}

/** Paths of the files {@link runSuite} wrote. */
export interface SuiteArtifacts {
  readonly results: string;
  readonly junit: string;
  readonly html: string;
  readonly trace: string;
  readonly pcapng: string;
  /** Written when a TLS key log line was collected. */
  readonly keylog?: string;
}

export interface SuiteOutcome {
  readonly results: ResultsDocument;
  readonly exitCode: 0 | 1 | 2 | 130;
  readonly artifacts: SuiteArtifacts;
  readonly runs: readonly ReportableRun[];
}
