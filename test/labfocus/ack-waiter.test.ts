import { describe, expect, it } from 'vitest';
import { AckWaiter } from '../../src/labfocus/ack-waiter.js';
import { ManualClock } from '../../src/util/index.js';

describe('AckWaiter (RFC 3261 §13.3.1.4)', () => {
  it('retransmits at T1, 2·T1, … capped at T2, and gives up after 64·T1', () => {
    const clock = new ManualClock();
    const sent: number[] = [];
    const gaveUp: string[] = [];
    const waiter = new AckWaiter(clock, (id) => gaveUp.push(id));
    waiter.wait('call', 1, () => sent.push(clock.now()));
    clock.advance(40_000);
    expect(sent.slice(0, 5)).toEqual([500, 1500, 3500, 7500, 11500]);
    expect(sent.every((t) => t < 32_000)).toBe(true);
    expect(gaveUp).toEqual(['call']);
    expect(waiter.size).toBe(0);
  });

  it('stops once the ACK arrives', () => {
    const clock = new ManualClock();
    let sent = 0;
    const waiter = new AckWaiter(clock, () => undefined);
    waiter.wait('call', 7, () => sent++);
    clock.advance(600);
    expect(waiter.acked('call', 7)).toBe(true);
    clock.advance(10_000);
    expect(sent).toBe(1);
    expect(waiter.acked('call', 7)).toBe(false);
  });
});
