import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  RESULTS_SCHEMA_VERSION,
  buildResultsDocument,
  parseResultsJson,
  renderResultsJson,
  resultsJsonSchema,
} from '../../src/report/index.js';
import { errorRun, failedRun, passedRun } from './sample-runs.js';

const runs = [passedRun(), failedRun(), errorRun()];

describe('results.json', () => {
  it('writes a versioned document that validates against the schema and reads back equal', () => {
    const doc = buildResultsDocument(runs, { startedAt: 1_700_000_000_000, durationMs: 2500 });
    const text = renderResultsJson(doc);
    expect(text.endsWith('\n')).toBe(true);
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(raw['schemaVersion']).toBe(RESULTS_SCHEMA_VERSION);
    expect(resultsJsonSchema.safeParse(raw).success).toBe(true);
    expect(parseResultsJson(text)).toEqual(doc);
  });

  it('summarises the outcome and the exit code (2 wins over 1)', () => {
    const doc = buildResultsDocument(runs);
    expect(doc.summary).toEqual({ total: 3, passed: 1, failed: 1, errored: 1, interrupted: 0, warnings: 2, exitCode: 2 });
    expect(buildResultsDocument([passedRun(), failedRun()]).summary.exitCode).toBe(1);
    expect(buildResultsDocument([passedRun()]).summary.exitCode).toBe(0);
  });

  it('locates each scenario in trace.jsonl and keeps the diagnostic, nearest miss and error', () => {
    const doc = buildResultsDocument(runs);
    expect(doc.scenarios.map((s) => s.trace)).toEqual([
      { offset: 0, count: 17 },
      { offset: 17, count: 17 },
      { offset: 34, count: 0 },
    ]);
    const failed = doc.scenarios[1]!;
    expect(failed.failures[0]).toMatchObject({ step: 'Carol is removed', id: 'E5', role: 'carol', seqs: [6] });
    expect(failed.failures[0]!.nearestMiss?.reason).toBe('Reason header missing');
    expect(failed.failures[0]!.message).toContain('nearest miss on carol connection: seq 6');
    expect(doc.scenarios[2]!.error).toEqual({ code: 'FH_TRANSPORT_CONNECT', message: 'connect ECONNREFUSED 127.0.0.1:5061', where: '127.0.0.1:5061' });
    expect(doc.scenarios[0]!.startedAt).toBe('2023-11-14T22:13:20.000Z');
  });

  it('refuses another schema version and names the bad field', () => {
    const doc = buildResultsDocument(runs);
    expect(() => parseResultsJson(JSON.stringify({ ...doc, schemaVersion: 2 }))).toThrow(/schemaVersion 2/);
    const broken = JSON.parse(renderResultsJson(doc)) as { scenarios: { status: string }[] };
    broken.scenarios[1]!.status = 'sort-of';
    expect(() => parseResultsJson(JSON.stringify(broken))).toThrow(/scenarios\.1\.status/);
    expect(() => parseResultsJson('{')).toThrow(/not JSON/);
  });

  it('is documented field by field in docs/results-schema.md', () => {
    const doc = readFileSync(new URL('../../docs/results-schema.md', import.meta.url), 'utf8');
    const keys = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          keys.add(k);
          walk(v);
        }
      }
    };
    walk(JSON.parse(renderResultsJson(buildResultsDocument(runs))));
    const missing = [...keys].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });
});
