import { describe, expect, it } from 'vitest';
import { formatDuration, formatLoadProgressLine, iterationUsers, parseDuration, withoutIterationTags } from '../../src/load/index.js';

describe('parseDuration / formatDuration', () => {
  it('reads k6-style durations', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('1h')).toBe(3_600_000);
  });

  it.each(['', '30', 's', '30x', '-5s', '0s', '1m 30s', '30s!'])('refuses %j naming the flag', (text) => {
    expect(() => parseDuration(text, '--max-duration')).toThrow(expect.objectContaining({ code: 'FH_USAGE', message: expect.stringContaining(`--max-duration ${JSON.stringify(text)}`) }));
  });

  it('prints durations back compactly', () => {
    expect([400, 2500, 30_000, 90_000, 119_999, 600_000].map(formatDuration)).toEqual(['400ms', '2.5s', '30s', '1m30s', '2m', '10m']);
  });
});

describe('iteration users and progress line', () => {
  it('gives each role of each iteration its own AOR, and groups diagnostics across them', () => {
    expect(iterationUsers(['alice', 'bob'], 'contoso.com', 3, 17)).toEqual({ alice: { aor: 'sip:alice.v3i17@contoso.com' }, bob: { aor: 'sip:bob.v3i17@contoso.com' } });
    expect(withoutIterationTags('expected sip:alice.v3i17@contoso.com and sip:bob.v12i4@contoso.com')).toBe('expected sip:alice.v*i*@contoso.com and sip:bob.v*i*@contoso.com');
  });

  it('says how far the run is', () => {
    const line = formatLoadProgressLine('eject', { elapsedMs: 4000, started: 10, completed: 8, passed: 6, failed: 2, error: 0, running: 2, vus: 2, iterations: 12 });
    expect(line).toBe('eject · 8/12 iterations · 75% passing · 2.0 it/s · 2 running · 4.0 s');
    expect(formatLoadProgressLine('im', { elapsedMs: 0, started: 0, completed: 0, passed: 0, failed: 0, error: 0, running: 0, vus: 1, durationMs: 30_000 })).toBe('im · 0 iterations · –% passing · 0.0 it/s · 0 running · 0.0/30 s');
  });
});
