/**
 * The REPL's dot-commands, declared once: node:repl registers them, `.help` lists them and the
 * completer offers them and their arguments.
 */
import { writeFileSync } from 'node:fs';
import { renderLadder } from '../report/index.js';
import { FocusHarnessError } from '../errors.js';
import type { ReplDotCommand } from './repl-dot-command.js';
import { runDotExpect } from './run-dot-expect.js';
import { formatMessage } from './format-message.js';

export const REPL_DOT_COMMANDS: readonly ReplDotCommand[] = [
  {
    name: 'ladder',
    args: '',
    summary: 'the whole ladder so far (every message of every role)',
    complete: 'none',
    run(context) {
      const records = context.session.records;
      if (records.length === 0) return context.print('(no messages yet)');
      context.print(renderLadder(records, { roles: context.session.roleNames, width: context.width, color: context.color }));
    },
  },
  {
    name: 'show',
    args: 'N',
    summary: 'message N of the ladder in full (credentials redacted)',
    complete: 'seq',
    run(context, argument) {
      const records = context.session.records;
      const seq = Number(argument.trim());
      const record = Number.isInteger(seq) ? records.find((r) => r.seq === seq) : undefined;
      if (!record) {
        throw new FocusHarnessError('FH_USAGE', records.length ? `.show wants a message number from 1 to ${records.at(-1)!.seq}, got "${argument.trim()}"` : 'no messages yet');
      }
      context.print(formatMessage(record));
    },
  },
  {
    name: 'roster',
    args: '',
    summary: "each role's view of the roster",
    complete: 'none',
    run(context) {
      const lines = [...context.session.roles.values()].map((role) => role.roster().toString());
      context.print(lines.join('\n'));
    },
  },
  {
    name: 'trace',
    args: 'FILE',
    summary: "save the session's trace as JSON Lines (as `run --trace` writes it)",
    complete: 'file',
    run(context, argument) {
      const path = argument.trim();
      if (path === '') throw new FocusHarnessError('FH_USAGE', '.trace wants a file name, e.g. .trace session.jsonl');
      writeFileSync(path, context.session.recorder.toJsonLines());
      context.print(`trace: ${context.session.records.length} messages written to ${path}`);
    },
  },
  {
    name: 'expect',
    args: 'ROLE KIND [ARG] [MS]',
    summary: 'a one-off expectation, e.g. `.expect carol bye 5000`, `.expect alice notInRoster carol`',
    complete: 'expectation',
    run: runDotExpect,
  },
  {
    name: 'help',
    args: '',
    summary: 'roles, operations, options and dot-commands',
    complete: 'none',
    run(context) {
      context.print(context.help());
    },
  },
];
