/**
 * End to end: the built `focus-harness repl` in a real pseudo-terminal (tmux), driven with
 * send-keys and read back with capture-pane, as a person would see it. Needs Debian's `tmux`:
 * skipped with a message when it is missing, but a failure when `CI` is set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const socket = `fh-repl-e2e-${process.pid}`;
const session = 'repl';

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** The pane with its scrollback, trailing blank lines dropped. */
function screen(): string {
  return tmux('capture-pane', '-p', '-J', '-S', '-500', '-t', session).replace(/\s+$/, '');
}

async function waitForScreen(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the screen did not show ${pattern} within ${timeoutMs} ms:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function type(line: string, until: RegExp): Promise<string> {
  tmux('send-keys', '-t', session, '-l', line);
  tmux('send-keys', '-t', session, 'Enter');
  return waitForScreen(until);
}

/** dist/ is what bin/focus-harness.js runs: build it when it is missing or older than the REPL sources. */
function ensureBuilt(): void {
  const built = join(root, 'dist', 'src', 'repl', 'start-repl.js');
  const sources = ['src/repl/start-repl.ts', 'src/repl/repl-session.ts', 'cmd/commands/repl.ts'].map((p) => join(root, p));
  const stale = !existsSync(built) || sources.some((s) => statSync(s).mtimeMs > statSync(built).mtimeMs) || !existsSync(join(root, 'dist', 'cmd', 'commands', 'repl.js'));
  if (stale) spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  if (!existsSync(built)) throw new Error('dist/ has no REPL: run `npm run build` first');
}

if (!hasTmux && process.env['CI']) {
  describe('focus-harness repl in a terminal', () => {
    it('needs tmux on CI', () => {
      expect.fail('tmux is not installed; CI must install the Debian package `tmux` for the REPL end-to-end test');
    });
  });
} else if (!hasTmux) {
  describe('focus-harness repl in a terminal', () => {
    it.skip('skipped: tmux is not installed (apt-get install tmux) — the REPL end-to-end test drives a real terminal', () => undefined);
  });
} else {
  describe('focus-harness repl in a terminal (tmux)', () => {
    let dir: string;

    beforeAll(() => {
      ensureBuilt();
      dir = mkdtempSync(join(tmpdir(), 'fh-repl-e2e-'));
      const history = join(dir, 'history');
      const command = `cd '${root}' && node bin/focus-harness.js repl --history '${history}'; echo "[repl exited: $?]"; sleep 120`;
      tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', command);
    }, 180_000);

    afterAll(() => {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('starts the embedded lab and shows the prompt', async () => {
      const text = await waitForScreen(/focus-harness>\s*$/);
      expect(text).toMatch(/focus-harness REPL — embedded lab focus on 127\.0\.0\.1:\d+; roles: alice, bob, carol\./);
    });

    it('registers, creates, joins and ejects with messages arriving line by line', async () => {
      await type('await alice.register()', /alice +← registrar +200 OK\nSIP\/2\.0 200 OK\nfocus-harness>\s*$/);
      await type('await bob.register()', /bob +← registrar +200 OK\nSIP\/2\.0 200 OK\nfocus-harness>\s*$/);
      await type('const conf = await alice.createConference()', /alice +← factory +200 OK addConference success\nfocus-harness>\s*$/);
      await type('await alice.join(conf)', /im: +SIP\/2\.0 200 OK[\s\S]*focus-harness>\s*$/);
      await type('await bob.join(conf)', /bob +← mcu +D3 200 OK m=message[\s\S]*im: +SIP\/2\.0 200 OK[\s\S]*focus-harness>\s*$/);
      const text = await type('await alice.eject(bob)', /C3P deleteUser: success — SIP 202, response in the focus INFO[\s\S]*bob +← focus +D1 BYE \(Participant Removed\)/);
      expect(text).toMatch(/bob +← focus +D2 BENOTIFY terminated;reason=ParticipantRemoved/);
    });

    it('completes an operation on Tab', async () => {
      tmux('send-keys', '-t', session, '-l', 'carol.ej');
      await waitForScreen(/focus-harness> carol\.ej$/);
      tmux('send-keys', '-t', session, 'Tab');
      await waitForScreen(/focus-harness> carol\.eject$/);
      tmux('send-keys', '-t', session, 'C-u');
      await waitForScreen(/focus-harness>\s*$/);
    });

    it('.ladder draws the session so far', async () => {
      const text = await type('.ladder', /Alice +Bob +Carol +Registrar +Factory +Focus +IM MCU[\s\S]*D1 BYE \(Participant Removed\)[\s\S]*focus-harness>\s*$/);
      expect(text).toMatch(/^ +1 \|--REGISTER-+>\|/m);
    });

    it('.exit leaves cleanly with exit code 0', async () => {
      const text = await type('.exit', /\[repl exited: \d+\]/);
      expect(text).toMatch(/\[repl exited: 0\]/);
    });
  });
}
