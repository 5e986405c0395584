import { describe, expect, it } from 'vitest';
import { REPL_DOT_COMMANDS, REPL_EXPECTATIONS, REPL_OPERATIONS, renderReplHelp } from '../../src/repl/index.js';

describe('renderReplHelp', () => {
  const help = renderReplHelp(['alice', 'bob', 'carol']);

  it('lists the roles and how to add one', () => {
    expect(help).toMatch(/^Roles: alice, bob, carol {3}\(more: addRole\('user4'\)\)/);
  });

  it('lists every operation with its options, from the same table completion reads', () => {
    for (const op of REPL_OPERATIONS) {
      const line = help.split('\n').find((l) => l.includes(` ${op.async ? 'await ' : ''}${op.name}${op.signature}`));
      expect(line, op.name).toBeDefined();
      expect(line).toContain(op.summary);
      if (op.options.length) expect(line).toContain(`[options: ${op.options.join(', ')}]`);
    }
    expect(help).toContain("await createConference({ subject })");
    expect(help).toContain('[options: subscribe, im]');
  });

  it('lists the expectations and the dot-commands', () => {
    for (const kind of REPL_EXPECTATIONS) expect(help).toContain(`${kind.name}${kind.signature}`);
    for (const command of REPL_DOT_COMMANDS) expect(help).toContain(`.${command.name}`);
    expect(help).toMatch(/\.show N +message N of the ladder in full/);
    expect(help).toMatch(/\.trace FILE +save the session's trace/);
  });
});
