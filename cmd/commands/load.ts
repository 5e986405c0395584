/**
 * `focus-harness load <scenario>`: a bounded load run of one scenario — N virtual users run it
 * back to back (closed model) against one lab focus (or a server), until --iterations or
 * --duration; thresholds decide the exit code. A thin shell over `runScenarioLoad`.
 *
 * Exit codes: 0 every threshold met, 1 a threshold failed, 2 the harness could not run, 130 interrupted.
 */
import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule, Options } from 'yargs';
import { traceRecordToJsonLine } from '../../src/capture/index.js';
import type { ResolvedProfile } from '../../src/config/index.js';
import {
  checkLoadBounds,
  formatDuration,
  formatLoadSummary,
  LoadProgress,
  parseDuration,
  renderLoadResultJson,
  runScenarioLoad,
  type LoadBounds,
  type LoadResult,
} from '../../src/load/index.js';
import { parseThreshold, type Threshold } from '../../src/metrics/index.js';
import { checkParticipants, resolveScenario, type RunTargetInfo, type Scenario } from '../../src/scenario/index.js';
import { systemClock } from '../../src/util/index.js';
import { resolveServerArgs, SERVER_OPTIONS, runnerOptionsOf, type ServerArgs, type ServerFlag } from '../server-options.js';
import { reportHarnessError, setExitCode } from '../exit.js';

type LoadFlag = ServerFlag | 'vus' | 'iterations' | 'duration' | 'max-duration' | 'threshold' | 'json' | 'trace' | 'participants';

/** When neither --iterations nor --duration is given. */
const DEFAULT_DURATION = '30s';

/** The options, declared once (style habit 11). */
const LOAD_OPTIONS: Record<LoadFlag, Options> = {
  vus: { type: 'number', default: 5, describe: 'virtual users: each runs the scenario back to back, with its own users per iteration (sip:alice.v3i17@domain)', requiresArg: true },
  iterations: { type: 'number', describe: 'stop after N iterations in all', requiresArg: true },
  duration: { type: 'string', describe: `stop starting iterations after this long (30s, 2m, 1m30s); in-flight ones finish (default ${DEFAULT_DURATION} when --iterations is not given)`, requiresArg: true },
  'max-duration': { type: 'string', default: '10m', describe: 'hard cap: in-flight iterations are interrupted when it passes', requiresArg: true },
  threshold: { type: 'string', array: true, describe: 'pass/fail criterion of the run (repeatable): failures<1%, failures==0, step:p95<500, iteration:p99<3s, iterations/s>5 (default failures==0)' },
  json: { type: 'string', describe: 'write the result as JSON to FILE (kind focus-harness/load-result, version 1; see docs/load-runs.md)', requiresArg: true },
  trace: { type: 'string', describe: 'write the trace of the first iteration that did not pass to FILE as JSON Lines (`focus-harness report FILE` draws its ladder)', requiresArg: true },
  participants: { type: 'number', describe: 'participants in the IM-conference catalog scenarios (default 3)', requiresArg: true },
  ...SERVER_OPTIONS,
  profile: { type: 'string', describe: 'YAML run profile (server, domain, timeouts); its fixed users allow --vus 1 only', requiresArg: true },
  server: { type: 'string', describe: 'server to load as host:port; it must accept any user of the domain (a lab). Default: one embedded lab focus on 127.0.0.1 for the run', requiresArg: true },
};

export interface LoadArgs extends ServerArgs {
  scenario: string;
  vus: number;
  iterations?: number;
  duration?: string;
  'max-duration': string;
  threshold?: string[];
  json?: string;
  trace?: string;
  participants?: number;
}

/** Where the load command writes: injectable for tests. Progress goes to stderr. */
export interface LoadIo {
  readonly stdout: { write(text: string): unknown; readonly columns?: number | undefined };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean | undefined; readonly columns?: number | undefined };
}

interface LoadPlan {
  readonly scenario: Scenario;
  readonly resolved: ResolvedProfile;
  readonly bounds: LoadBounds;
  readonly thresholds: Threshold[];
}

async function planOf(args: LoadArgs): Promise<LoadPlan> {
  const resolved = resolveServerArgs(args);
  const scenario = await resolveScenario(args.scenario, { participants: checkParticipants(args.participants) });
  const duration = args.duration ?? (args.iterations === undefined ? DEFAULT_DURATION : undefined);
  const bounds = checkLoadBounds({
    vus: args.vus,
    iterations: args.iterations,
    durationMs: duration === undefined ? undefined : parseDuration(duration),
    maxDurationMs: parseDuration(args['max-duration'], '--max-duration'),
  });
  return { scenario, resolved, bounds, thresholds: (args.threshold ?? []).map(parseThreshold) };
}

function describeTarget(target: RunTargetInfo): string {
  const where = `${target.transport}://${target.host}:${target.port}`;
  return `${target.embedded ? 'embedded lab focus ' : ''}${where}${target.faults.length ? ` with faults ${target.faults.join(', ')}` : ''}`;
}

