/**
 * StreamFramer throughput: the 17 seed messages as one TLS stream, delivered in reads of
 * typical sizes (one TLS record ≈ 16 KiB, a small MTU-sized read, and whole messages).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { do_not_optimize, measure } from 'mitata';
import { StreamFramer } from '../../src/sip/index.js';
import type { BenchResult } from './bench-result.js';

const dir = new URL('../fixtures/sip/', import.meta.url);
const seeds = readdirSync(dir).filter((f) => f.endsWith('.sip')).sort().map((f) => readFileSync(new URL(f, dir)));
const stream = Buffer.concat(seeds);

function cut(size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < stream.length; i += size) out.push(stream.subarray(i, i + size));
  return out;
}

const cases: [string, Buffer[]][] = [
  ['reads of 16 KiB', cut(16 * 1024)],
  ['reads of 1400 B', cut(1400)],
  ['one read per message', seeds],
];

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [name, chunks] of cases) {
    const once = (): void => {
      const framer = new StreamFramer();
      let delivered = 0;
      for (const chunk of chunks) for (const e of framer.push(chunk)) if (e.type === 'message') delivered++;
      if (delivered !== seeds.length) throw new Error(`framer delivered ${delivered} of ${seeds.length}`);
      do_not_optimize(framer);
    };
    once();
    const stats = await measure(once, { min_cpu_time: 300 * 1e6 });
    const perMessage = (ns: number): number => ns / seeds.length / 1000;
    results.push({
      suite: 'sip-framer',
      name: `frame 17 seed messages, ${name}`,
      unit: 'µs/msg',
      value: perMessage(stats.avg),
      p50: perMessage(stats.p50),
      p99: perMessage(stats.p99),
      note: `${(stream.length / 1024).toFixed(1)} KiB stream, strict parse included`,
    });
  }
  return results;
}
