/**
 * The closed-model executor on its own: iterations are functions returning run results (the
 * scenario runner's output shape), so the bounds, counting, grouping and stopping rules are
 * checked exactly. The real runs against the lab focus are in load-command.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { FocusHarnessError } from '../../src/errors.js';
import { runLoad, type LoadIteration, type RunLoadOptions } from '../../src/load/index.js';
import { parseThreshold } from '../../src/metrics/index.js';
import { ExpectationFailure, type RunResult, type RunStatus } from '../../src/scenario/index.js';
import { ManualClock } from '../../src/util/index.js';

const TARGET = { host: '127.0.0.1', port: 5061, transport: 'tls' as const, embedded: true, faults: [] };

function result(status: RunStatus, extra: Partial<RunResult> = {}): RunResult {
  return {
    scenario: { name: 'fake', title: 'fake', roles: ['alice'] },
    status,
    exitCode: ({ passed: 0, failed: 1, error: 2, interrupted: 130 } as const)[status],
    steps: [
      { index: 1, name: 'register', status: 'passed', durationMs: 10, fromSeq: 1, toSeq: 2, checks: [] },
      { index: 2, name: 'eject', status: status === 'failed' ? 'failed' : 'passed', durationMs: status === 'failed' ? 5000 : 30, fromSeq: 3, toSeq: 4, checks: [] },
    ],
    failures: [],
    warnings: [],
    notes: [],
    records: [],
    startedAt: 0,
    durationMs: 40,
    ...extra,
  };
}

function failed(iteration: number): RunResult {
  const failure = new ExpectationFailure({ step: 'eject', role: 'carol', expected: `BYE in D1 for sip:carol.v1i${iteration}@contoso.com`, seqs: [54] });
  return result('failed', { failures: [failure] });
}

function options(extra: Partial<RunLoadOptions> & Pick<RunLoadOptions, 'iteration' | 'vus'>): RunLoadOptions {
  return { scenario: { name: 'fake', title: 'fake' }, target: TARGET, ...extra };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Moves a manual clock forward in small steps, letting the iterations react between them. */
async function drive(clock: ManualClock, until: () => boolean, stepMs = 10, limitMs = 60_000): Promise<void> {
  for (let t = 0; t < limitMs && !until(); t += stepMs) {
    clock.advance(stepMs);
    await tick();
  }
}

