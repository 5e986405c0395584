/**
 * `runScenario`: the programmatic entry the CLI is a shell over. Resolves the target (starting the
 * embedded lab focus when none is given), streams the trace, runs the scenario and reports.
 */
import { TraceRecorder } from '../capture/index.js';
import type { ServerTarget } from '../endpoint/index.js';
import { FocusHarnessError, isFocusHarnessError } from '../errors.js';
import { systemClock, type Clock } from '../util/index.js';
import { createConsoleReporter, type OutputStream } from './console-reporter.js';
import type { Scenario } from './define-scenario.js';
import { LAB_DEFAULT_DOMAIN } from '../labfocus/index.js';
import { startEmbeddedLab, type EmbeddedLab, type EmbeddedLabAuth } from './embedded-lab.js';
import type { RunHooks } from './run-hooks.js';
import { harnessErrorResult, type RunResult, type RunTargetInfo } from './run-result.js';
import { ScenarioRun, type ScenarioUser } from './scenario-run.js';
import { DEFAULT_TIMEOUTS, type ScenarioTimeouts } from './scenario-timeouts.js';

export interface RunScenarioOptions {
  /** A server to test, or `'embedded'` for a lab focus on loopback. @default 'embedded' */
  readonly target?: ServerTarget | 'embedded';
  /** Lab focus fault switches (embedded target only). */
  readonly faults?: readonly string[];
  /**
   * How the embedded lab authenticates (e.g. `{ scheme: 'ntlm', users }` for MS-SIPAE; give the
   * roles matching `users` with `authScheme: 'ntlm'`). @default no authentication
   */
  readonly labAuth?: EmbeddedLabAuth;
  /** Write the trace as JSON Lines to this file while the run goes (kept on Ctrl-C). */
  readonly trace?: string;
  /** Keep credentials in the trace file. @default false */
  readonly traceSecrets?: boolean;
  readonly clock?: Clock;
  /** Print steps, ladder and summary here (a console reporter). */
  readonly stdout?: OutputStream;
  /** @default true */
  readonly ladder?: boolean;
  /** @default false */
  readonly color?: boolean;
  /** Users' SIP domain. @default the lab's domain, else 'contoso.com' */
  readonly domain?: string;
  readonly users?: Readonly<Record<string, ScenarioUser>>;
  readonly timeouts?: Partial<ScenarioTimeouts>;
  /** Aborting interrupts the run (exit 130), keeping what ran. */
  readonly signal?: AbortSignal;
  /** Extra reporter hooks (called after the console reporter's). */
  readonly hooks?: RunHooks;
  /** Where the embedded lab keeps its CA. @default a folder under the OS temp dir */
  readonly labCertDir?: string;
  /** Receives every TLS session's key log line (NSS SSLKEYLOGFILE format), for Wireshark. */
  readonly keyLog?: (line: string) => void;
}

function mergeHooks(list: readonly RunHooks[]): RunHooks {
  return {
    onRunStart: (info) => list.forEach((h) => h.onRunStart?.(info)),
    onStepStart: (step) => list.forEach((h) => h.onStepStart?.(step)),
    onStepResult: (step) => list.forEach((h) => h.onStepResult?.(step)),
    onRunEnd: (result) => list.forEach((h) => h.onRunEnd?.(result)),
  };
}

function errorResult(scenario: Scenario, error: FocusHarnessError, clock: Clock, startedAt: number, target?: RunTargetInfo): RunResult {
  const described = { name: scenario.name, title: scenario.title, roles: scenario.roles, ...(scenario.spec ? { spec: scenario.spec } : {}) };
  return harnessErrorResult(described, error, { startedAt, durationMs: clock.now() - startedAt, ...(target ? { target } : {}) });
}

/** Runs one scenario and returns its result (never throws for server misbehaviour or setup errors). */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<RunResult> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const hooks = mergeHooks([
    ...(options.stdout ? [createConsoleReporter(options.stdout, { ...(options.ladder === undefined ? {} : { ladder: options.ladder }), ...(options.color === undefined ? {} : { color: options.color }) })] : []),
    ...(options.hooks ? [options.hooks] : []),
  ]);
  const faults = options.faults ?? [];
  const wanted = options.target ?? 'embedded';
  let embedded: EmbeddedLab | undefined;
  let targetInfo: RunTargetInfo | undefined;
  const recorder = new TraceRecorder();
  try {
    if (wanted !== 'embedded' && faults.length) {
      throw new FocusHarnessError('FH_USAGE', `--fault applies only to the embedded lab focus (drop --server to use it); got ${faults.join(', ')}`);
    }
    if (wanted === 'embedded') {
      embedded = await startEmbeddedLab({
        faults,
        ...(options.labCertDir ? { certDir: options.labCertDir } : {}),
        ...(options.labAuth ? { auth: options.labAuth } : {}),
      });
    }
    const target = embedded?.target ?? (wanted as ServerTarget);
    targetInfo = { host: target.host, port: target.port, transport: target.transport, embedded: embedded !== undefined, faults };
    if (options.trace) await recorder.writeJsonLines(options.trace, { keepSecrets: options.traceSecrets ?? false });
    const where = `${embedded ? 'embedded lab focus ' : ''}${target.transport}://${target.host}:${target.port}${faults.length ? ` with faults ${faults.join(', ')}` : ''}`;
    hooks.onRunStart?.({ scenario: scenario.name, title: scenario.title, target: where });
    const run = new ScenarioRun(scenario, {
      target,
      domain: options.domain ?? embedded?.domain ?? LAB_DEFAULT_DOMAIN,
      clock,
      recorder,
      timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
      hooks,
      ...(options.users ? { users: options.users } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.keyLog ? { keyLog: options.keyLog } : {}),
    });
    const result: RunResult = { ...(await run.execute()), target: targetInfo };
    hooks.onRunEnd?.(result);
    return result;
  } catch (error) {
    const harnessError = isFocusHarnessError(error)
      ? error
      : new FocusHarnessError('FH_INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
    const result = errorResult(scenario, harnessError, clock, startedAt, targetInfo);
    hooks.onRunEnd?.(result);
    return result;
  } finally {
    recorder.close();
    await embedded?.lab.stop().catch(() => undefined);
  }
}
