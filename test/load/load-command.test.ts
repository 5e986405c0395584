/**
 * `focus-harness load` in process against a real lab focus over TLS on loopback: one lab for the
 * run, concurrent virtual users with their own users per iteration, the summary, the JSON result,
 * the first failed iteration's trace, the duration bound, Ctrl-C and the usage errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLoadCommand, type LoadArgs } from '../../cmd/commands/load.js';
import type { LoadResultDocument } from '../../src/load/index.js';

const root = mkdtempSync(join(tmpdir(), 'fh-load-cmd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Sink {
  text: string;
  readonly isTTY: boolean;
  write(chunk: string): boolean;
}

function sink(isTTY = false, onWrite?: (text: string) => void): Sink {
  return {
    text: '',
    isTTY,
    write(chunk: string) {
      this.text += chunk;
      onWrite?.(this.text);
      return true;
    },
  };
}

function args(scenario: string, extra: Partial<LoadArgs>): LoadArgs {
  return { scenario, vus: 5, 'max-duration': '10m', ...extra };
}

/** Runs the command, capturing its stdout and stderr (stderr is where the progress goes). */
async function load(a: LoadArgs, stderr: Sink = sink()): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const code = await runLoadCommand(a, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const EJECT_STEPS = [
  '1. Alice, Bob and Carol connect and register',
  '2. Alice creates a conference',
  '5. Alice ejects Carol (deleteUser over INFO in D1)',
  "7. Carol's focus dialog (D1) ends",
];

describe('focus-harness load (in process, one real lab focus over TLS on loopback)', () => {
  it('eject with 4 virtual users × 12 iterations passes: every iteration, every step measured, the JSON result written', async () => {
    const json = join(root, 'load.json');
    const run = await load(args('eject', { vus: 4, iterations: 12, json }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^load eject — A presenter ejects a participant/);
    expect(run.stdout).toMatch(/target: embedded lab focus tls:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toContain('4 virtual users · 12 iterations (hard cap 10m)');
    expect(run.stdout).toContain('stopped: all 12 iterations done');
    expect(run.stdout).toContain('iterations  12 passed · 0 failed · 0 could not run');
    for (const step of EJECT_STEPS) expect(run.stdout).toMatch(new RegExp(`\\n  ${step.replace(/[()]/g, '\\$&')}\\s+12\\s+0\\s+\\d+`));
    expect(run.stdout).toMatch(/✓ failures==0\s+0 of 12 iterations failed \(0%\)/);
    expect(run.stdout).toContain('PASS load eject: 12 of 12 iterations passed; 1 threshold met');
    expect(run.stderr).toBe(''); // not a terminal, and shorter than one plain progress period
    const document = JSON.parse(readFileSync(json, 'utf8')) as LoadResultDocument;
    expect(document).toMatchObject({
      kind: 'focus-harness/load-result',
      version: 1,
      scenario: { name: 'eject' },
      target: { host: '127.0.0.1', transport: 'tls', embedded: true, faults: [] },
      vus: 4,
      bounds: { iterations: 12, maxDurationMs: 600_000 },
      stoppedBy: 'iterations',
      iterations: { started: 12, completed: 12, passed: 12, failed: 0, error: 0, interrupted: 0 },
      status: 'passed',
      exitCode: 0,
      distinctFailures: 0,
    });
    expect(document.steps).toHaveLength(12);
    expect(document.steps.every((s) => s.passed === 12 && s.latency !== undefined && s.latency.p50 <= s.latency.p99)).toBe(true);
    expect(Date.parse(document.startedAt)).not.toBeNaN();
    expect(document.iterationsPerSecond).toBeGreaterThan(0);
  }, 60_000);

  it('eject-passive with omit-focus-bye: the default threshold fails (exit 1); the summary names the failure, how many iterations hit it and the ladder around it', async () => {
    const trace = join(root, 'first-failure.jsonl');
    const run = await load(args('eject-passive', { vus: 2, iterations: 4, fault: ['omit-focus-bye'], timeout: 1500, trace }));
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('iterations  0 passed · 4 failed · 0 could not run');
    expect(run.stdout).toContain(`failures (1 distinct reason)\n    4 of 4 iterations: [E3] step "The focus ends Carol's focus dialog (D1)": carol: expected BYE in D1 from the focus within 1500 ms`);
    expect(run.stdout).toMatch(/first iteration that did not pass: \d \(virtual user \d, failed\)\n {4}\[E3\][^\n]*\n {6}instead: /);
    expect(run.stdout).toMatch(/\n {2}> +\d+ \|.*BYE/); // the nearest miss, pointed at in the ladder excerpt
    expect(run.stdout).toMatch(/7\. The focus ends Carol's focus dialog \(D1\)\s+0\s+4\s+–/);
    expect(run.stdout).toMatch(/✗ failures==0\s+4 of 4 iterations failed \(100%\)/);
    expect(run.stdout).toContain('FAIL load eject-passive: failures==0 not met (4 of 4 iterations failed (100%))');
    const lines = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; role: string });
    expect(lines.length).toBeGreaterThan(40);
    expect(lines[0]).toMatchObject({ seq: 1 });
    expect(new Set(lines.map((l) => l.role))).toEqual(new Set(['alice', 'bob', 'carol']));
  }, 60_000);

  it('--duration 2s stops by itself, letting the iterations in flight finish; thresholds on rate and latency are judged', async () => {
    const run = await load(args('eject', { vus: 2, duration: '2s', threshold: ['failures<1%', 'iterations/s>0.1', 'step:p95<60s'] }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('2 virtual users · for 2s (hard cap 10m)');
    expect(run.stdout).toContain('stopped: --duration 2s reached');
    expect(run.stdout).toMatch(/iterations {2}([1-9]\d*) passed · 0 failed · 0 could not run\n/);
    expect(run.stdout).not.toContain('interrupted');
    expect(run.stdout).toMatch(/✓ failures<1% +0 of \d+ iterations failed/);
    expect(run.stdout).toMatch(/✓ iterations\/s>0\.1 +\d+\.\d\d iterations\/s/);
    expect(run.stdout).toMatch(/✓ step:p95<60s +closest: "[^"]+" p95 \d+ ms/);
  }, 60_000);

  it('Ctrl-C stops the virtual users, summarises what ran and exits 130; a terminal gets a status line', async () => {
    let sent = false;
    const stderr = sink(true, (text) => {
      // Interrupt once the status line shows a completed iteration.
      if (!sent && /eject · [1-9]\d* iterations/.test(text)) {
        sent = true;
        process.emit('SIGINT');
      }
    });
    const run = await load(args('eject', { vus: 2, duration: '60s' }), stderr);
    expect(sent).toBe(true);
    expect(run.code, run.stdout + run.stderr).toBe(130);
    expect(run.stderr).toContain('\r\u001b[2K'); // the status line, redrawn in place
    expect(run.stderr).toMatch(/eject · \d+ iterations · \d+% passing · \d+\.\d it\/s · \d running · \d+\.\d\/60 s/);
    expect(run.stderr).toContain('interrupted (Ctrl-C); stopping the virtual users');
    expect(run.stdout).toContain('stopped: interrupted (Ctrl-C)');
    expect(run.stdout).toMatch(/INTERRUPTED load eject after ([1-9]\d*) iterations? \(\1 passed, 0 did not\)/);
    expect(process.listenerCount('SIGINT')).toBe(0);
  }, 60_000);

  it('exits 2 when it cannot run: bad threshold, bad duration, --fault with --server, fixed users with several VUs, a refused connection', async () => {
    const bad = await load(args('eject', { iterations: 1, threshold: ['step:p95<'] }));
    expect(bad.code).toBe(2);
    const duration = await load(args('eject', { duration: '30' }));
    expect(duration.code).toBe(2);
    const fault = await load(args('eject', { iterations: 1, server: '127.0.0.1:1', fault: ['omit-focus-bye'] }));
    expect(fault.code).toBe(2);
    const profile = join(root, 'users.yaml');
    writeFileSync(profile, 'server: embedded\nusers:\n  alice:\n    aor: sip:alice@contoso.com\n');
    const users = await load(args('eject', { iterations: 4, vus: 2, profile }));
    expect(users.code).toBe(2);
    // Nothing listens on port 1: every virtual user's first iteration fails to connect, and the run stops.
    const refused = await load(args('eject', { vus: 2, duration: '60s', server: '127.0.0.1:1', transport: 'tcp' }));
    expect(refused.code, refused.stdout).toBe(2);
    expect(refused.stdout).toContain('stopped: no iteration could run');
    expect(refused.stdout).toMatch(/ERROR load eject: no iteration could run — FH_TRANSPORT_CONNECT/);
  }, 60_000);
});
