/**
 * `focus-harness repl`: an interactive session where alice, bob, carol … are live endpoints
 * against a server (or an embedded lab focus). A thin shell over `startRepl`.
 *
 * Exit codes: 0 after `.exit` / Ctrl-D, 2 the harness could not start (usage, profile, TLS).
 */
import type { Argv, CommandModule, Options } from 'yargs';
import { FocusHarnessError } from '../../src/errors.js';
import { startRepl } from '../../src/repl/index.js';
import { resolveServerArgs, SERVER_OPTIONS, runnerOptionsOf, type ServerArgs, type ServerFlag } from '../server-options.js';
import { reportHarnessError, setExitCode } from '../exit.js';

type ReplFlag = ServerFlag | 'roles' | 'history' | 'color';

/** The options, declared once (style habit 11). */
const REPL_OPTIONS: Record<ReplFlag, Options> = {
  ...SERVER_OPTIONS,
  server: { type: 'string', describe: 'server as host:port (default: an embedded lab focus on 127.0.0.1)', requiresArg: true },
  fault: { type: 'string', array: true, describe: 'lab focus fault switch (embedded lab only; repeatable)' },
  roles: { type: 'number', default: 3, describe: 'how many roles: alice, bob, carol, then user4, user5 …', requiresArg: true },
  history: { type: 'string', describe: 'history file (default ~/.focus-harness_history)', requiresArg: true },
  timeout: { type: 'number', describe: 'expectation and C3P timeout in ms (default 5000)', requiresArg: true },
  color: { type: 'boolean', describe: 'colour the output (default: when stdout is a terminal)' },
};

export interface ReplArgs extends ServerArgs {
  roles: number;
  history?: string;
  color?: boolean;
}

export async function runRepl(args: ReplArgs, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stdout): Promise<number> {
  try {
    if (!Number.isInteger(args.roles) || args.roles < 1 || args.roles > 50) {
      return reportHarnessError(new FocusHarnessError('FH_USAGE', `--roles wants a whole number from 1 to 50, got ${args.roles}`));
    }
    const resolved = resolveServerArgs(args);
    const handle = await startRepl({
      ...runnerOptionsOf(resolved),
      input,
      output,
      roles: args.roles,
      ...(args.color === undefined ? {} : { color: args.color }),
      ...(args.history === undefined ? {} : { historyPath: args.history }),
    });
    await handle.closed;
    return 0;
  } catch (error) {
    return reportHarnessError(error);
  }
}

export const replCommand: CommandModule<object, ReplArgs> = {
  command: 'repl',
  describe: 'Drive alice, bob, carol … by hand at a JavaScript prompt (top-level await) and watch every message arrive',
  builder: (yargs: Argv<object>) =>
    yargs
      .options(REPL_OPTIONS)
      .example('$0 repl', 'against an embedded lab focus; then: await alice.register()')
      .example('$0 repl --server 127.0.0.1:5061 --ca lab-ca.pem --servername localhost --roles 6', 'six roles against a running lab or your own server')
      .epilogue('At the prompt: .help lists the roles, operations, expectations and dot-commands (.ladder, .show N, .roster, .trace FILE, .expect).') as unknown as Argv<ReplArgs>,
  handler: async (argv) => {
    setExitCode(argv as unknown as Record<string, unknown>, await runRepl(argv));
  },
};
