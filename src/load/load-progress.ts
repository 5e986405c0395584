/**
 * The progress of a load run while it goes: on a terminal one status line redrawn in place
 * (`eject · 8/12 iterations · 100% passing · 3.9 it/s · 4 running · 3.1 s`), otherwise (a CI log)
 * a plain line every few seconds.
 *
 * @remarks The same approach as the suite's status line: drawn only on a TTY, redrawn on a timer
 * of the injected clock and erased before anything else is printed.
 */
import { perSecond } from '../metrics/index.js';
import { ERASE_LINE, statusLine, type ProgressStream } from '../report/index.js';
import type { Clock, TimerHandle } from '../util/index.js';
import type { LoadProgressSnapshot } from './run-load-options.js';

/** Redraw period of the terminal line. */
const TTY_PERIOD_MS = 500;
/** Period of the plain lines of a non-terminal stream. */
export const PLAIN_PERIOD_MS = 5000;

/** The status text (no control characters); pure. */
export function formatLoadProgressLine(name: string, s: LoadProgressSnapshot): string {
  const done = s.iterations === undefined ? `${s.completed} iterations` : `${s.completed}/${s.iterations} iterations`;
  const passing = s.completed ? `${Math.floor((100 * s.passed) / s.completed)}% passing` : '–% passing';
  const rate = perSecond(s.completed, s.elapsedMs);
  const elapsed = (s.elapsedMs / 1000).toFixed(1);
  const of = s.durationMs === undefined ? '' : `/${(s.durationMs / 1000).toFixed(0)}`;
  return `${name} · ${done} · ${passing} · ${rate.toFixed(1)} it/s · ${s.running} running · ${elapsed}${of} s`;
}

export class LoadProgress {
  readonly #stream: ProgressStream;
  readonly #clock: Clock;
  readonly #name: string;
  readonly #tty: boolean;
  readonly #startedAt: number;
  #last: LoadProgressSnapshot;
  #timer: TimerHandle | undefined;
  #shown = false;

  constructor(stream: ProgressStream, clock: Clock, name: string, vus: number) {
    this.#stream = stream;
    this.#clock = clock;
    this.#name = name;
    this.#tty = stream.isTTY === true;
    this.#startedAt = clock.now();
    this.#last = { elapsedMs: 0, started: 0, completed: 0, passed: 0, failed: 0, error: 0, running: 0, vus };
    this.#arm();
  }

  update(snapshot: LoadProgressSnapshot): void {
    this.#last = snapshot;
  }

  /** Erases the terminal line and stops redrawing. */
  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    if (this.#tty && this.#shown) this.#stream.write(ERASE_LINE);
    this.#shown = false;
  }

  #arm(): void {
    this.#timer = this.#clock.setTimer(this.#tty ? TTY_PERIOD_MS : PLAIN_PERIOD_MS, () => {
      this.#draw();
      this.#arm();
    });
  }

  #draw(): void {
    const text = formatLoadProgressLine(this.#name, { ...this.#last, elapsedMs: this.#clock.now() - this.#startedAt });
    if (!this.#tty) {
      this.#stream.write(`${text}\n`);
      return;
    }
    this.#stream.write(statusLine(text, this.#stream.columns));
    this.#shown = true;
  }
}
