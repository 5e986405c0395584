/**
 * `focus-harness run <scenario...>`: runs built-in scenarios (or scenario files) against a server
 * or, with no server, against an embedded lab focus on loopback. A thin shell over `runScenario`.
 *
 * Exit codes: 0 passed, 1 an expectation failed, 2 the harness could not run, 130 interrupted.
 */
import { basename, extname, join, dirname } from 'node:path';
import type { Argv, CommandModule, Options } from 'yargs';
import { loadProfile, parseProfile, resolveProfile, type ProfileOverrides, type ResolvedProfile } from '../../src/config/index.js';
import type { ServerTarget } from '../../src/endpoint/index.js';
import { checkParticipants, resolveScenario, runScenario, type RunResult, type Scenario } from '../../src/scenario/index.js';
import { keyLogFileWriter } from '../../src/transport/index.js';
import { reportHarnessError, setExitCode } from '../exit.js';

type RunFlag = 'profile' | 'server' | 'transport' | 'ca' | 'servername' | 'domain' | 'fault' | 'trace' | 'ladder' | 'timeout' | 'color' | 'participants' | 'keylog';

/** The options, declared once (style habit 11). */
const RUN_OPTIONS: Record<RunFlag, Options> = {
  profile: { type: 'string', describe: 'YAML run profile (server, domain, users, timeouts); flags override it', requiresArg: true },
  server: { type: 'string', describe: 'server to test as host:port (default: an embedded lab focus on 127.0.0.1)', requiresArg: true },
  transport: { choices: ['tls', 'tcp'] as const, describe: 'transport to the server (default tls)' },
  ca: { type: 'string', describe: 'PEM file of the CA that issued the server certificate', requiresArg: true },
  servername: { type: 'string', describe: 'TLS SNI / certificate name to expect (default: the host)', requiresArg: true },
  domain: { type: 'string', describe: 'SIP domain of the users (default contoso.com)', requiresArg: true },
  fault: { type: 'string', array: true, describe: 'lab focus fault switch (embedded lab only; repeatable); `focus-harness lab --list-faults` lists them' },
  trace: { type: 'string', describe: 'write every message as JSON Lines to FILE while running (kept on Ctrl-C)', requiresArg: true },
  ladder: { type: 'boolean', default: true, describe: 'print the ladder diagram (--no-ladder to skip)' },
  timeout: { type: 'number', describe: 'step and expectation timeout in ms (default 5000)', requiresArg: true },
  color: { type: 'boolean', describe: 'colour the ladder (default: when stdout is a terminal)' },
  keylog: { type: 'string', describe: 'append the TLS session keys (SSLKEYLOGFILE format, mode 0600) to FILE, for Wireshark on a capture of your own; default $SSLKEYLOGFILE when set', requiresArg: true },
  participants: { type: 'number', describe: 'participants in the IM-conference catalog scenarios (default 3; eject, eject-denied and join-and-chat always use alice, bob, carol)', requiresArg: true },
};

/** Every profile override has its flag: adding a field to ProfileOverrides without one fails to compile. */
const OVERRIDE_FLAGS: { readonly [K in keyof Required<ProfileOverrides>]: RunFlag } = {
  server: 'server',
  transport: 'transport',
  ca: 'ca',
  servername: 'servername',
  domain: 'domain',
  timeout: 'timeout',
  faults: 'fault',
};

export interface RunArgs {
  scenario: string[];
  profile?: string;
  server?: string;
  transport?: 'tls' | 'tcp';
  ca?: string;
  servername?: string;
  domain?: string;
  fault?: string[];
  trace?: string;
  ladder: boolean;
  timeout?: number;
  color?: boolean;
  participants?: number;
  keylog?: string;
}

function overridesFrom(args: RunArgs): ProfileOverrides {
  const out: Record<string, unknown> = {};
  for (const [key, flag] of Object.entries(OVERRIDE_FLAGS)) {
    const value = (args as unknown as Record<string, unknown>)[flag];
    if (value !== undefined) out[key] = value;
  }
  return out as ProfileOverrides;
}

function targetOf(resolved: ResolvedProfile): ServerTarget | 'embedded' {
  if (resolved.target === 'embedded') return 'embedded';
  const { host, port, transport, ca, servername, connectTimeoutMs } = resolved.target;
  return {
    host,
    port,
    transport,
    ...(ca === undefined ? {} : { ca }),
    ...(servername === undefined ? {} : { servername }),
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
  };
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
    const loaded = args.profile ? loadProfile(args.profile) : undefined;
    resolved = resolveProfile(loaded?.profile ?? parseProfile('{}', '(defaults)'), overridesFrom(args), loaded ? { profilePath: loaded.path } : {});
    for (const spec of args.scenario) scenarios.push(await resolveScenario(spec, { participants: checkParticipants(args.participants) }));
  } catch (error) {
    return reportHarnessError(error);
  }
  const keyLogPath = args.keylog ?? (process.env['SSLKEYLOGFILE'] || undefined);
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
        target: targetOf(resolved),
        faults: resolved.faults,
        stdout: out,
        ladder: args.ladder,
        color: args.color ?? out.isTTY === true,
        timeouts: resolved.timeouts,
        signal: controller.signal,
        ...(args.trace ? { trace: tracePathFor(args.trace, scenario.name, scenarios.length > 1) } : {}),
        ...(resolved.domain ? { domain: resolved.domain } : {}),
        ...(Object.keys(resolved.users).length ? { users: resolved.users } : {}),
        ...(keyLogPath ? { keyLog: keyLogFileWriter(keyLogPath) } : {}),
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
      .example('$0 run eject --fault omit-focus-bye', 'the same with a lab fault switched on: exits 1 naming the missing BYE')
      .example('$0 run eject --server 127.0.0.1:5061 --ca lab-ca.pem --servername localhost', 'against a running lab (`focus-harness lab`) or your own server')
      .example('$0 run eject join-and-chat --profile profiles/example-server.yaml --trace run.jsonl', 'several scenarios with a profile, keeping the trace')
      .example('$0 run join2 im --participants 10', 'catalog scenarios with ten participants (alice … judy)')
      .example('$0 run ./my-scenario.ts', 'a scenario file of your own (default export: defineScenario({ … }))')
      .epilogue('Exit codes: 0 passed, 1 an expectation failed (server misbehaviour), 2 the harness could not run (usage, connection, TLS, profile, scenario file), 130 interrupted.') as unknown as Argv<RunArgs>,
  handler: async (argv) => {
    setExitCode(argv as unknown as Record<string, unknown>, await runRun(argv));
  },
};
