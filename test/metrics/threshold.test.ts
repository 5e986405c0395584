import { describe, expect, it } from 'vitest';
import { evaluateThresholds, LatencySamples, parseThreshold, type ThresholdInput } from '../../src/metrics/index.js';

function samples(...values: number[]): LatencySamples {
  const s = new LatencySamples();
  for (const v of values) s.add(v);
  return s;
}

describe('parseThreshold', () => {
  it('reads the k6-style forms', () => {
    expect(parseThreshold('failures<1%')).toEqual({ source: 'failures<1%', metric: { kind: 'failure-rate' }, operator: '<', value: 1 });
    expect(parseThreshold('failures==0')).toMatchObject({ metric: { kind: 'failure-count' }, operator: '==', value: 0 });
    expect(parseThreshold(' step:p95 < 500 ')).toEqual({ source: 'step:p95 < 500', metric: { kind: 'step-latency', statistic: { kind: 'percentile', p: 95 } }, operator: '<', value: 500 });
    expect(parseThreshold('step:p(99.9)<=2s')).toMatchObject({ metric: { kind: 'step-latency', statistic: { kind: 'percentile', p: 99.9 } }, operator: '<=', value: 2000 });
    expect(parseThreshold('step:med<100ms')).toMatchObject({ metric: { statistic: { kind: 'percentile', p: 50 } }, value: 100 });
    expect(parseThreshold('iteration:max<3s')).toMatchObject({ metric: { kind: 'iteration-latency', statistic: { kind: 'max' } }, value: 3000 });
    expect(parseThreshold('iteration:avg<900')).toMatchObject({ metric: { kind: 'iteration-latency', statistic: { kind: 'avg' } } });
    expect(parseThreshold('iterations/s>=5.5')).toMatchObject({ metric: { kind: 'iteration-rate' }, operator: '>=', value: 5.5 });
  });

  it.each([
    ['', /not a threshold/],
    ['failures', /not a threshold/],
    ['failures<abc', /not a threshold/],
    ['latency<5', /unknown metric "latency"/],
    ['step<500', /"step" needs a statistic, e\.g\. step:p95<500/],
    ['step:p100<500', /unknown statistic "p100"/],
    ['step:p0<500', /unknown statistic "p0"/],
    ['step:mean<500', /unknown statistic "mean"/],
    ['step:p95<5%', /a latency is in ms/],
    ['failures:p95<1', /"failures" takes no ":statistic"/],
    ['failures<1ms', /a share \(`1%`\) or a count/],
    ['failures<101%', /cannot exceed 100%/],
    ['failures<1.5', /whole number/],
    ['iterations/s>5%', /plain number/],
    ['step:p95=500', /not a threshold/],
  ])('refuses %j with FH_USAGE saying what is wrong and which forms exist', (text, problem) => {
    let caught: unknown;
    try {
      parseThreshold(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'FH_USAGE' });
    const message = (caught as Error).message;
    expect(message).toMatch(problem);
    expect(message).toContain(`--threshold ${JSON.stringify(text)}`);
    expect(message).toContain('forms: failures<1%, failures==0, step:p95<500');
  });
});

describe('evaluateThresholds', () => {
  const input: ThresholdInput = {
    completed: 200,
    failing: 1,
    elapsedMs: 40_000,
    iteration: samples(800, 900, 1000, 3000),
    steps: [
      { name: 'register', latency: samples(40, 50, 60) },
      { name: 'join', latency: samples(200, 400, 700) },
      { name: 'never passed', latency: samples() },
    ],
  };

  it('judges failure share and count, rate and latencies', () => {
    const verdicts = evaluateThresholds(
      ['failures<1%', 'failures==0', 'failures<=1', 'iterations/s>5', 'iterations/s>4', 'step:p95<500', 'step:max<1000', 'iteration:p50<1s', 'iteration:max<3s'].map(parseThreshold),
      input,
    );
    expect(verdicts.map((v) => [v.threshold, v.passed])).toEqual([
      ['failures<1%', true],
      ['failures==0', false],
      ['failures<=1', true],
      ['iterations/s>5', false],
      ['iterations/s>4', true],
      ['step:p95<500', false],
      ['step:max<1000', true],
      ['iteration:p50<1s', true],
      ['iteration:max<3s', false],
    ]);
    expect(verdicts[0]!.actual).toBe('1 of 200 iterations failed (0.5%)');
    expect(verdicts[3]!.actual).toBe('5.00 iterations/s');
    expect(verdicts[5]!.actual).toBe('1 of 2 steps over; worst: "join" p95 700 ms');
    expect(verdicts[6]!.actual).toBe('closest: "join" max 700 ms');
    expect(verdicts[8]!.actual).toBe('iteration max 3000 ms');
  });

  it('fails a threshold that has nothing to judge rather than passing it', () => {
    const empty: ThresholdInput = { completed: 0, failing: 0, elapsedMs: 1000, iteration: samples(), steps: [{ name: 'x', latency: samples() }] };
    const verdicts = evaluateThresholds(['failures<1%', 'failures==0', 'step:p95<500', 'iteration:p95<500'].map(parseThreshold), empty);
    expect(verdicts.map((v) => v.passed)).toEqual([false, false, false, false]);
    expect(verdicts.map((v) => v.actual)).toEqual(['no iteration completed', 'no iteration completed', 'no step passed', 'no iteration passed']);
  });
});
