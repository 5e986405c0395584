/**
 * The `repl` command module in-process: flags and profile resolve to a target, the session runs
 * over the given streams against a lab focus started here (TLS on 127.0.0.1, its CA file), and
 * `.exit` returns 0; bad flags return 2 without starting anything.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runRepl, type ReplArgs } from '../../cmd/commands/repl.js';
import { startLabFocus, type LabFocus } from '../../src/labfocus/index.js';
import { embeddedCertDir } from '../../src/scenario/index.js';

let lab: LabFocus;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fh-repl-cmd-'));
  lab = await startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tls', certDir: embeddedCertDir() });
});

afterAll(async () => {
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function session(args: ReplArgs, lines: (out: () => string) => AsyncGenerator<string, void, void>): Promise<{ code: number; text: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const running = runRepl(args, input as unknown as NodeJS.ReadStream, output as unknown as NodeJS.WriteStream);
  for await (const line of lines(() => text)) input.write(`${line}\n`);
  input.end();
  return { code: await running, text };
}

async function until(read: () => string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('focus-harness repl (command module)', () => {
  it('--server/--ca/--servername/--roles: four roles against a running lab focus, .exit returns 0', async () => {
    const history = join(dir, 'history');
    const { code, text } = await session(
      { server: `127.0.0.1:${lab.port}`, ca: lab.caPath!, servername: 'localhost', roles: 4, history },
      async function* (out) {
        await until(out, /focus-harness> $/);
        yield 'await user4.register()';
        await until(out, /SIP\/2\.0 200 OK/);
        yield '.exit';
      },
    );
    expect(code).toBe(0);
    expect(text).toMatch(new RegExp(`^focus-harness REPL — 127\\.0\\.0\\.1:${lab.port} \\(tls\\); roles: alice, bob, carol, user4\\.`));
    expect(text).toMatch(/user4 +← registrar +200 OK/);
    expect(readFileSync(history, 'utf8')).toBe('await user4.register()\n.exit\n');
  });

  it('--profile names the server and the users', async () => {
    const profile = join(dir, 'profile.yaml');
    writeFileSync(profile, ['server:', '  host: 127.0.0.1', `  port: ${lab.port}`, `  ca: ${lab.caPath}`, '  servername: localhost', 'users:', '  alice:', '    aor: sip:alice.smith@contoso.com'].join('\n'));
    const { code, text } = await session({ profile, roles: 3, history: join(dir, 'h2') }, async function* (out) {
      await until(out, /focus-harness> $/);
      yield 'alice.aor';
      await until(out, /'sip:alice\.smith@contoso\.com'/);
      yield 'await alice.register()';
      await until(out, /alice +← registrar +200 OK/);
    });
    expect(code).toBe(0);
    expect(text).toContain("'sip:alice.smith@contoso.com'");
  });

  it('refuses a lab fault with --server, and a bad --roles, with exit code 2', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const fault = await session({ server: `127.0.0.1:${lab.port}`, ca: lab.caPath!, fault: ['omit-focus-bye'], roles: 3, history: join(dir, 'h3') }, async function* () {});
      expect(fault.code).toBe(2);
      const roles = await session({ roles: 0, history: join(dir, 'h4') }, async function* () {});
      expect(roles.code).toBe(2);
      const written = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(written).toMatch(/FH_USAGE: --fault applies only to the embedded lab focus/);
      expect(written).toMatch(/FH_USAGE: --roles wants a whole number from 1 to 50, got 0/);
    } finally {
      stderr.mockRestore();
    }
  });
});
