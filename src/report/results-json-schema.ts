/**
 * The zod schema of `results.json` (docs/results-schema.md), used to read a saved file
 * (`focus-harness report`, `--baseline`) and, in tests, to check what the renderer writes.
 */
import { z } from 'zod';

const check = z.strictObject({
  id: z.string().optional(),
  severity: z.enum(['MUST', 'SHOULD', 'INFO']),
  passed: z.boolean(),
  role: z.string().optional(),
  description: z.string(),
  detail: z.string().optional(),
  seqs: z.array(z.number().int()),
});

const failure = z.strictObject({
  step: z.string(),
  id: z.string().optional(),
  role: z.string().optional(),
  expected: z.string(),
  actual: z.string().optional(),
  nearestMiss: z
    .strictObject({ seq: z.number().int(), firstLine: z.string(), label: z.string(), dialog: z.string().optional(), reason: z.string() })
    .optional(),
  seqs: z.array(z.number().int()),
  message: z.string(),
});

const step = z.strictObject({
  index: z.number().int().positive(),
  name: z.string(),
  status: z.enum(['passed', 'failed', 'warned', 'skipped']),
  durationMs: z.number().nonnegative(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  checks: z.array(check),
});

const target = z.strictObject({
  host: z.string(),
  port: z.number().int(),
  transport: z.enum(['tls', 'tcp']),
  embedded: z.boolean(),
  faults: z.array(z.string()),
});

const exitCode = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(130)]);
const status = z.enum(['passed', 'failed', 'error', 'interrupted']);

const scenario = z.strictObject({
  name: z.string(),
  title: z.string(),
  spec: z.string().optional(),
  roles: z.array(z.string()),
  status,
  exitCode,
  startedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  target: target.optional(),
  steps: z.array(step),
  failures: z.array(failure),
  warnings: z.array(check),
  notes: z.array(check),
  error: z.strictObject({ code: z.string(), message: z.string(), where: z.string().optional() }).optional(),
  trace: z.strictObject({ offset: z.number().int().nonnegative(), count: z.number().int().nonnegative() }),
});

const verdict = z.enum(['new-failure', 'fixed', 'still-failing', 'passing', 'flaky', 'new']);
const latency = z.strictObject({
  step: z.string(),
  baselineMs: z.number(),
  currentMs: z.number(),
  deltaMs: z.number(),
  deltaPct: z.number(),
  significant: z.boolean(),
});

const baseline = z.strictObject({
  baselineStartedAt: z.string(),
  counts: z.record(verdict, z.number().int()),
  scenarios: z.array(
    z.strictObject({
      name: z.string(),
      verdict,
      baselineStatus: z.string().optional(),
      status: z.string(),
      failureChanged: z.boolean().optional(),
      latency: z.array(latency),
    }),
  ),
  removed: z.array(z.string()),
  latencyChanges: z.array(latency.extend({ scenario: z.string() })),
});

export const resultsJsonSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('focus-harness'), version: z.string() }),
  startedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  summary: z.strictObject({
    total: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    errored: z.number().int(),
    interrupted: z.number().int(),
    warnings: z.number().int(),
    exitCode,
  }),
  baseline: baseline.optional(),
  scenarios: z.array(scenario),
});
