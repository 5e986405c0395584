import { describe, expect, it } from 'vitest';
import { LoadProgress, PLAIN_PERIOD_MS } from '../../src/load/index.js';
import { ManualClock } from '../../src/util/index.js';

function stream(isTTY: boolean): { text: string; isTTY: boolean; columns: number; write(chunk: string): boolean } {
  return { text: '', isTTY, columns: 80, write(chunk: string) { this.text += chunk; return true; } };
}

const snapshot = { started: 5, completed: 4, passed: 4, failed: 0, error: 0, running: 1, vus: 2, iterations: 10 };

describe('LoadProgress', () => {
  it('in a CI log writes a plain line every few seconds, and nothing else', () => {
    const clock = new ManualClock(0);
    const out = stream(false);
    const progress = new LoadProgress(out, clock, 'eject', 2);
    clock.advance(PLAIN_PERIOD_MS - 1);
    expect(out.text).toBe('');
    progress.update({ ...snapshot, elapsedMs: 1234 });
    clock.advance(1);
    expect(out.text).toBe('eject · 4/10 iterations · 100% passing · 0.8 it/s · 1 running · 5.0 s\n');
    clock.advance(PLAIN_PERIOD_MS);
    expect(out.text.split('\n')).toHaveLength(3);
    progress.stop();
    clock.advance(5 * PLAIN_PERIOD_MS);
    expect(out.text.split('\n')).toHaveLength(3);
    expect(out.text).not.toContain('\r');
  });

  it('on a terminal redraws one line in place, fitted to the width, and erases it on stop', () => {
    const clock = new ManualClock(0);
    const out = stream(true);
    const progress = new LoadProgress(out, clock, 'a-scenario-with-a-rather-long-name-to-overflow-the-line', 2);
    progress.update({ ...snapshot, elapsedMs: 0 });
    clock.advance(1000);
    const draws = out.text.split('\r\u001b[2K').filter(Boolean);
    expect(draws.length).toBe(2);
    expect(draws.every((d) => d.length <= 79 && d.endsWith('…'))).toBe(true);
    progress.stop();
    expect(out.text.endsWith('\r\u001b[2K')).toBe(true);
    const length = out.text.length;
    clock.advance(5000);
    expect(out.text.length).toBe(length);
  });
});