describe('runLoad', () => {
  it('runs exactly --iterations with at most --vus at a time, each iteration numbered once', async () => {
    const seen: LoadIteration[] = [];
    let running = 0;
    let peak = 0;
    const load = await runLoad(
      options({
        vus: 3,
        iterations: 10,
        iteration: async (it) => {
          seen.push(it);
          peak = Math.max(peak, ++running);
          await tick();
          running--;
          return result('passed');
        },
      }),
    );
    expect(load.iterations).toEqual({ started: 10, completed: 10, passed: 10, failed: 0, error: 0, interrupted: 0 });
    expect(seen.map((s) => s.iteration).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(seen.map((s) => s.vu))).toEqual(new Set([1, 2, 3]));
    expect(peak).toBe(3);
    expect(load).toMatchObject({ stoppedBy: 'iterations', status: 'passed', exitCode: 0, thresholds: [{ threshold: 'failures==0', passed: true }] });
    expect(load.steps.map((s) => [s.index, s.name, s.passed, s.failed])).toEqual([
      [1, 'register', 10, 0],
      [2, 'eject', 10, 0],
    ]);
    expect(load.steps[1]!.latency).toMatchObject({ count: 10, p50: 30, max: 30 });
    expect(load.iterationDuration).toMatchObject({ count: 10, p99: 40 });
  });

  it('groups failures by their first line across iterations, keeps the first failed run whole and fails the default threshold', async () => {
    const load = await runLoad(options({ vus: 2, iterations: 8, iteration: async ({ iteration }) => (iteration % 2 === 0 ? failed(iteration) : result('passed')) }));
    expect(load.iterations).toMatchObject({ completed: 8, passed: 4, failed: 4 });
    expect(load.distinctFailures).toBe(1);
    expect(load.failures).toEqual([
      { message: 'step "eject": carol: expected BYE in D1 for sip:carol.v*i*@contoso.com', step: 'eject', count: 4, firstIteration: 2, firstVu: 2 },
    ]);
    expect(load.firstFailure).toMatchObject({ iteration: 2, vu: 2, status: 'failed', step: 'eject', seqs: [54] });
    expect(load.firstFailure?.message).toContain('sip:carol.v1i2@contoso.com');
    // A failed step's time (its timeout) is not a latency sample.
    expect(load.steps[1]).toMatchObject({ passed: 4, failed: 4, latency: { max: 30 } });
    expect(load).toMatchObject({ status: 'failed', exitCode: 1, thresholds: [{ passed: false, actual: '4 of 8 iterations failed (50%)' }] });
    const lenient = await runLoad(options({ vus: 2, iterations: 8, thresholds: [parseThreshold('failures<=50%')], iteration: async ({ iteration }) => (iteration % 2 === 0 ? failed(iteration) : result('passed')) }));
    expect(lenient).toMatchObject({ status: 'passed', exitCode: 0 });
  });

  it('stops when no virtual user could run a single iteration (exit 2), instead of spinning until the duration ends', async () => {
    let calls = 0;
    const refused = new FocusHarnessError('FH_TRANSPORT_CONNECT', 'connect ECONNREFUSED 127.0.0.1:5061');
    const load = await runLoad(
      options({
        vus: 4,
        durationMs: 60_000,
        iteration: async () => {
          calls++;
          await tick();
          return result('error', { steps: [], error: refused });
        },
      }),
    );
    expect(calls).toBeLessThanOrEqual(8);
    expect(load).toMatchObject({ stoppedBy: 'could-not-run', status: 'error', exitCode: 2 });
    expect(load.failures[0]).toMatchObject({ message: 'FH_TRANSPORT_CONNECT: connect ECONNREFUSED 127.0.0.1:5061' });
  });

  it('counts an iteration that throws as one that could not run', async () => {
    const load = await runLoad(
      options({
        vus: 1,
        iterations: 3,
        iteration: async ({ iteration }) => {
          if (iteration === 2) throw new Error('boom');
          return result('passed');
        },
      }),
    );
    expect(load.iterations).toMatchObject({ passed: 2, error: 1 });
    expect(load.failures[0]?.message).toBe('FH_INTERNAL: the iteration threw: boom');
  });

  it('stops starting iterations when --duration passes and lets in-flight ones finish', async () => {
    const clock = new ManualClock(0);
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimer(ms, resolve));
    let done = false;
    const pending = runLoad(options({ vus: 2, durationMs: 1000, clock, iteration: async () => (await sleep(300), result('passed')) })).finally(() => (done = true));
    await drive(clock, () => done);
    const load = await pending;
    // Iterations start at 0, 300, 600 and 900 ms on each of two virtual users; the last ends at 1200 ms.
    expect(load).toMatchObject({ stoppedBy: 'duration', status: 'passed', durationMs: 1200 });
    expect(load.iterations).toMatchObject({ started: 8, passed: 8, interrupted: 0 });
  });

  it('interrupts in-flight iterations at the hard cap', async () => {
    const clock = new ManualClock(0);
    let done = false;
    const hang = ({ signal }: LoadIteration): Promise<RunResult> => new Promise((resolve) => signal.addEventListener('abort', () => resolve(result('interrupted'))));
    const pending = runLoad(options({ vus: 3, durationMs: 500, maxDurationMs: 2000, clock, iteration: hang })).finally(() => (done = true));
    await drive(clock, () => done);
    const load = await pending;
    expect(load).toMatchObject({ stoppedBy: 'duration', durationMs: 2000 });
    expect(load.iterations).toEqual({ started: 3, completed: 0, passed: 0, failed: 0, error: 0, interrupted: 3 });
  });

  it('on abort (Ctrl-C) interrupts the iterations, returns what ran and exits 130', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    let completed = 0;
    const load = await runLoad(
      options({
        vus: 2,
        durationMs: 60_000,
        signal: controller.signal,
        onProgress: (p) => {
          completed = p.completed;
          if (completed === 5) controller.abort();
        },
        iteration: ({ signal }) => {
          signals.push(signal);
          return new Promise((resolve) => {
            if (signal.aborted) return resolve(result('interrupted'));
            const timer = setImmediate(() => resolve(result('passed')));
            signal.addEventListener('abort', () => {
              clearImmediate(timer);
              resolve(result('interrupted'));
            });
          });
        },
      }),
    );
    expect(load).toMatchObject({ stoppedBy: 'interrupted', status: 'interrupted', exitCode: 130 });
    expect(load.iterations.passed).toBe(5);
    expect(load.iterations.interrupted).toBe(1);
    // Every iteration had a signal of its own (listeners left on it die with it).
    expect(new Set(signals).size).toBe(signals.length);
  });

  it('refuses a run without a bound or with too many virtual users (FH_USAGE)', async () => {
    const iteration = async (): Promise<RunResult> => result('passed');
    await expect(runLoad(options({ vus: 2, iteration }))).rejects.toMatchObject({ code: 'FH_USAGE', message: expect.stringContaining('--iterations N or --duration 30s') });
    await expect(runLoad(options({ vus: 0, iterations: 1, iteration }))).rejects.toMatchObject({ code: 'FH_USAGE', message: expect.stringContaining('--vus') });
    await expect(runLoad(options({ vus: 1, durationMs: 20 * 60_000, iteration }))).rejects.toMatchObject({ code: 'FH_USAGE', message: expect.stringContaining('--max-duration') });
  });
});
