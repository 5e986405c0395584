/**
 * The `lab` command: fault table, usage errors, and a real run on loopback that registers a user,
 * logs the event as pino JSON and stops cleanly (exit 0) — in process and on SIGINT as a process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatFaultTable, runLab, type LabArgs } from '../../cmd/commands/lab.js';
import { LAB_FAULTS } from '../../src/labfocus/index.js';
import { labCertificates } from '../helpers/lab-certs.js';
import { LAB_ARGS, sink } from './lab-command-io.js';
import { RawClient } from './raw-client.js';

describe('focus-harness lab', () => {
  it('--list-faults prints every fault and what it breaks, exit 0', async () => {
    const out = sink();
    const code = await runLab({ ...LAB_ARGS, 'list-faults': true }, { stdout: out.stream, stderr: sink().stream, waitForStop: () => new Promise(() => undefined) });
    expect(code).toBe(0);
    for (const fault of LAB_FAULTS) expect(out.text()).toContain(fault.name);
    expect(out.text()).toBe(formatFaultTable());
    expect(out.text()).toContain('breaks: E3');
  });

  it('--list-faults says which scenarios catch each fault, right under its description', async () => {
    const out = sink();
    await runLab({ ...LAB_ARGS, 'list-faults': true }, { stdout: out.stream, stderr: sink().stream, waitForStop: () => new Promise(() => undefined) });
    const lines = out.text().split('\n');
    for (const fault of LAB_FAULTS) {
      const at = lines.findIndex((line) => line.trimStart().startsWith(`${fault.name} `));
      expect(at, fault.name).toBeGreaterThan(0);
      expect(lines[at + 1]).toContain(`breaks: ${fault.breaks}`);
      expect(lines[at + 2]).toContain(`caught by: ${fault.caughtBy.join(', ')}`);
    }
    expect(lines.find((line) => line.includes('caught by: eject') && !line.includes(','))).toBeDefined();
    expect(out.text()).toMatch(/caught by: im, join-and-chat \(as a warning: the assertion is a SHOULD\)/);
  });

  it('an unknown fault exits 2 naming the valid ones', async () => {
    const err = sink();
    const code = await runLab({ ...LAB_ARGS, fault: ['omit-focus-bye', 'nope'] }, { stdout: sink().stream, stderr: err.stream, waitForStop: () => Promise.resolve('x') });
    expect(code).toBe(2);
    expect(err.text()).toContain('"nope"');
    expect(err.text()).toContain('omit-mcu-bye');
  });

  it('a bad --listen exits 2', async () => {
    const err = sink();
    const code = await runLab({ ...LAB_ARGS, listen: 'nowhere' }, { stdout: sink().stream, stderr: err.stream, waitForStop: () => Promise.resolve('x') });
    expect(code).toBe(2);
    expect(err.text()).toContain('--listen must be host:port');
  });

  it('serves registrations, logs conference events as JSON and stops cleanly', async () => {
    const certs = await labCertificates();
    const out = sink();
    const err = sink();
    let stop: (signal: string) => void = () => undefined;
    let listening: (p: number) => void = () => undefined;
    const port = new Promise<number>((resolve) => (listening = resolve));
    const run = runLab(
      { ...LAB_ARGS, cert: certs.certPath, key: certs.keyPath, fault: ['omit-ms-sender'] },
      {
        stdout: out.stream,
        stderr: err.stream,
        waitForStop: () => new Promise((resolve) => (stop = resolve)),
        onListening: (w) => listening(w.port),
      },
    );
    const client = await RawClient.open({ port: await port, caPem: certs.caCertPem }, 'alice');
    expect((await client.register()).status).toBe(200);
    await client.close();
    stop('SIGINT');
    expect(await run).toBe(0);
    expect(err.text()).toMatch(/lab focus listening on tls 127\.0\.0\.1:\d+ \(domain contoso\.com\).*faults: omit-ms-sender/);
    const events = out.text().trim().split('\n').map((line) => JSON.parse(line) as { event?: string });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['lab.started', 'registrar.registered', 'lab.stopped']));
  });

  it('--auth digest --users FILE challenges REGISTER; usage errors name the flag or the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fh-lab-users-'));
    const good = join(dir, 'users.txt');
    const bad = join(dir, 'bad.txt');
    writeFileSync(good, '# lab users\nalice:alice-lab-pw\n');
    writeFileSync(bad, 'alice:x\nbob\n');
    const usage = async (args: Partial<LabArgs>): Promise<string> => {
      const err = sink();
      expect(await runLab({ ...LAB_ARGS, ...args }, { stdout: sink().stream, stderr: err.stream, waitForStop: () => Promise.resolve('x') })).toBe(2);
      return err.text();
    };
    expect(await usage({ auth: 'digest' })).toContain('--auth digest needs --users FILE');
    expect(await usage({ users: good })).toContain('--users needs --auth digest');
    expect(await usage({ auth: 'digest', users: bad })).toContain(`${bad}:2: expected username:password`);
    expect(await usage({ auth: 'digest', users: join(dir, 'missing.txt') })).toContain('cannot read --users');

    const certs = await labCertificates();
    const err = sink();
    let stop: (signal: string) => void = () => undefined;
    let listening: (p: number) => void = () => undefined;
    const port = new Promise<number>((resolve) => (listening = resolve));
    const run = runLab(
      { ...LAB_ARGS, cert: certs.certPath, key: certs.keyPath, auth: 'digest', users: good },
      { stdout: sink().stream, stderr: err.stream, waitForStop: () => new Promise((resolve) => (stop = resolve)), onListening: (w) => listening(w.port) },
    );
    const client = await RawClient.open({ port: await port, caPem: certs.caCertPem }, 'alice');
    const challenge = await client.register();
    await client.close();
    stop('SIGINT');
    expect(await run).toBe(0);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Digest realm="contoso\.com"/);
    expect(err.text()).toContain('Digest on REGISTER for 1 user(s) in realm "contoso.com"');
    rmSync(dir, { recursive: true, force: true });
  });

  it('as a process: prints where it listens and exits 0 on SIGINT', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', `import('./cmd/harness.ts').then(async (m) => { process.exitCode = await m.main(['lab', '--listen', '127.0.0.1:0', '--transport', 'tcp']); })`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${stderr}`)), 20_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Press Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(stderr).toMatch(/listening on tcp 127\.0\.0\.1:\d+/);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  }, 30_000);
});
