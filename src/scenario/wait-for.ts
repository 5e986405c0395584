/**
 * Waits until `ready()` returns a value, re-checking whenever `subscribe` signals a change, or
 * until `within` ms pass on the injected clock (then resolves `undefined`).
 */
import type { Clock } from '../util/index.js';

export function waitFor<T>(
  clock: Clock,
  within: number,
  subscribe: (onChange: () => void) => () => void,
  ready: () => T | undefined,
  interrupted?: Promise<void>,
): Promise<T | undefined> {
  const now = ready();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise<T | undefined>((resolve) => {
    let done = false;
    const finish = (value: T | undefined): void => {
      if (done) return;
      done = true;
      unsubscribe();
      timer.cancel();
      resolve(value);
    };
    const unsubscribe = subscribe(() => {
      const value = ready();
      if (value !== undefined) finish(value);
    });
    const timer = clock.setTimer(within, () => finish(ready()));
    void interrupted?.then(() => finish(undefined));
  });
}
