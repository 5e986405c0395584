/**
 * Tab completion from the command tables: dot-commands and their arguments, `ROLE.` operations,
 * `ROLE.expect.` kinds, role arguments (`alice.eject(c⇥`) and option names inside `{ … }`.
 * Returns `undefined` when the tables have nothing to say (the REPL's JavaScript completion runs).
 */
import { REPL_DOT_COMMANDS } from './repl-dot-commands.js';
import { REPL_EXPECTATIONS, REPL_OPERATIONS, type ReplArgKind } from './repl-operations.js';

export type Completion = [string[], string];

function matching(candidates: readonly string[], prefix: string): string[] {
  return candidates.filter((c) => c.startsWith(prefix));
}

function completeDot(line: string, roleNames: readonly string[]): Completion | undefined {
  const bare = /^\s*(\.\w*)$/.exec(line);
  if (bare) return [matching(REPL_DOT_COMMANDS.map((c) => `.${c.name}`).concat('.exit'), bare[1]!), bare[1]!];
  const withArgs = /^\s*\.(\w+)\s+(.*)$/.exec(line);
  if (!withArgs) return undefined;
  const command = REPL_DOT_COMMANDS.find((c) => c.name === withArgs[1]);
  if (!command || command.complete !== 'expectation') return [[], ''];
  const words = withArgs[2]!.split(/\s+/);
  const partial = words.pop() ?? '';
  if (words.length === 0) return [matching(roleNames, partial), partial];
  if (words.length === 1) return [matching(REPL_EXPECTATIONS.map((k) => k.name), partial), partial];
  const kind = REPL_EXPECTATIONS.find((k) => k.name === words[1]);
  if (words.length === 2 && kind?.firstArg === 'role') return [matching(roleNames, partial), partial];
  return [[], partial];
}

interface Callable {
  readonly firstArg: ReplArgKind;
  readonly options: readonly string[];
}

/** Inside `ROLE.op(…` or `ROLE.expect.kind(…` with the cursor still in the argument list. */
function completeArguments(callable: Callable, args: string, roleNames: readonly string[]): Completion | undefined {
  const partial = /([\w$]*)$/.exec(args)?.[1] ?? '';
  const opened = args.lastIndexOf('{');
  if (opened > args.lastIndexOf('}')) {
    // Only option names sit right after `{` or `,` — not after `key: `.
    if (!/[{,]\s*[\w$]*$/.test(args)) return [[], partial];
    return [matching(callable.options, partial), partial];
  }
  const first = !args.includes(',');
  if (first && callable.firstArg === 'role' && /(?:^|\s)[\w$]*$/.test(args)) return [matching(roleNames, partial), partial];
  return undefined;
}

export function completeReplLine(line: string, roleNames: readonly string[]): Completion | undefined {
  if (/^\s*\./.test(line)) return completeDot(line, roleNames);
  const call = /\b([A-Za-z_$][\w$]*)\.(?:expect\.)?([\w$]+)\(([^()]*)$/.exec(line);
  if (call && roleNames.includes(call[1]!)) {
    const viaExpect = call[0].includes('.expect.');
    const callable = viaExpect ? REPL_EXPECTATIONS.find((k) => k.name === call[2]) : REPL_OPERATIONS.find((o) => o.name === call[2]);
    return callable ? completeArguments(callable, call[3]!, roleNames) : undefined;
  }
  const expectKind = /\b([A-Za-z_$][\w$]*)\.expect\.([\w$]*)$/.exec(line);
  if (expectKind && roleNames.includes(expectKind[1]!)) {
    return [matching(REPL_EXPECTATIONS.map((k) => k.name), expectKind[2]!), expectKind[2]!];
  }
  const member = /\b([A-Za-z_$][\w$]*)\.([\w$]*)$/.exec(line);
  if (member && roleNames.includes(member[1]!) && !/\.\s*$/.test(line.slice(0, member.index))) {
    return [matching(REPL_OPERATIONS.map((o) => o.name), member[2]!), member[2]!];
  }
  return undefined;
}
