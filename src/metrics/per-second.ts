/**
 * A count over elapsed milliseconds as a rate per second; 0 before any time has passed. Pure.
 */
export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (1000 * count) / elapsedMs : 0;
}
