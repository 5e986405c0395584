/**
 * `runLoad`: a closed-model load run (k6's constant virtual users): `vus` virtual users each run
 * iterations back to back until `iterations` in all have been started or `durationMs` has
 * passed, whichever comes first; then the run judges its thresholds.
 *
 * @remarks Stopping:
 * ```
 *  running ──iterations all started──▶ draining (in-flight iterations finish) ──▶ done
 *     │  ────durationMs passed─────────▶ draining
 *     │  ────no iteration could run───▶ draining (each VU's first iteration ended in a harness error)
 *     └──────Ctrl-C / maxDurationMs───▶ in-flight iterations interrupted ──▶ done
 * ```
 */
import { FocusHarnessError } from '../errors.js';
import { evaluateThresholds, parseThreshold, perSecond, type Threshold } from '../metrics/index.js';
import { harnessErrorResult, type RunResult } from '../scenario/index.js';
import { systemClock, type TimerHandle } from '../util/index.js';
import { checkLoadBounds } from './check-load-bounds.js';
import { LoadCollector } from './load-collector.js';
import { MAX_FAILURE_GROUPS_SHOWN, type LoadResult, type LoadStatus, type LoadStopReason } from './load-result.js';
import type { LoadIteration, RunLoadOptions } from './run-load-options.js';

/** When no threshold is given: every iteration must pass. */
export const DEFAULT_THRESHOLDS: readonly Threshold[] = [parseThreshold('failures==0')];

const EXIT_CODES = { passed: 0, failed: 1, error: 2, interrupted: 130 } as const;

function thrownResult(options: RunLoadOptions, error: unknown, durationMs: number): RunResult {
  const harnessError = error instanceof FocusHarnessError ? error : new FocusHarnessError('FH_INTERNAL', `the iteration threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return harnessErrorResult({ ...options.scenario, roles: [] }, harnessError, { startedAt: 0, durationMs });
}

export async function runLoad(options: RunLoadOptions): Promise<LoadResult> {
  const bounds = checkLoadBounds(options);
  const clock = options.clock ?? systemClock;
  const thresholds = options.thresholds?.length ? options.thresholds : DEFAULT_THRESHOLDS;
  const collector = new LoadCollector();
  const stop = new AbortController();
  const startedAt = clock.now();
  let stoppedBy: LoadStopReason | undefined;
  let draining = false;
  let running = 0;
  const end = (reason: LoadStopReason, interrupt: boolean): void => {
    stoppedBy ??= reason;
    draining = true;
    if (interrupt) stop.abort();
  };
  const timers: TimerHandle[] = [clock.setTimer(bounds.maxDurationMs, () => end('max-duration', true))];
  if (bounds.durationMs !== undefined) timers.push(clock.setTimer(bounds.durationMs, () => end('duration', false)));
  const onAbort = (): void => end('interrupted', true);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  // A run whose every virtual user failed to run even one iteration measures nothing about the
  // server: stop instead of hammering a closed port until the duration ends.
  const couldNotRunAfter = Math.min(options.vus, bounds.iterations ?? options.vus);
  const progress = (): void => {
    const c = collector.counts;
    options.onProgress?.({
      elapsedMs: clock.now() - startedAt,
      started: c.started,
      completed: c.completed,
      passed: c.passed,
      failed: c.failed,
      error: c.error,
      running,
      vus: options.vus,
      ...(bounds.iterations === undefined ? {} : { iterations: bounds.iterations }),
      ...(bounds.durationMs === undefined ? {} : { durationMs: bounds.durationMs }),
    });
  };
  const virtualUser = async (vu: number): Promise<void> => {
    while (!draining && (bounds.iterations === undefined || collector.counts.started < bounds.iterations)) {
      collector.started();
      // Each iteration gets its own signal, linked to the run's for as long as it runs: listeners
      // an iteration leaves on it go away with it instead of piling up on the run's signal.
      const own = new AbortController();
      const relay = (): void => own.abort();
      stop.signal.addEventListener('abort', relay, { once: true });
      const it: LoadIteration = { vu, iteration: collector.counts.started, signal: own.signal };
      running++;
      const began = clock.now();
      let result: RunResult;
      try {
        result = await options.iteration(it);
      } catch (error) {
        result = thrownResult(options, error, clock.now() - began);
      } finally {
        stop.signal.removeEventListener('abort', relay);
      }
      running--;
      collector.add({ vu, iteration: it.iteration, result });
      const c = collector.counts;
      if (c.passed + c.failed === 0 && c.error >= couldNotRunAfter) end('could-not-run', false);
      progress();
    }
  };
  try {
    await Promise.all(Array.from({ length: options.vus }, (_, i) => virtualUser(i + 1)));
  } finally {
    for (const timer of timers) timer.cancel();
    options.signal?.removeEventListener('abort', onAbort);
  }
  const durationMs = clock.now() - startedAt;
  const reason: LoadStopReason = stoppedBy ?? 'iterations';
  const counts = collector.counts;
  const verdicts = evaluateThresholds(thresholds, collector.thresholdInput(durationMs));
  const status: LoadStatus =
    reason === 'interrupted' ? 'interrupted' : reason === 'could-not-run' ? 'error' : verdicts.every((v) => v.passed) ? 'passed' : 'failed';
  const groups = collector.failureGroups();
  const iterationDuration = collector.iterationLatency.summary();
  const firstFailure = collector.firstFailure;
  return {
    scenario: options.scenario,
    target: options.target,
    vus: options.vus,
    bounds,
    startedAt,
    durationMs,
    stoppedBy: reason,
    iterations: counts,
    iterationsPerSecond: perSecond(counts.completed, durationMs),
    steps: collector.steps(),
    failures: groups.slice(0, MAX_FAILURE_GROUPS_SHOWN),
    distinctFailures: groups.length,
    thresholds: verdicts,
    status,
    exitCode: EXIT_CODES[status],
    ...(iterationDuration ? { iterationDuration } : {}),
    ...(firstFailure ? { firstFailure } : {}),
  };
}
