import type { CommandModule } from 'yargs';
import { decodeCommand } from './decode.js';
import { labCommand } from './lab.js';
import { loadCommand } from './load.js';
import { replCommand } from './repl.js';
import { runCommand } from './run.js';
import { reportCommand } from './report.js';
import { scenariosCommand } from './scenarios.js';
import { suiteCommand } from './suite.js';

// Each command lives in its own module; add new ones here.
export const commands: CommandModule<object, never>[] = [
  runCommand,
  scenariosCommand,
  labCommand,
  decodeCommand,
  replCommand,
  suiteCommand,
  loadCommand,
  reportCommand,
] as unknown as CommandModule<object, never>[];
