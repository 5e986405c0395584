/**
 * Garbage collection on demand for the tests that check what state keeps alive (issue 4: memory per
 * endpoint), without starting the test process with `--expose-gc`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A function that runs a full collection. */
export function garbageCollector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Collects until `weak` is cleared or `rounds` collections have run, each on a fresh macrotask (a
 * WeakRef target is held at least until the task that created or read it has ended).
 */
export async function collectUntilCleared(weak: WeakRef<object>, rounds = 10): Promise<boolean> {
  const gc = garbageCollector();
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    gc();
    if (weak.deref() === undefined) return true;
  }
  return false;
}

/** JS heap bytes in use after a full collection. */
export function heapUsedAfterGc(): number {
  garbageCollector()();
  return process.memoryUsage().heapUsed;
}
