/**
 * `focus-harness suite [scenario...]`: runs the catalog (all built-ins by default, the names given,
 * or a suite file), each scenario isolated, and writes results.json, junit.xml, report.html,
 * trace.jsonl, capture.pcapng (and keylog.txt with TLS) into --out. A thin shell over `runSuite`.
 *
 * Exit codes: 0 all passed, 1 some failed, 2 the harness could not run, 130 interrupted.
 */
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule, Options } from 'yargs';
import type { ResolvedProfile } from '../../src/config/index.js';
import {
  formatBaselineSummary,
  loadSuiteFile,
  parseResultsJson,
  runSuite,
  type ReportableRun,
  type ResultsDocument,
  type SuiteOutcome,
} from '../../src/report/index.js';
import { builtinScenariosFor, checkParticipants, resolveScenario, runScenario, type Scenario } from '../../src/scenario/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import { LOG_LEVELS, createLogger, logSipTraffic, type LogLevel } from '../../src/log/index.js';
import { resolveServerArgs, SERVER_OPTIONS, runnerOptionsOf, type ServerArgs, type ServerFlag } from '../server-options.js';
import { reportHarnessError, setExitCode } from '../exit.js';

type SuiteFlag = ServerFlag | 'suite' | 'out' | 'baseline' | 'log-level' | 'log-file' | 'unsafe-keep-secrets' | 'participants';

/** The options, declared once (style habit 11). */
const SUITE_OPTIONS: Record<SuiteFlag, Options> = {
  ...SERVER_OPTIONS,
  suite: { type: 'string', describe: 'YAML suite file: a list of scenarios, or { scenarios: [...], profile: FILE }', requiresArg: true },
  out: { type: 'string', default: 'focus-harness-results', describe: 'folder for results.json, junit.xml, report.html, trace.jsonl, capture.pcapng, keylog.txt', requiresArg: true },
  baseline: { type: 'string', describe: "a previous run's results.json: mark new-failure / fixed / still-failing / flaky and step latency changes", requiresArg: true },
  server: { type: 'string', describe: 'server to test as host:port (default: an embedded lab focus per scenario on 127.0.0.1)', requiresArg: true },
  fault: { type: 'string', array: true, describe: 'lab focus fault switch for every scenario (embedded lab only; repeatable)' },
  'log-level': { choices: LOG_LEVELS, default: 'warn', describe: 'pino log level (debug: one line per SIP message; trace: full messages)' },
  'log-file': { type: 'string', describe: 'write the log as JSON lines to FILE (default: stderr, pretty in a terminal)', requiresArg: true },
  participants: { type: 'number', describe: 'participants in the IM-conference catalog scenarios (default 3; eject, eject-denied and join-and-chat always use alice, bob, carol)', requiresArg: true },
  'unsafe-keep-secrets': { type: 'boolean', default: false, describe: 'keep Authorization / Proxy-Authorization values and passwords in logs, trace, pcap and reports (never in CI)' },
};

export interface SuiteArgs extends ServerArgs {
  scenario?: string[];
  suite?: string;
  out: string;
  baseline?: string;
  'log-level'?: LogLevel;
  'log-file'?: string;
  'unsafe-keep-secrets': boolean;
  participants?: number;
}

/** Where the suite command writes: injectable for tests. */
export interface SuiteIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean | undefined; readonly columns?: number | undefined };
}

function readBaseline(path: string): ResultsDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FocusHarnessError('FH_USAGE', `cannot read --baseline ${path}: ${(error as Error).message}`, { where: path, cause: error });
  }
  return parseResultsJson(text, path);
}

function scenarioLine(run: ReportableRun, index: number, total: number): string {
  const mark = run.status === 'passed' ? '✓' : run.status === 'failed' ? '✗' : run.status === 'error' ? '!' : '-';
  const cause = run.failures[0]?.message.split('\n')[0] ?? (run.error ? `${run.error.code}: ${run.error.message}` : '');
  const warn = run.warnings.length ? `, ${run.warnings.length} SHOULD` : '';
  return `${mark} [${index}/${total}] ${run.scenario.name} ${run.status} (${(run.durationMs / 1000).toFixed(2)} s${warn})${cause ? ` — ${cause}` : ''}\n`;
}

