/**
 * The one-line status shown while a suite runs: `[2/5] eject · 1 passed · 0 failed · 12.4 s`.
 *
 * @remarks Drawn only when the stream is a terminal (a CI log gets no carriage-return noise);
 * redrawn every second on the injected clock and on each scenario start and end, and erased before
 * anything else is printed (vitest's windowed renderer keeps logs above its footer the same way).
 */
import type { Clock, TimerHandle } from '../util/index.js';

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

export interface SuiteProgressState {
  readonly index: number;
  readonly total: number;
  readonly current: string;
  readonly passed: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

/** Erases the terminal line the cursor is on. */
export const ERASE_LINE = '\r\u001b[2K';

/** What redraws a status line in place: erase the line, then `text` cut to the stream's width. */
export function statusLine(text: string, columns: number | undefined): string {
  const width = Math.max(20, (columns ?? 100) - 1);
  return `${ERASE_LINE}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`;
}

/** The status text (no control characters); pure, for tests and for the line itself. */
export function formatProgressLine(s: SuiteProgressState): string {
  return `[${s.index}/${s.total}] ${s.current} · ${s.passed} passed · ${s.failed} failed · ${(s.elapsedMs / 1000).toFixed(1)} s`;
}

export class SuiteProgress {
  readonly #stream: ProgressStream;
  readonly #clock: Clock;
  readonly #startedAt: number;
  readonly #total: number;
  readonly #enabled: boolean;
  #index = 0;
  #current = '';
  #passed = 0;
  #failed = 0;
  #timer: TimerHandle | undefined;
  #shown = false;

  constructor(stream: ProgressStream, clock: Clock, total: number) {
    this.#stream = stream;
    this.#clock = clock;
    this.#total = total;
    this.#startedAt = clock.now();
    this.#enabled = stream.isTTY === true;
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  start(index: number, name: string): void {
    this.#index = index;
    this.#current = name;
    this.#draw();
  }

  finish(passed: boolean): void {
    if (passed) this.#passed++;
    else this.#failed++;
    this.#draw();
  }

  /** Erases the line (call before printing anything else, and at the end). */
  clear(): void {
    if (this.#enabled && this.#shown) this.#stream.write(ERASE_LINE);
    this.#shown = false;
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.clear();
  }

  #draw(): void {
    if (!this.#enabled) return;
    const text = formatProgressLine({
      index: this.#index,
      total: this.#total,
      current: this.#current,
      passed: this.#passed,
      failed: this.#failed,
      elapsedMs: this.#clock.now() - this.#startedAt,
    });
    this.#stream.write(statusLine(text, this.#stream.columns));
    this.#shown = true;
    this.#timer?.cancel();
    this.#timer = this.#clock.setTimer(1000, () => this.#draw());
  }
}
