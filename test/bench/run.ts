/**
 * Bench entry: runs every `test/bench/*.bench.ts` module in turn and prints one table.
 *
 * Usage: `node --import tsx test/bench/run.ts [name-filter] [--json]`
 */
import { readdirSync } from 'node:fs';
import type { BenchModule, BenchResult } from './bench-result.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const filter = args.find((a) => !a.startsWith('--'));
const here = new URL('./', import.meta.url);
const modules = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (filter === undefined || f.includes(filter))).sort();

const results: BenchResult[] = [];
for (const file of modules) {
  const mod = (await import(new URL(file, here).href)) as Partial<BenchModule>;
  if (typeof mod.run !== 'function') {
    process.stderr.write(`bench: ${file} does not export run(): skipped\n`);
    continue;
  }
  process.stderr.write(`bench: ${file}…\n`);
  const got = await mod.run();
  for (const r of Array.isArray(got) ? got : []) {
    if (typeof r?.name !== 'string' || typeof r.value !== 'number' || typeof r.unit !== 'string') {
      process.stderr.write(`bench: ${file} returned a result that is not a BenchResult: ${JSON.stringify(r)}\n`);
      continue;
    }
    results.push({ ...r, suite: typeof r.suite === 'string' ? r.suite : file.replace(/\.bench\.ts$/, '') });
  }
}

if (json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const fmt = (n: number | undefined): string => (n === undefined ? '' : n < 10 ? n.toFixed(3) : n.toFixed(1));
  const rows = results.map((r) => [r.suite, r.name, `${fmt(r.value)} ${r.unit}`, fmt(r.p50), fmt(r.p99), r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`, r.note ?? '']);
  const head = ['suite', 'benchmark', 'mean', 'p50', 'p99', 'ratio', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => String(c ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
}
