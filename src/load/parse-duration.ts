/**
 * Reads a k6-style duration (`30s`, `2m`, `1m30s`, `500ms`, `1h`) into milliseconds, or throws
 * `FH_USAGE` naming the flag.
 */
import { FocusHarnessError } from '../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/gy;

export function parseDuration(text: string, flag = '--duration'): number {
  const trimmed = text.trim();
  let total = 0;
  let end = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(trimmed); m; m = PART.exec(trimmed)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? NaN);
    end = PART.lastIndex;
  }
  if (trimmed === '' || end !== trimmed.length || !(total > 0)) {
    throw new FocusHarnessError('FH_USAGE', `${flag} ${JSON.stringify(text)}: a duration such as 30s, 2m, 1m30s or 500ms`);
  }
  return Math.round(total);
}

/** `90000` → `1m30s`; `2500` → `2.5s`; `400` → `400ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const whole = Math.round(ms / 1000);
  const minutes = Math.floor(whole / 60);
  const seconds = whole % 60;
  return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}
