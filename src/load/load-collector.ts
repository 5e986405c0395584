/**
 * Folds iteration results into the load metrics as they arrive, keeping nothing of a passed
 * iteration but numbers: memory stays flat over a long run. Only the first iteration that did not
 * pass is kept whole (its trace is what a person reads first).
 */
import { LatencySamples, type ThresholdInput } from '../metrics/index.js';
import type { RunResult } from '../scenario/index.js';
import { withoutIterationTags } from './iteration-users.js';
import type { LoadFailureGroup, LoadFirstFailure, LoadIterationCounts, LoadStepStats } from './load-result.js';

/** Distinct step names tracked; a scenario naming steps per iteration gets one bucket for the rest. */
const MAX_STEPS = 200;
/** Distinct failure reasons tracked; the rest are counted under one bucket. */
const MAX_FAILURE_GROUPS = 100;
const OTHER_STEPS = '(other steps)';
const OTHER_FAILURES = '(other failure reasons)';

export interface IterationOutcome {
  readonly vu: number;
  readonly iteration: number;
  readonly result: RunResult;
}

interface StepSeries {
  readonly index: number;
  readonly name: string;
  readonly latency: LatencySamples;
  failed: number;
}

interface FailureGroup {
  readonly message: string;
  readonly step: string | undefined;
  count: number;
  readonly firstIteration: number;
  readonly firstVu: number;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** The reason an iteration did not pass: its first MUST failure, else the harness error. */
function causeOf(result: RunResult): { message: string; step: string | undefined; seqs: readonly number[] } {
  const failure = result.failures[0];
  if (failure) return { message: failure.message, step: failure.step, seqs: failure.seqs };
  const step = result.steps.find((s) => s.status === 'failed')?.name;
  const error = result.error;
  const message = error ? `${error.code}: ${error.message}${error.where ? ` (${error.where})` : ''}` : `the iteration ended ${result.status}`;
  return { message, step, seqs: [] };
}

export class LoadCollector {
  readonly #iteration = new LatencySamples();
  readonly #steps = new Map<string, StepSeries>();
  readonly #groups = new Map<string, FailureGroup>();
  #started = 0;
  #passed = 0;
  #failed = 0;
  #error = 0;
  #interrupted = 0;
  #first: LoadFirstFailure | undefined;

  /** An iteration was handed to a virtual user. */
  started(): void {
    this.#started++;
  }

  add(outcome: IterationOutcome): void {
    const { result } = outcome;
    switch (result.status) {
      case 'interrupted':
        this.#interrupted++;
        return;
      case 'passed':
        this.#passed++;
        this.#iteration.add(result.durationMs);
        break;
      case 'failed':
        this.#failed++;
        break;
      case 'error':
        this.#error++;
        break;
    }
    for (const step of result.steps) this.#addStep(step.name, step.status, step.durationMs);
    if (result.status !== 'passed') this.#addFailure(outcome);
  }

  get counts(): LoadIterationCounts {
    const completed = this.#passed + this.#failed + this.#error;
    return { started: this.#started, completed, passed: this.#passed, failed: this.#failed, error: this.#error, interrupted: this.#interrupted };
  }

  get firstFailure(): LoadFirstFailure | undefined {
    return this.#first;
  }

  get iterationLatency(): LatencySamples {
    return this.#iteration;
  }

  steps(): LoadStepStats[] {
    return [...this.#steps.values()].map((s) => {
      const latency = s.latency.summary();
      return { index: s.index, name: s.name, passed: s.latency.count, failed: s.failed, ...(latency ? { latency } : {}) };
    });
  }

  /** Failure reasons, most frequent first (ties: the one seen first). */
  failureGroups(): LoadFailureGroup[] {
    return [...this.#groups.values()]
      .sort((a, b) => b.count - a.count || a.firstIteration - b.firstIteration)
      .map((g) => ({ message: g.message, count: g.count, firstIteration: g.firstIteration, firstVu: g.firstVu, ...(g.step === undefined ? {} : { step: g.step }) }));
  }

  thresholdInput(elapsedMs: number): ThresholdInput {
    const counts = this.counts;
    return {
      completed: counts.completed,
      failing: counts.failed + counts.error,
      elapsedMs,
      iteration: this.#iteration,
      steps: [...this.#steps.values()].map((s) => ({ name: s.name, latency: s.latency })),
    };
  }

  #addStep(name: string, status: string, durationMs: number): void {
    const series = this.#seriesFor(name);
    // A failed step's time is mostly its timeout: latency is measured where the step passed.
    if (status === 'passed' || status === 'warned') series.latency.add(durationMs);
    else if (status === 'failed') series.failed++;
  }

  #seriesFor(name: string): StepSeries {
    const known = this.#steps.get(name);
    if (known) return known;
    const key = this.#steps.size < MAX_STEPS ? name : OTHER_STEPS;
    let series = this.#steps.get(key);
    if (!series) {
      series = { index: this.#steps.size + 1, name: key, latency: new LatencySamples(), failed: 0 };
      this.#steps.set(key, series);
    }
    return series;
  }

  #addFailure(outcome: IterationOutcome): void {
    const cause = causeOf(outcome.result);
    const message = withoutIterationTags(firstLine(cause.message));
    const key = this.#groups.has(message) || this.#groups.size < MAX_FAILURE_GROUPS ? message : OTHER_FAILURES;
    const group = this.#groups.get(key);
    if (group) group.count++;
    else this.#groups.set(key, { message: key, step: key === OTHER_FAILURES ? undefined : cause.step, count: 1, firstIteration: outcome.iteration, firstVu: outcome.vu });
    if (this.#first) return;
    this.#first = {
      iteration: outcome.iteration,
      vu: outcome.vu,
      status: outcome.result.status === 'error' ? 'error' : 'failed',
      message: cause.message,
      seqs: cause.seqs,
      run: outcome.result,
      ...(cause.step === undefined ? {} : { step: cause.step }),
    };
  }
}
