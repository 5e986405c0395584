/**
 * `runSuite`: runs scenarios one after the other, each isolated, and writes the artefacts a CI
 * job keeps: `results.json`, `junit.xml`, `report.html`, `trace.jsonl`, `capture.pcapng` and
 * `keylog.txt` (when TLS key lines were collected).
 *
 * @remarks The runner is injected (`run`), so this layer does not import the scenario layer; the
 * `suite` command passes `runScenario`. Exit code: 0 all passed, 1 some failed, 2 one could not
 * run, 130 interrupted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceRecordToJsonLine, writePcapng } from '../capture/index.js';
import { systemClock } from '../util/index.js';
import { buildResultsDocument } from './build-results-document.js';
import { compareWithBaseline } from './compare-with-baseline.js';
import { renderHtmlReport } from './html-report.js';
import { renderJunitXml } from './junit-xml.js';
import type { ReportableRun } from './reportable-run.js';
import { renderResultsJson } from './results-json.js';
import type { RunSuiteOptions, SuiteArtifacts, SuiteOutcome } from './run-suite-options.js';
import { scrubRecords, scrubStrings } from './scrub-secrets.js';
import { SuiteProgress } from './suite-progress.js';

export async function runSuite<S extends { readonly name: string }>(options: RunSuiteOptions<S>): Promise<SuiteOutcome> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const keep = options.keepSecrets === true;
  mkdirSync(options.outDir, { recursive: true });
  const keyLines: string[] = [];
  const progress = new SuiteProgress(options.progress ?? { write: () => undefined }, clock, options.scenarios.length);
  const runs: ReportableRun[] = [];
  try {
    for (const [i, scenario] of options.scenarios.entries()) {
      if (options.signal?.aborted) break;
      progress.start(i + 1, scenario.name);
      const run = await options.run(scenario, { index: i + 1, total: options.scenarios.length, keyLog: (line) => keyLines.push(line) });
      runs.push(run);
      progress.finish(run.status === 'passed');
      progress.clear();
      options.onScenarioEnd?.(run, i + 1);
      if (run.exitCode === 130) break;
    }
  } finally {
    progress.stop();
  }
  const durationMs = clock.now() - startedAt;
  const secrets = keep ? [] : (options.secrets ?? []);
  let results = scrubStrings(buildResultsDocument(runs, { startedAt, durationMs }), secrets);
  if (options.baseline) results = { ...results, baseline: compareWithBaseline(results, options.baseline) };
  const traces = runs.map((r) => scrubRecords(r.records, secrets));
  const records = traces.flat();
  const input = { results, traces };
  const path = (name: string): string => join(options.outDir, name);
  const artifacts: SuiteArtifacts = {
    results: path('results.json'),
    junit: path('junit.xml'),
    html: path('report.html'),
    trace: path('trace.jsonl'),
    pcapng: path('capture.pcapng'),
    ...(keyLines.length ? { keylog: path('keylog.txt') } : {}),
  };
  writeFileSync(artifacts.trace, records.map((r) => `${traceRecordToJsonLine(r, { keepSecrets: keep })}\n`).join(''));
  writeFileSync(artifacts.pcapng, writePcapng(records, { keepSecrets: keep }));
  if (artifacts.keylog) writeFileSync(artifacts.keylog, keyLines.map((l) => `${l}\n`).join(''));
  writeFileSync(artifacts.junit, renderJunitXml(input));
  writeFileSync(artifacts.html, renderHtmlReport(input, { keepSecrets: keep }));
  // results.json last: its presence means the other files are complete.
  writeFileSync(artifacts.results, renderResultsJson(results));
  return { results, exitCode: results.summary.exitCode, artifacts, runs };
}
