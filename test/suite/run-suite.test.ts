import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTraceJsonLines } from '../../src/capture/index.js';
import { formatProgressLine, parseResultsJson, runSuite, type ReportableRun } from '../../src/report/index.js';
import { ManualClock } from '../../src/util/index.js';
import { errorRun, failedRun, passedRun } from '../report/sample-runs.js';

const root = mkdtempSync(join(tmpdir(), 'fh-run-suite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const outDir = (): string => join(root, `out-${++n}`);

class FakeTty {
  readonly isTTY = true;
  readonly columns = 200;
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

function runner(byName: Record<string, ReportableRun>, clock?: ManualClock, stepMs = 0) {
  return async (scenario: { name: string }, ctx: { keyLog: (line: string) => void }): Promise<ReportableRun> => {
    clock?.advance(stepMs);
    ctx.keyLog(`CLIENT_RANDOM ${scenario.name} 00`);
    return byName[scenario.name]!;
  };
}

describe('runSuite', () => {
  it('writes every artefact and returns exit 0 when all pass', async () => {
    const out = outDir();
    const outcome = await runSuite({ scenarios: [{ name: 'a' }, { name: 'b' }], outDir: out, run: runner({ a: passedRun('a'), b: passedRun('b') }) });
    expect(outcome.exitCode).toBe(0);
    for (const file of ['results.json', 'junit.xml', 'report.html', 'trace.jsonl', 'capture.pcapng', 'keylog.txt']) expect(existsSync(join(out, file)), file).toBe(true);
    const results = parseResultsJson(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.scenarios.map((s) => s.name)).toEqual(['a', 'b']);
    const records = readTraceJsonLines(readFileSync(join(out, 'trace.jsonl'), 'utf8'));
    expect(records).toHaveLength(34);
    // The second scenario's records are found through its trace range.
    expect(records.slice(results.scenarios[1]!.trace.offset).map((r) => r.seq)).toEqual(passedRun().records.map((r) => r.seq));
    expect(readFileSync(join(out, 'keylog.txt'), 'utf8')).toBe('CLIENT_RANDOM a 00\nCLIENT_RANDOM b 00\n');
  });

  it('exits 1 when one failed and 2 when one could not run', async () => {
    const run = runner({ p: passedRun('p'), f: failedRun('f'), e: errorRun('e') });
    expect((await runSuite({ scenarios: [{ name: 'p' }, { name: 'f' }], outDir: outDir(), run })).exitCode).toBe(1);
    expect((await runSuite({ scenarios: [{ name: 'f' }, { name: 'e' }], outDir: outDir(), run })).exitCode).toBe(2);
  });

  it('compares with a baseline', async () => {
    const before = await runSuite({ scenarios: [{ name: 'x' }], outDir: outDir(), run: runner({ x: passedRun('x') }) });
    const now = await runSuite({ scenarios: [{ name: 'x' }], outDir: outDir(), run: runner({ x: failedRun('x') }), baseline: before.results });
    expect(now.results.baseline?.scenarios[0]?.verdict).toBe('new-failure');
  });

  it('draws a status line on a terminal only, with n of m, passes, failures and elapsed time', async () => {
    const clock = new ManualClock(1_000);
    const tty = new FakeTty();
    const lines: string[] = [];
    await runSuite({
      scenarios: [{ name: 'a' }, { name: 'b' }],
      outDir: outDir(),
      clock,
      progress: tty,
      run: runner({ a: failedRun('a'), b: passedRun('b') }, clock, 1500),
      onScenarioEnd: (r) => lines.push(r.scenario.name),
    });
    expect(tty.text).toContain('[1/2] a · 0 passed · 0 failed · 0.0 s');
    expect(tty.text).toContain('[1/2] a · 0 passed · 0 failed · 1.0 s'); // redrawn by the 1 s timer
    expect(tty.text).toContain('[1/2] a · 0 passed · 1 failed · 1.5 s');
    expect(tty.text).toContain('[2/2] b · 1 passed · 1 failed · 3.0 s');
    expect(tty.text.endsWith('\r\u001b[2K')).toBe(true); // erased at the end
    expect(clock.pendingTimers).toBe(0);
    expect(lines).toEqual(['a', 'b']);

    const pipe = { text: '', isTTY: false, write(chunk: string) { this.text += chunk; return true; } };
    await runSuite({ scenarios: [{ name: 'a' }], outDir: outDir(), progress: pipe, run: runner({ a: passedRun('a') }) });
    expect(pipe.text).toBe('');
  });

  it('formats the status text', () => {
    expect(formatProgressLine({ index: 3, total: 7, current: 'eject', passed: 2, failed: 0, elapsedMs: 12_345 })).toBe('[3/7] eject · 2 passed · 0 failed · 12.3 s');
  });

  it('stops after the current scenario when aborted', async () => {
    const controller = new AbortController();
    const outcome = await runSuite({
      scenarios: [{ name: 'a' }, { name: 'b' }],
      outDir: outDir(),
      signal: controller.signal,
      run: async (s) => {
        controller.abort();
        return passedRun(s.name);
      },
    });
    expect(outcome.results.scenarios.map((s) => s.name)).toEqual(['a']);
  });
});
