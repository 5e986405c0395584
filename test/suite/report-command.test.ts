import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../cmd/commands/report.js';
import { renderLadder, runSuite } from '../../src/report/index.js';
import { failedRun, passedRun } from '../report/sample-runs.js';

const root = mkdtempSync(join(tmpdir(), 'fh-report-cmd-'));
const out = join(root, 'night');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sink(): { text: string; write(chunk: string): boolean } {
  return { text: '', write(chunk: string) { this.text += chunk; return true; } };
}

beforeAll(async () => {
  const runs = { ok: passedRun('ok'), bad: failedRun('bad') };
  await runSuite({ scenarios: [{ name: 'ok' }, { name: 'bad' }], outDir: out, run: async (s) => runs[s.name as 'ok' | 'bad'] });
});

describe('focus-harness report', () => {
  it('re-renders results.json in the terminal: verdicts, the diagnostic and the ladder with the failing step', () => {
    const io = sink();
    expect(runReport({ file: join(out, 'results.json'), width: 120, color: false }, { stdout: io })).toBe(0);
    expect(io.text).toContain('✓ ok passed');
    expect(io.text).toContain('✗ bad failed');
    expect(io.text).toContain('[E5] step "Carol is removed": carol: expected BYE from the focus');
    expect(io.text).toMatch(/Alice\s+Bob\s+Carol\s+Focus\s+IM MCU/);
    expect(io.text).toContain('✗ 2. Carol is removed');
    expect(io.text).toContain('2 scenario(s): 1 passed, 1 failed, 0 could not run');
  });

  it('writes the same HTML report the suite wrote, from results.json and trace.jsonl alone', () => {
    const html = join(root, 'again.html');
    expect(runReport({ file: join(out, 'results.json'), html }, { stdout: sink() })).toBe(0);
    expect(readFileSync(html, 'utf8')).toBe(readFileSync(join(out, 'report.html'), 'utf8'));
  });

  it('re-renders a bare trace.jsonl as its ladder', () => {
    const lone = join(root, 'lone.jsonl');
    copyFileSync(join(out, 'trace.jsonl'), lone);
    const io = sink();
    expect(runReport({ file: lone, width: 120, color: false }, { stdout: io })).toBe(0);
    expect(io.text).toContain('trace lone (34 messages)');
    expect(io.text).toContain(renderLadder(passedRun().records, { roles: ['alice', 'bob', 'carol'], width: 120 }).split('\n')[2]!);
    const html = join(root, 'lone.html');
    expect(runReport({ file: lone, html }, { stdout: sink() })).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('st-trace');
  });

  it('exits 2 for a missing or broken file', () => {
    expect(runReport({ file: join(root, 'nope.json') }, { stdout: sink() })).toBe(2);
    expect(runReport({ file: join(out, 'results.json'), trace: join(root, 'nope.jsonl') }, { stdout: sink() })).toBe(2);
  });
});
