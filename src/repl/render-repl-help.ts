/**
 * `.help`: the roles, their operations with options, the expectations and the dot-commands —
 * rendered from the same tables the completer reads.
 */
import { REPL_DOT_COMMANDS } from './repl-dot-commands.js';
import { REPL_EXPECTATIONS, REPL_OPERATIONS } from './repl-operations.js';

export function renderReplHelp(roleNames: readonly string[]): string {
  const lines: string[] = [];
  lines.push(`Roles: ${roleNames.join(', ')}   (more: addRole('user${roleNames.length + 1}'))`);
  lines.push('');
  lines.push('Operations (ROLE.op…; await the async ones):');
  const opWidth = Math.max(...REPL_OPERATIONS.map((op) => op.name.length + op.signature.length)) + 8;
  for (const op of REPL_OPERATIONS) {
    const call = `${op.async ? 'await ' : ''}${op.name}${op.signature}`;
    const options = op.options.length ? `  [options: ${op.options.join(', ')}]` : '';
    lines.push(`  ${call.padEnd(opWidth)} ${op.summary}${options}`);
  }
  lines.push('');
  lines.push('Expectations (await ROLE.expect.kind(…) → ✓ or ✗ with the nearest miss):');
  const kindWidth = Math.max(...REPL_EXPECTATIONS.map((k) => k.name.length + k.signature.length)) + 2;
  for (const kind of REPL_EXPECTATIONS) {
    const options = kind.options.length ? `  [options: ${kind.options.join(', ')}]` : '';
    lines.push(`  ${`${kind.name}${kind.signature}`.padEnd(kindWidth)} ${kind.summary}${options}`);
  }
  lines.push('');
  lines.push('Dot-commands:');
  const dotWidth = Math.max(...REPL_DOT_COMMANDS.map((c) => c.name.length + c.args.length)) + 3;
  for (const command of REPL_DOT_COMMANDS) {
    lines.push(`  ${`.${command.name}${command.args ? ` ${command.args}` : ''}`.padEnd(dotWidth)} ${command.summary}`);
  }
  lines.push('  .exit'.padEnd(dotWidth + 3) + 'leave the REPL (Ctrl-D)');
  lines.push('');
  lines.push('Tab completes role names, operations and their options.');
  return lines.join('\n');
}
