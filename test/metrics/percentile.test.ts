import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencySamples, percentile } from '../../src/metrics/index.js';

describe('percentile (nearest rank)', () => {
  it('answers with a measured sample', () => {
    const sorted = [10, 20, 30, 40];
    expect(percentile(sorted, 0)).toBe(10);
    expect(percentile(sorted, 25)).toBe(10);
    expect(percentile(sorted, 26)).toBe(20);
    expect(percentile(sorted, 50)).toBe(20);
    expect(percentile(sorted, 75)).toBe(30);
    expect(percentile(sorted, 90)).toBe(40);
    expect(percentile(sorted, 100)).toBe(40);
    expect(percentile([7], 99)).toBe(7);
  });

  it('has no value for no samples and refuses a percentile outside 0..100', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('at least p% of the samples are at or below it, and fewer than p% strictly below', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        const v = percentile(sorted, p);
        expect(v).toBeDefined();
        const atOrBelow = sorted.filter((x) => x <= v!).length;
        const below = sorted.filter((x) => x < v!).length;
        expect(atOrBelow / sorted.length).toBeGreaterThanOrEqual(p / 100 - 1e-9);
        expect(below / sorted.length).toBeLessThan(p / 100 + 1e-9);
      }),
    );
  });

  it('is monotonic in p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 100 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (values, a, b) => {
        const sorted = [...values].sort((x, y) => x - y);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(percentile(sorted, lo)!).toBeLessThanOrEqual(percentile(sorted, hi)!);
      }),
    );
  });
});

describe('LatencySamples', () => {
  it('summarises a series exactly below its capacity', () => {
    const s = new LatencySamples();
    for (let i = 100; i >= 1; i--) s.add(i);
    expect(s.summary()).toEqual({ count: 100, min: 1, mean: 50.5, p50: 50, p90: 90, p95: 95, p99: 99, max: 100 });
    expect(s.percentile(99.9)).toBe(100);
    expect(new LatencySamples().summary()).toBeUndefined();
  });

  it('keeps at most its capacity of samples, with exact count, mean, min and max', () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const s = new LatencySamples({ capacity: 1000, random });
    for (let i = 1; i <= 100_000; i++) s.add(i % 1000);
    const summary = s.summary()!;
    expect(summary.count).toBe(100_000);
    expect(summary.min).toBe(0);
    expect(summary.max).toBe(999);
    expect(summary.mean).toBeCloseTo(499.5, 6);
    // The reservoir is a uniform sample of a uniform series: its median is near the middle.
    expect(summary.p50).toBeGreaterThan(400);
    expect(summary.p50).toBeLessThan(600);
  });
});
