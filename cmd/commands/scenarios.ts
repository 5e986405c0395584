/**
 * `focus-harness scenarios`: lists the built-in scenarios (name, one-line description, spec).
 */
import type { Argv, CommandModule } from 'yargs';
import { builtinScenarios } from '../../src/scenario/index.js';
import { setExitCode } from '../exit.js';

export interface ScenariosArgs {
  json: boolean;
}

export function formatScenarioList(json: boolean): string {
  const rows = builtinScenarios.map((s) => ({ name: s.name, title: s.title, spec: s.spec ?? '', roles: [...s.roles] }));
  if (json) return `${JSON.stringify(rows, null, 2)}\n`;
  const nameWidth = Math.max(...rows.map((r) => r.name.length), 4);
  const specWidth = Math.max(...rows.map((r) => r.spec.length), 4);
  const lines = rows.map((r) => `${r.name.padEnd(nameWidth)}  ${r.spec.padEnd(specWidth)}  ${r.title}`);
  return `${'name'.padEnd(nameWidth)}  ${'spec'.padEnd(specWidth)}  description\n${lines.join('\n')}\n`;
}

export const scenariosCommand: CommandModule<object, ScenariosArgs> = {
  command: 'scenarios',
  describe: 'List the built-in scenarios',
  builder: (yargs: Argv<object>) =>
    yargs
      .option('json', { type: 'boolean', default: false, describe: 'print as JSON' })
      .example('$0 scenarios', 'name, spec section and description of each built-in scenario')
      .example('$0 run eject', 'run one of them') as unknown as Argv<ScenariosArgs>,
  handler: (argv) => {
    process.stdout.write(formatScenarioList(argv.json));
    setExitCode(argv as unknown as Record<string, unknown>, 0);
  },
};
