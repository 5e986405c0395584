/**
 * Removes known secrets (the profile's passwords) from what a suite writes: the raw bytes of trace
 * records (hence trace.jsonl, pcapng and the HTML message panel) and every string of the results
 * document (hence results.json, junit.xml and the report's text). Credential header values are
 * handled separately by `redactSecrets` in the writers.
 */
import type { TraceRecord } from '../capture/index.js';

export const SCRUBBED = '[redacted]';

function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join(SCRUBBED);
  return out;
}

/** Records whose raw bytes no longer contain any of `secrets` (same objects when none occur). */
export function scrubRecords(records: readonly TraceRecord[], secrets: readonly string[]): TraceRecord[] {
  const wanted = secrets.filter((s) => s.length > 0).map((s) => Buffer.from(s, 'utf8'));
  if (wanted.length === 0) return [...records];
  return records.map((r) => {
    if (!wanted.some((w) => r.raw.includes(w))) return r;
    // latin1 keeps every other byte as it was.
    let text = r.raw.toString('latin1');
    for (const w of wanted) text = text.split(w.toString('latin1')).join(SCRUBBED);
    return { ...r, raw: Buffer.from(text, 'latin1') };
  });
}

/** A deep copy of a JSON-like value with each secret replaced in every string. */
export function scrubStrings<T>(value: T, secrets: readonly string[]): T {
  if (secrets.every((s) => s.length === 0)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && !Buffer.isBuffer(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
