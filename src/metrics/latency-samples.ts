/**
 * A latency series (milliseconds) whose memory stays bounded over a long run: count, sum, min and
 * max are exact; percentiles come from the samples themselves up to `capacity`, beyond it from a
 * uniform reservoir of `capacity` samples (Vitter's algorithm R), which stays representative of
 * the whole run.
 */
import type { LatencySummary } from './latency-summary.js';
import { percentile } from './percentile.js';

/** Samples kept per series before the reservoir starts replacing. */
export const DEFAULT_SAMPLE_CAPACITY = 50_000;

export interface LatencySamplesOptions {
  /** @default {@link DEFAULT_SAMPLE_CAPACITY} */
  readonly capacity?: number;
  /** A number in [0, 1) (tests inject a fixed sequence). @default Math.random */
  readonly random?: () => number;
}

export class LatencySamples {
  readonly #capacity: number;
  readonly #random: () => number;
  readonly #kept: number[] = [];
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;
  #sorted: number[] | undefined;

  constructor(options: LatencySamplesOptions = {}) {
    this.#capacity = Math.max(1, options.capacity ?? DEFAULT_SAMPLE_CAPACITY);
    this.#random = options.random ?? Math.random;
  }

  get count(): number {
    return this.#count;
  }

  get max(): number | undefined {
    return this.#count === 0 ? undefined : this.#max;
  }

  add(ms: number): void {
    this.#count++;
    this.#sum += ms;
    if (ms < this.#min) this.#min = ms;
    if (ms > this.#max) this.#max = ms;
    this.#sorted = undefined;
    if (this.#kept.length < this.#capacity) {
      this.#kept.push(ms);
      return;
    }
    const slot = Math.floor(this.#random() * this.#count);
    if (slot < this.#capacity) this.#kept[slot] = ms;
  }

  /** The `p`th percentile (0–100); 100 is the exact maximum, 0 the exact minimum. */
  percentile(p: number): number | undefined {
    if (this.#count === 0) return undefined;
    if (p >= 100) return this.#max;
    if (p <= 0) return this.#min;
    return percentile(this.#sortedSamples(), p);
  }

  mean(): number | undefined {
    return this.#count === 0 ? undefined : this.#sum / this.#count;
  }

  summary(): LatencySummary | undefined {
    if (this.#count === 0) return undefined;
    const sorted = this.#sortedSamples();
    const at = (p: number): number => percentile(sorted, p) ?? this.#max;
    return {
      count: this.#count,
      min: this.#min,
      mean: this.#sum / this.#count,
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      max: this.#max,
    };
  }

  #sortedSamples(): number[] {
    this.#sorted ??= [...this.#kept].sort((a, b) => a - b);
    return this.#sorted;
  }
}
