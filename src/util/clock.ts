/**
 * Injected time: protocol code never calls `setTimeout` or `Date.now` directly.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `delayMs`; the returned handle cancels it. */
  setTimer(delayMs: number, callback: () => void): TimerHandle;
}

/** A system timer's handle: one small object, no closure per timer (many thousands run in a load run). */
class SystemTimerHandle implements TimerHandle {
  readonly #timeout: ReturnType<typeof setTimeout>;

  constructor(timeout: ReturnType<typeof setTimeout>) {
    this.#timeout = timeout;
  }

  cancel(): void {
    clearTimeout(this.#timeout);
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, callback) {
    const timer = setTimeout(callback, delayMs);
    timer.unref?.();
    return new SystemTimerHandle(timer);
  },
};

/** A clock for tests: time moves only when `advance` is called. */
export class ManualClock implements Clock {
  #now: number;
  #timers: { due: number; seq: number; callback: () => void; cancelled: boolean }[] = [];
  #seq = 0;

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const timer = { due: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => { timer.cancelled = true; } };
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const pending = this.#timers
        .filter((t) => !t.cancelled && t.due <= target)
        .sort((a, b) => a.due - b.due || a.seq - b.seq);
      const next = pending[0];
      if (!next) break;
      this.#now = next.due;
      next.cancelled = true;
      next.callback();
    }
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    this.#now = target;
  }

  get pendingTimers(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }
}
