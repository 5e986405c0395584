/**
 * The `focus-harness` command line: a thin shell over the programmatic API in `src/`.
 *
 * Exit codes: 0 success, 1 an expectation failed (the server misbehaved), 2 the harness
 * could not run (usage, connection, TLS, profile).
 */
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { commands } from './commands/index.js';
import { reportHarnessError } from './exit.js';

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const parser = yargs([...argv])
    .scriptName('focus-harness')
    .usage('$0 <command> [options]\n\nEmulates Lync / Skype for Business clients (Alice, Bob, Carol…) against a conference focus server over TLS.\nWith no --server, an embedded lab focus is started on loopback.')
    .command(commands.map((c) => c as unknown as CommandModule))
    .demandCommand(1, 'Name a command; `focus-harness --help` lists them.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error, y) => {
      if (error) throw error;
      process.stderr.write(`${y.help() ? '' : ''}focus-harness: ${message}\nRun with --help for usage.\n`);
      exitCode = 2;
    });
  try {
    const result = (await parser.parseAsync()) as { exitCode?: number };
    return result.exitCode ?? exitCode;
  } catch (error) {
    return reportHarnessError(error);
  }
}
