/**
 * `focus-harness run <scenario...>`: runs built-in scenarios (or scenario files) against a server
 * or, with no server, against an embedded lab focus on loopback. A thin shell over `runScenario`.
 *
 * Exit codes: 0 passed, 1 an expectation failed, 2 the harness could not run, 130 interrupted.
 */
import { basename, extname, join, dirname } from 'node:path';
import type { Argv, CommandModule, Options } from 'yargs';
import type { ResolvedProfile } from '../../src/config/index.js';
import { checkParticipants, resolveScenario, runScenario, type RunResult, type Scenario } from '../../src/scenario/index.js';
import { keyLogFileWriter } from '../../src/transport/index.js';
import { resolveServerArgs, SERVER_OPTIONS, runnerOptionsOf, type ServerArgs, type ServerFlag } from '../server-options.js';
import { reportHarnessError, setExitCode } from '../exit.js';

type RunFlag = ServerFlag | 'trace' | 'ladder' | 'color' | 'participants' | 'keylog';

/** The options, declared once (style habit 11). */
const RUN_OPTIONS: Record<RunFlag, Options> = {
  ...SERVER_OPTIONS,
  trace: { type: 'string', describe: 'write every message as JSON Lines to FILE while running (kept on Ctrl-C)', requiresArg: true },
  ladder: { type: 'boolean', default: true, describe: 'print the ladder diagram (--no-ladder to skip)' },
  color: { type: 'boolean', describe: 'colour the ladder (default: when stdout is a terminal)' },
  keylog: { type: 'string', describe: 'append the TLS session keys (SSLKEYLOGFILE format, mode 0600) to FILE, for Wireshark on a capture of your own; default $SSLKEYLOGFILE when set', requiresArg: true },
  participants: { type: 'number', describe: 'participants in the IM-conference catalog scenarios (default 3; eject, eject-denied and join-and-chat always use alice, bob, carol)', requiresArg: true },
};

export interface RunArgs extends ServerArgs {
  scenario: string[];
  trace?: string;
  ladder: boolean;
  color?: boolean;
  participants?: number;
  keylog?: string;
}

/** `trace.jsonl` → `trace.eject.jsonl` when several scenarios share one --trace. */
function tracePathFor(trace: string, scenario: string, many: boolean): string {
  if (!many) return trace;
  const ext = extname(trace);
  return join(dirname(trace), `${basename(trace, ext)}.${scenario}${ext || '.jsonl'}`);
}

function worst(results: readonly RunResult[]): number {
  const codes = results.map((r) => r.exitCode);
  if (codes.includes(130)) return 130;
  if (codes.includes(2)) return 2;
  if (codes.includes(1)) return 1;
  return 0;
}

export async function runRun(args: RunArgs, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  let resolved: ResolvedProfile;
  const scenarios: Scenario[] = [];
  try {
    resolved = resolveServerArgs(args);
    const participants = checkParticipants(args.participants);
    for (const spec of args.scenario) scenarios.push(await resolveScenario(spec, { participants }));
  } catch (error) {
    return reportHarnessError(error);
  }
  const keyLogPath = args.keylog ?? (process.env['SSLKEYLOGFILE'] || undefined);
  const keyLog = keyLogPath ? keyLogFileWriter(keyLogPath) : undefined;
  const controller = new AbortController();
  const onSigint = (): void => {
    out.write('\nfocus-harness: interrupted (Ctrl-C); stopping after cleaning up…\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const results: RunResult[] = [];
  try {
    for (const scenario of scenarios) {
      if (results.length) out.write('\n');
      const result = await runScenario(scenario, {
        ...runnerOptionsOf(resolved),
        stdout: out,
        ladder: args.ladder,
        color: args.color ?? out.isTTY === true,
        signal: controller.signal,
        ...(args.trace ? { trace: tracePathFor(args.trace, scenario.name, scenarios.length > 1) } : {}),
        ...(keyLog ? { keyLog } : {}),
      });
      results.push(result);
      if (result.error) reportHarnessError(result.error);
      if (result.exitCode === 130) break;
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (args.trace) out.write(`trace: ${scenarios.length > 1 ? scenarios.map((s) => tracePathFor(args.trace!, s.name, true)).join(', ') : args.trace}\n`);
  if (results.length > 1) {
    const passed = results.filter((r) => r.exitCode === 0).length;
    out.write(`\n${results.length} scenarios: ${passed} passed, ${results.length - passed} not passed\n`);
  }
  return worst(results);
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario...>',
  describe: 'Run scenarios (built-in names or scenario files) against a focus server; prints steps, a ladder and a summary',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('scenario', { type: 'string', array: true, describe: 'built-in scenario name (see `focus-harness scenarios`) or a path to a .ts/.js scenario file' })
      .options(RUN_OPTIONS)
      .example('$0 run eject', 'eject against an embedded lab focus on loopback (TLS, generated CA)')
      .example('$0 run eject-passive --fault omit-focus-bye', 'a lab fault switched on: the passive victim waits for a focus BYE that never comes, exit 1 naming it')
      .example('$0 run eject --server 127.0.0.1:5061 --ca lab-ca.pem --servername localhost', 'against a running lab (`focus-harness lab`) or your own server')
      .example('$0 run eject join-and-chat --profile profiles/example-server.yaml --trace run.jsonl', 'several scenarios with a profile, keeping the trace')
      .example('$0 run join2 im --participants 10', 'catalog scenarios with ten participants (alice … judy)')
      .example('$0 run ./my-scenario.ts', 'a scenario file of your own (default export: defineScenario({ … }))')
      .epilogue('Exit codes: 0 passed, 1 an expectation failed (server misbehaviour), 2 the harness could not run (usage, connection, TLS, profile, scenario file), 130 interrupted.') as unknown as Argv<RunArgs>,
  handler: async (argv) => {
    setExitCode(argv as unknown as Record<string, unknown>, await runRun(argv));
  },
};
