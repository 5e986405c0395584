/**
 * RFC 3261 §13.3.1.4: the UAS core retransmits a 2xx to INVITE — at T1, doubling up to T2 — until
 * the ACK arrives, even over a reliable transport, and gives up after 64·T1.
 *
 * @remarks Time comes from the injected clock; one entry per (Call-ID, CSeq) of an answered INVITE.
 */
import type { Clock, TimerHandle } from '../util/index.js';

export interface AckWaiterTimers {
  /** @default 500 */
  t1: number;
  /** @default 4000 */
  t2: number;
}

interface Waiting {
  timer: TimerHandle;
  interval: number;
  elapsed: number;
}

export class AckWaiter {
  readonly #clock: Clock;
  readonly #timers: AckWaiterTimers;
  readonly #waiting = new Map<string, Waiting>();
  readonly #onGiveUp: (callId: string) => void;

  constructor(clock: Clock, onGiveUp: (callId: string) => void, timers: AckWaiterTimers = { t1: 500, t2: 4000 }) {
    this.#clock = clock;
    this.#onGiveUp = onGiveUp;
    this.#timers = timers;
  }

  static key(callId: string, cseq: number): string {
    return `${callId}\u0000${cseq}`;
  }

  /** Starts retransmitting `resend` until {@link acked} is called for the same Call-ID and CSeq. */
  wait(callId: string, cseq: number, resend: () => void): void {
    const key = AckWaiter.key(callId, cseq);
    this.#waiting.get(key)?.timer.cancel();
    const entry: Waiting = { timer: { cancel: () => undefined }, interval: this.#timers.t1, elapsed: 0 };
    const arm = (): void => {
      entry.timer = this.#clock.setTimer(entry.interval, () => {
        entry.elapsed += entry.interval;
        if (entry.elapsed >= 64 * this.#timers.t1) {
          this.#waiting.delete(key);
          this.#onGiveUp(callId);
          return;
        }
        resend();
        entry.interval = Math.min(entry.interval * 2, this.#timers.t2);
        arm();
      });
    };
    arm();
    this.#waiting.set(key, entry);
  }

  /** The ACK arrived: stop retransmitting. Returns whether a 2xx was waiting for it. */
  acked(callId: string, cseq: number): boolean {
    const key = AckWaiter.key(callId, cseq);
    const entry = this.#waiting.get(key);
    if (!entry) return false;
    entry.timer.cancel();
    this.#waiting.delete(key);
    return true;
  }

  get size(): number {
    return this.#waiting.size;
  }

  clear(): void {
    for (const entry of this.#waiting.values()) entry.timer.cancel();
    this.#waiting.clear();
  }
}
