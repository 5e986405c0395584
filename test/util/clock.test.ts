import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/index.js';

describe('ManualClock', () => {
  it('fires timers in due order and only when time reaches them', () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimer(50, () => fired.push('b'));
    clock.setTimer(10, () => fired.push('a'));
    const cancelled = clock.setTimer(20, () => fired.push('never'));
    cancelled.cancel();
    clock.advance(49);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(1049);
    clock.advance(1);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs timers armed by a firing timer within the same advance', () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.setTimer(10, () => {
      fired.push(clock.now());
      clock.setTimer(10, () => fired.push(clock.now()));
    });
    clock.advance(100);
    expect(fired).toEqual([10, 20]);
  });
});