function describeBounds(vus: number, bounds: LoadBounds): string {
  const limits = [
    ...(bounds.iterations === undefined ? [] : [`${bounds.iterations} iterations`]),
    ...(bounds.durationMs === undefined ? [] : [`for ${formatDuration(bounds.durationMs)}`]),
  ];
  const bound = limits.length > 1 ? `${limits.join(' or ')}, whichever comes first` : limits.join('');
  return `${vus} virtual user${vus === 1 ? '' : 's'} · ${bound} (hard cap ${formatDuration(bounds.maxDurationMs)})`;
}

function writeArtefacts(args: LoadArgs, result: LoadResult, io: LoadIo): void {
  if (args.json) {
    writeFileSync(args.json, renderLoadResultJson(result));
    io.stdout.write(`json: ${args.json}\n`);
  }
  if (!args.trace) return;
  const records = result.firstFailure?.run.records ?? [];
  writeFileSync(args.trace, records.map((r) => `${traceRecordToJsonLine(r)}\n`).join(''));
  io.stdout.write(records.length ? `trace of iteration ${result.firstFailure?.iteration}: ${args.trace}\n` : `trace: every iteration passed; ${args.trace} is empty\n`);
}

export async function runLoadCommand(args: LoadArgs, io: LoadIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let plan: LoadPlan;
  try {
    plan = await planOf(args);
  } catch (error) {
    return reportHarnessError(error);
  }
  const { scenario, resolved, bounds } = plan;
  // More virtual users than iterations would only sit idle.
  const vus = bounds.iterations === undefined ? args.vus : Math.min(args.vus, bounds.iterations);
  const controller = new AbortController();
  let progress: LoadProgress | undefined;
  const onSigint = (): void => {
    progress?.stop();
    io.stderr.write('\nfocus-harness: interrupted (Ctrl-C); stopping the virtual users…\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const result = await runScenarioLoad(scenario, {
      ...runnerOptionsOf(resolved),
      vus,
      maxDurationMs: bounds.maxDurationMs,
      thresholds: plan.thresholds,
      signal: controller.signal,
      ...(bounds.iterations === undefined ? {} : { iterations: bounds.iterations }),
      ...(bounds.durationMs === undefined ? {} : { durationMs: bounds.durationMs }),
      onStart: (target) => {
        io.stdout.write(`load ${scenario.name} — ${scenario.title}\n  target: ${describeTarget(target)}\n  ${describeBounds(vus, bounds)}\n\n`);
        progress = new LoadProgress(io.stderr, systemClock, scenario.name, vus);
      },
      onProgress: (snapshot) => progress?.update(snapshot),
    });
    progress?.stop();
    io.stdout.write(formatLoadSummary(result, { width: io.stdout.columns ?? 132 }));
    writeArtefacts(args, result, io);
    return result.exitCode;
  } catch (error) {
    progress?.stop();
    return reportHarnessError(error);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export const loadCommand: CommandModule<object, LoadArgs> = {
  command: 'load <scenario>',
  describe: 'Load run: N virtual users run one scenario back to back against one lab focus (or a lab server); thresholds decide the exit code',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('scenario', { type: 'string', describe: 'built-in scenario name (see `focus-harness scenarios`) or a path to a .ts/.js scenario file' })
      .options(LOAD_OPTIONS)
      .example('$0 load eject --vus 4 --iterations 100', '4 virtual users share 100 eject runs on an embedded lab focus; exit 0 when all pass')
      .example('$0 load join2 --participants 10 --duration 2m --threshold "failures<1%" --threshold "step:p95<500"', 'ten-person conferences for two minutes: under 1% failed iterations and every step\'s p95 under 500 ms')
      .example('$0 load eject-passive --iterations 20 --fault omit-focus-bye --timeout 2000', 'a lab fault under load: exit 1, the summary names the failure and how many iterations hit it')
      .example('$0 load im --duration 30s --threshold "iterations/s>5" --json load.json --trace first-failure.jsonl', 'a throughput floor; the result as JSON and the first failed iteration\'s trace')
      .example('$0 load eject --server 127.0.0.1:5061 --ca lab-ca.pem --servername localhost --vus 10 --duration 1m', 'against a running `focus-harness lab` (any user of the domain may register)')
      .epilogue(
        [
          'Each virtual user runs iterations back to back until --iterations in all have started or --duration has passed (in-flight iterations finish); --max-duration (default 10m) is the hard cap. With neither bound, --duration 30s.',
          'Every iteration gets its own users (sip:alice.v3i17@<domain>: virtual user 3, iteration 17), because a registrar binds an AOR to one connection: a server under load must accept any user of the domain, as the lab focus does. A profile with fixed users works with --vus 1 only.',
          'Progress goes to stderr (one line redrawn on a terminal, a line every 5 s otherwise); the summary to stdout: iterations and rate, per-step p50/p90/p95/p99/max of the steps that passed, failure reasons with their counts, the first failed iteration with the ladder around the failure, and the thresholds.',
          'Exit codes: 0 every threshold met, 1 a threshold failed, 2 the harness could not run (usage, profile, TLS, or no iteration could run), 130 interrupted (what ran is summarised).',
        ].join('\n\n'),
      ) as unknown as Argv<LoadArgs>,
  handler: async (argv) => {
    setExitCode(argv as unknown as Record<string, unknown>, await runLoadCommand(argv));
  },
};