export function formatSuiteSummary(outcome: SuiteOutcome): string {
  const lines: string[] = [];
  if (outcome.results.baseline) lines.push(...formatBaselineSummary(outcome.results.baseline), '');
  const s = outcome.results.summary;
  lines.push(`${s.total} scenario(s): ${s.passed} passed, ${s.failed} failed, ${s.errored} could not run${s.interrupted ? `, ${s.interrupted} interrupted` : ''}; ${s.warnings} SHOULD finding(s)`);
  const a = outcome.artifacts;
  lines.push(`artefacts: ${[a.results, a.junit, a.html, a.trace, a.pcapng, ...(a.keylog ? [a.keylog] : [])].join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export async function runSuiteCommand(args: SuiteArgs, io: SuiteIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let resolved: ResolvedProfile;
  let baseline: ResultsDocument | undefined;
  const scenarios: Scenario[] = [];
  try {
    const file = args.suite ? loadSuiteFile(args.suite) : undefined;
    const profilePath = args.profile ?? file?.profile;
    resolved = resolveServerArgs(args, profilePath);
    const specs = [...(file?.scenarios ?? []), ...(args.scenario ?? [])];
    const participants = checkParticipants(args.participants);
    if (specs.length === 0) scenarios.push(...builtinScenariosFor(participants));
    for (const spec of specs) scenarios.push(await resolveScenario(spec, { participants }));
    if (args.baseline) baseline = readBaseline(args.baseline);
  } catch (error) {
    return reportHarnessError(error);
  }
  const keep = args['unsafe-keep-secrets'];
  const secrets = Object.values(resolved.users).flatMap((u) => (u.password ? [u.password] : []));
  const logger = createLogger({
    level: args['log-level'] ?? 'warn',
    secrets,
    unsafeKeepSecrets: keep,
    ...(args['log-file'] ? { file: args['log-file'] } : {}),
  });
  logger.info({ event: 'suite.start', scenarios: scenarios.map((s) => s.name), out: args.out, baseline: args.baseline }, `suite: ${scenarios.length} scenario(s)`);
  logger.debug({ event: 'suite.profile', profile: resolved }, 'resolved profile');
  const stopTraffic = logSipTraffic(logger);
  const controller = new AbortController();
  const onSigint = (): void => {
    io.stderr.write('\nfocus-harness: interrupted (Ctrl-C); writing what ran…\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const outcome = await runSuite({
      scenarios,
      outDir: args.out,
      keepSecrets: keep,
      secrets,
      progress: io.stderr,
      signal: controller.signal,
      ...(baseline ? { baseline } : {}),
      run: (scenario, context) =>
        runScenario(scenario, {
          ...runnerOptionsOf(resolved),
          keyLog: context.keyLog,
          signal: controller.signal,
          traceSecrets: keep,
        }),
      onScenarioEnd: (run, index) => {
        const failure = run.failures[0]?.message ?? (run.error ? `${run.error.code}: ${run.error.message}` : undefined);
        logger.info({ event: 'scenario.end', scenario: run.scenario.name, status: run.status, durationMs: run.durationMs, failure }, `${run.scenario.name}: ${run.status}`);
        io.stdout.write(scenarioLine(run, index, scenarios.length));
      },
    });
    logger.info({ event: 'suite.end', summary: outcome.results.summary, artifacts: outcome.artifacts }, 'suite finished');
    io.stdout.write(`\n${formatSuiteSummary(outcome)}`);
    return outcome.exitCode;
  } catch (error) {
    logger.error({ event: 'suite.error', err: error }, 'suite could not run');
    return reportHarnessError(error);
  } finally {
    stopTraffic();
    logger.flush();
    process.off('SIGINT', onSigint);
  }
}

export const suiteCommand: CommandModule<object, SuiteArgs> = {
  command: 'suite [scenario...]',
  describe: 'Run a set of scenarios (default: every built-in) and write JUnit, HTML, JSON, trace and pcapng artefacts for CI',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('scenario', { type: 'string', array: true, describe: 'built-in scenario names or scenario files (default: all built-ins)' })
      .options(SUITE_OPTIONS)
      .example('$0 suite --out results', 'every built-in scenario against an embedded lab focus')
      .example('$0 suite --profile profiles/example-server.yaml --baseline last/results.json --out results', 'the nightly interop run, compared with last night')
      .example('$0 suite --suite nightly.suite.yaml', 'the scenarios (and profile) listed in a suite file')
      .epilogue('Exit codes: 0 all passed, 1 some scenario failed, 2 the harness could not run, 130 interrupted. Open report.html in a browser; capture.pcapng in Wireshark (Decode As SIP on the server port, see the file comment).') as unknown as Argv<SuiteArgs>,
  handler: async (argv) => {
    setExitCode(argv as unknown as Record<string, unknown>, await runSuiteCommand(argv));
  },
};
