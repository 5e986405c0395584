/**
 * Terminal behaviour through streams marked as a TTY: a message arriving while a line is half typed
 * is printed above the prompt and the half-typed line comes back; history survives a restart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveRepl } from './repl-driver.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fh-repl-tty-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('startRepl on a terminal', () => {
  it('prints an arriving message above the prompt without losing the line being typed', async () => {
    const repl = await driveRepl({ tty: true });
    try {
      // The REGISTER goes out later, from a timer, while the person is typing.
      await repl.run('setTimeout(() => alice.register(), 200), "armed"', /'armed'[\s\S]*focus-harness> /);
      const mark = repl.text().length;
      repl.input.write('await bob.reg');
      const shown = await repl.waitFor(/alice +← registrar +200 OK\n[\s\S]*focus-harness> await bob\.reg$/, mark);
      // the message line starts on its own row (the typed text was wiped first), then the prompt is redrawn
      expect(shown).toMatch(/^await bob\.reg/);
      expect(shown).toMatch(/\n? *\d+ alice +← registrar +200 OK\nfocus-harness> await bob\.reg$/);
      // …and finishing the line runs what was typed before the interruption.
      const out = await repl.run('ister()', /bob +← registrar +200 OK[\s\S]*SIP\/2\.0 200 OK/);
      expect(out).toContain('SIP/2.0 200 OK');
    } finally {
      await repl.close();
    }
  });

  it('completes a role operation on Tab', async () => {
    const repl = await driveRepl({ tty: true });
    try {
      const mark = repl.text().length;
      repl.input.write('carol.ej');
      await repl.waitFor(/carol\.ej$/, mark);
      repl.input.write('\t');
      await repl.waitFor(/carol\.eject$/, mark);
      repl.input.write('(bo');
      await repl.waitFor(/carol\.eject\(bo$/, mark);
      repl.input.write('\t');
      await repl.waitFor(/carol\.eject\(bob$/, mark);
      repl.input.write('\u0015'); // Ctrl-U: drop the line
    } finally {
      await repl.close();
    }
  });

  it('keeps history between sessions in the --history file', async () => {
    const path = join(dir, 'history');
    const first = await driveRepl({ tty: true, historyPath: path });
    await first.run('const answer = 6 * 7', /focus-harness> $/);
    await first.run('answer', /42/);
    await first.close();
    expect(readFileSync(path, 'utf8')).toBe('const answer = 6 * 7\nanswer\n');

    const second = await driveRepl({ tty: true, historyPath: path });
    try {
      const mark = second.text().length;
      second.input.write('\u001b[A'); // up arrow: the newest entry of the earlier session
      await second.waitFor(/focus-harness> answer$/, mark);
      second.input.write('\u001b[A');
      await second.waitFor(/focus-harness> const answer = 6 \* 7$/, mark);
      // Enter runs the recalled line in the new session, and it joins the history.
      await second.run('', /\nfocus-harness> $/);
      await second.run('answer', /^42$/m);
    } finally {
      await second.close();
    }
    expect(readFileSync(path, 'utf8')).toBe('const answer = 6 * 7\nanswer\nconst answer = 6 * 7\nanswer\n');
  });
});
