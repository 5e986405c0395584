import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { runSuiteCommand, type SuiteArgs } from '../../cmd/commands/suite.js';
import { parseResultsJson } from '../../src/report/index.js';

const root = mkdtempSync(join(tmpdir(), 'fh-suite-cmd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sink(isTTY = false): { text: string; isTTY: boolean; write(chunk: string): boolean } {
  return { text: '', isTTY, write(chunk: string) { this.text += chunk; return true; } };
}

function args(extra: Partial<SuiteArgs>): SuiteArgs {
  return { out: join(root, 'out'), 'unsafe-keep-secrets': false, ...extra };
}

describe('focus-harness suite (in process, real lab focus over TLS on loopback)', () => {
  it('runs eject, writes the artefacts, then a faulty rerun against the baseline exits 1 with the comparison first', async () => {
    const first = join(root, 'night1');
    const out1 = sink();
    const err1 = sink();
    expect(await runSuiteCommand(args({ scenario: ['eject'], out: first }), { stdout: out1, stderr: err1 })).toBe(0);
    expect(err1.text).toBe(''); // not a terminal: no status line
    expect(out1.text).toMatch(/✓ \[1\/1\] eject passed/);
    for (const file of ['results.json', 'junit.xml', 'report.html', 'trace.jsonl', 'capture.pcapng', 'keylog.txt']) expect(existsSync(join(first, file)), file).toBe(true);
    // One TLS 1.3 session per emulated user's connection, in the NSS key log format Wireshark reads.
    const keylog = readFileSync(join(first, 'keylog.txt'), 'utf8').trim().split('\n');
    expect(keylog.every((line) => /^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{64,96}$/.test(line)), keylog[0]).toBe(true);
    expect(new Set(keylog.filter((l) => l.startsWith('CLIENT_TRAFFIC_SECRET_0 ')).map((l) => l.split(' ')[1])).size).toBeGreaterThanOrEqual(3);
    const results = parseResultsJson(readFileSync(join(first, 'results.json'), 'utf8'));
    expect(results.summary).toMatchObject({ total: 1, passed: 1, exitCode: 0 });
    expect(results.scenarios[0]!.target).toMatchObject({ host: '127.0.0.1', transport: 'tls', embedded: true });
    expect(XMLValidator.validate(readFileSync(join(first, 'junit.xml'), 'utf8'))).toBe(true);

    const second = join(root, 'night2');
    const out2 = sink();
    const code = await runSuiteCommand(args({ scenario: ['eject'], out: second, fault: ['keep-ejected-subscription'], baseline: join(first, 'results.json') }), { stdout: out2, stderr: sink() });
    expect(code).toBe(1);
    const summary = out2.text.slice(out2.text.indexOf('\n\n') + 2);
    expect(summary.split('\n')[0]).toMatch(/^vs baseline .*: 1 new failure\(s\)/);
    expect(summary).toContain('new-failure   eject');
    const again = parseResultsJson(readFileSync(join(second, 'results.json'), 'utf8'));
    expect(again.baseline?.scenarios[0]).toMatchObject({ name: 'eject', verdict: 'new-failure', baselineStatus: 'passed', status: 'failed' });
    const junit = readFileSync(join(second, 'junit.xml'), 'utf8');
    expect(junit).toContain('<failure message=');
    expect(junit).toContain('ladder around the failure:');
  }, 90_000);

  it('reads the scenarios from a suite file', async () => {
    const file = join(root, 'nightly.suite.yaml');
    writeFileSync(file, 'scenarios:\n  - eject\n');
    const out = join(root, 'from-file');
    expect(await runSuiteCommand(args({ suite: file, out }), { stdout: sink(), stderr: sink() })).toBe(0);
    expect(parseResultsJson(readFileSync(join(out, 'results.json'), 'utf8')).scenarios.map((s) => s.name)).toEqual(['eject']);
  }, 60_000);

  it('exits 2 when it cannot run: unknown scenario, unreadable baseline, bad suite file, refused connection', async () => {
    const err = sink();
    expect(await runSuiteCommand(args({ scenario: ['no-such'] }), { stdout: sink(), stderr: err })).toBe(2);
    const bad = join(root, 'bad.suite.yaml');
    writeFileSync(bad, 'scenarios: 3\n');
    expect(await runSuiteCommand(args({ suite: bad }), { stdout: sink(), stderr: sink() })).toBe(2);
    expect(await runSuiteCommand(args({ scenario: ['eject'], baseline: join(root, 'missing.json') }), { stdout: sink(), stderr: sink() })).toBe(2);
    const out = join(root, 'refused');
    // Port 9 on loopback: nothing listens there, the connection is refused at once.
    expect(await runSuiteCommand(args({ scenario: ['eject'], out, server: '127.0.0.1:9', transport: 'tcp' }), { stdout: sink(), stderr: sink() })).toBe(2);
    expect(parseResultsJson(readFileSync(join(out, 'results.json'), 'utf8')).scenarios[0]!.status).toBe('error');
  }, 60_000);
});
