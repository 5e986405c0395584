/**
 * The built CLI as a user runs it: `node bin/focus-harness.js …` against an embedded lab focus,
 * and against a lab focus running as a separate process over TLS with its generated CA.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'focus-harness.js');
const work = mkdtempSync(join(tmpdir(), 'fh-e2e-'));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
}

function run(args: readonly string[], onStdout?: (text: string, child: ChildProcessWithoutNullStreams) => void): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = start(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'cmd', 'harness.js'))) {
    const built = await new Promise<number | null>((resolve) => {
      spawn('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' }).on('close', resolve);
    });
    expect(built).toBe(0);
  }
}, 180_000);

describe('focus-harness run (embedded lab focus)', () => {
  it('`run eject` passes, prints each step, the ladder and a summary, and exits 0', async () => {
    const result = await run(['run', 'eject']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ 5\. Alice ejects Carol \(deleteUser over INFO in D1\)/);
    expect(result.stdout).toMatch(/^ {6}Alice +Bob +Carol +Registrar +Factory +Focus +IM MCU$/m);
    expect(result.stdout).toMatch(/^ +\d+ \|--INFO-+>\| +\| +D1 INFO deleteUser$/m);
    expect(result.stdout).toMatch(/\|<-BENOTIFY-+\| +\| +D2 BENOTIFY terminated;/);
    expect(result.stdout).toMatch(/^PASS eject: 12 steps, \d+ checks, 0 warnings, \d+ messages/m);
  }, 60_000);

  it('a lab fault makes it exit 1 naming the step, role, expectation and nearest miss', async () => {
    const result = await run(['run', 'eject-passive', '--fault', 'omit-mcu-bye', '--timeout', '1500']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ 8\. The IM MCU ends Carol's IM dialog \(D3\)/);
    expect(result.stdout).toMatch(/FAIL eject-passive[\s\S]*\[E4\] step "The IM MCU ends Carol's IM dialog \(D3\)": carol: expected BYE in D3 from the mcu within 1500 ms/);
    expect(result.stdout).toMatch(/nearest miss on carol connection: seq \d+ /);
    expect(result.stdout).toMatch(/^> +\d+ \|/m);
  }, 60_000);

  it('lists the built-in scenarios', async () => {
    const result = await run(['scenarios']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^eject +MS-CONFIM 4\.3\.1 +A presenter ejects a participant/m);
    expect(result.stdout).toMatch(/^eject-passive +MS-CONFIM 4\.3\.1 +A presenter ejects a passive participant/m);
    expect(result.stdout).toMatch(/^join-and-chat +MS-CONFIM 4\.2\.1 /m);
  }, 30_000);

  it('--participants builds the catalog for N roles (join2 with five users passes; a bad count exits 2)', async () => {
    const five = await run(['run', 'join2', '--participants', '5', '--no-ladder']);
    expect(five.code, five.stdout + five.stderr).toBe(0);
    expect(five.stdout).toMatch(/Erin/);
    expect(five.stdout).toMatch(/^PASS join2: /m);
    const keylog = join(work, 'keys.txt');
    const withKeys = await run(['run', 'register', '--participants', '2', '--no-ladder', '--keylog', keylog]);
    expect(withKeys.code, withKeys.stdout + withKeys.stderr).toBe(0);
    expect(statSync(keylog).mode & 0o777).toBe(0o600);
    expect(readFileSync(keylog, 'utf8')).toMatch(/^CLIENT_TRAFFIC_SECRET_0 [0-9a-f]{64} /m);
    const zero = await run(['run', 'join2', '--participants', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--participants must be a whole number from 1 to 100, got 0');
  }, 60_000);

  it('harness problems exit 2 with an actionable message', async () => {
    const missing = await run(['run', './no-such-scenario.ts']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/FH_SCENARIO_INVALID: scenario file not found \(.*no-such-scenario\.ts\)/);
    const profile = join(work, 'bad.yaml');
    writeFileSync(profile, 'server:\n  host: 127.0.0.1\n  port: 0\n');
    const bad = await run(['run', 'eject', '--profile', profile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${profile}:3:9 server.port:`);
    const unknown = await run(['run', 'no-such-builtin']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown scenario "no-such-builtin"; built-in scenarios: eject, eject-passive, eject-denied, join-and-chat/);
    const fault = await run(['run', 'eject', '--fault', 'no-such-fault']);
    expect(fault.code).toBe(2);
    expect(fault.stderr + fault.stdout).toMatch(/unknown lab fault "no-such-fault"; valid faults: omit-focus-bye/);
  }, 60_000);

  it('Ctrl-C stops the run with exit 130, prints what ran and keeps the trace', async () => {
    const trace = join(work, 'interrupted.jsonl');
    let sent = false;
    const result = await run(['run', 'eject', '--fault', 'c3p-response-never-sent', '--trace', trace, '--no-ladder'], (out, child) => {
      if (!sent && out.includes('✓ 4.')) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 100);
      }
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/interrupted \(Ctrl-C\)/);
    expect(result.stdout).toMatch(/INTERRUPTED eject after \d+ steps/);
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(40);
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: 1, role: 'alice', direction: 'out' });
  }, 60_000);
});

describe('focus-harness run against a lab focus in another process', () => {
  let lab: ChildProcessWithoutNullStreams;
  let port = 0;
  let caPath = '';

  beforeAll(async () => {
    lab = start(['lab', '--listen', '127.0.0.1:0', '--cert-dir', join(work, 'lab-certs')]);
    await new Promise<void>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`lab did not start: ${err}`)), 30_000);
      lab.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const m = /listening on tls 127\.0\.0\.1:(\d+).*trust the CA in (\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          port = Number(m[1]);
          caPath = m[2]!;
          resolve();
        }
      });
      lab.stdout.resume();
    });
  }, 60_000);

  afterAll(async () => {
    if (lab.exitCode === null) {
      const closed = new Promise((resolve) => lab.on('close', resolve));
      lab.kill('SIGINT');
      await closed;
    }
  });

  it('passes over TLS with the lab CA and writes the trace as JSON Lines', async () => {
    const trace = join(work, 'remote.jsonl');
    const result = await run(['run', 'eject', '--server', `127.0.0.1:${port}`, '--ca', caPath, '--servername', 'localhost', '--trace', trace]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`target: tls://127.0.0.1:${port}`);
    expect(result.stdout).toMatch(/^PASS eject/m);
    const records = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; label: string });
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    expect(records.some((r) => r.label === 'INFO deleteUser')).toBe(true);
  }, 60_000);

  it('refuses a server whose certificate it cannot verify (exit 2, says what to do)', async () => {
    const result = await run(['run', 'eject', '--server', `127.0.0.1:${port}`, '--timeout', '3000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/FH_TLS_HANDSHAKE|FH_CERT/);
  }, 60_000);

  it('a closed port is a harness error (exit 2)', async () => {
    const result = await run(['run', 'eject', '--server', '127.0.0.1:1', '--ca', caPath]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/FH_TRANSPORT_CONNECT/);
  }, 60_000);
});
