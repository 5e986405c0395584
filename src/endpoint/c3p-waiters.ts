/**
 * C3P requests waiting for a response carried by a focus INFO (brief §4.11: 202 Accepted, then
 * the focus's own INFO in D1 with the same `requestId`).
 *
 * ```
 * pending ──(INFO with matching requestId)──▶ answered
 *    │  └──(timeout on the injected clock)──▶ timed-out
 *    └──(endpoint closed)───────────────────▶ timed-out
 * ```
 * A response may arrive before the caller starts waiting (the INFO can be handled before the
 * promise of the 202 settles), so `deliver` stores it and `wait` returns it at once.
 */
import type { C3pResponse } from '../conference/index.js';
import type { Clock, TimerHandle } from '../util/index.js';

interface Waiter {
  response?: C3pResponse;
  resolve?: ((response: C3pResponse | undefined) => void) | undefined;
  timer?: TimerHandle | undefined;
}

export class C3pWaiters {
  readonly #clock: Clock;
  readonly #waiters = new Map<string, Waiter>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#waiters.size;
  }

  /** Announces that a request with `requestId` is about to be sent. */
  expect(requestId: string): void {
    if (!this.#waiters.has(requestId)) this.#waiters.set(requestId, {});
  }

  /** Hands over a response carried by an INFO; false when nobody expected that requestId. */
  deliver(response: C3pResponse): boolean {
    const waiter = this.#waiters.get(response.requestId);
    if (!waiter || waiter.response) return false;
    waiter.response = response;
    if (waiter.resolve) this.#settle(response.requestId, waiter, response);
    return true;
  }

  /** Resolves with the response, or `undefined` after `timeoutMs`. */
  wait(requestId: string, timeoutMs: number): Promise<C3pResponse | undefined> {
    const waiter = this.#waiters.get(requestId) ?? {};
    this.#waiters.set(requestId, waiter);
    if (waiter.response) {
      this.#waiters.delete(requestId);
      return Promise.resolve(waiter.response);
    }
    return new Promise((resolve) => {
      waiter.resolve = resolve;
      waiter.timer = this.#clock.setTimer(timeoutMs, () => this.#settle(requestId, waiter, undefined));
    });
  }

  /** Forgets a request (its response came in the 200, or the request failed). */
  cancel(requestId: string): void {
    const waiter = this.#waiters.get(requestId);
    if (waiter) this.#settle(requestId, waiter, undefined);
  }

  /** Ends every wait with no response (endpoint closing). */
  cancelAll(): void {
    for (const [id, waiter] of [...this.#waiters]) this.#settle(id, waiter, undefined);
  }

  #settle(requestId: string, waiter: Waiter, response: C3pResponse | undefined): void {
    this.#waiters.delete(requestId);
    waiter.timer?.cancel();
    const resolve = waiter.resolve;
    waiter.resolve = undefined;
    resolve?.(response);
  }
}
