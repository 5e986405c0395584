/**
 * Parser and serializer throughput on the 17 seed messages: focus-harness against three peers
 * (`sip`, drachtio-srf's parser, JsSIP's parser), measured side by side with mitata.
 *
 * "parse+headers" = parse one message and read every header value. For peers that parse typed
 * headers eagerly (sip, JsSIP) that includes their typed parsing; drachtio-srf runs in its lazy
 * mode (its eager mode throws on 11 of the 17 seed messages: it cannot read Kerberos/NTLM
 * Authentication-Info). Ours runs in its default strict mode (Via, From, To, Contact, CSeq,
 * Call-ID, Max-Forwards and the Request-URI checked on every message) and in lenient mode (start
 * line, header syntax, Content-Length), which is what the peers check; "parse+typed" adds our
 * typed accessors (From, To, CSeq, every Via, Contact, Call-ID) to compare with the eager peers.
 * `FH_BENCH_ROUNDS` (default 5) sets how many interleaved rounds are run; the best is kept.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { do_not_optimize, measure } from 'mitata';
import {
  getCSeq,
  getCallId,
  getContacts,
  getFrom,
  getTo,
  getVias,
  parseMessage,
  serializeMessage,
  type SipMessage,
} from '../../src/sip/index.js';
import type { BenchResult } from './bench-result.js';

const require = createRequire(import.meta.url);

interface SipJs {
  parse(data: Buffer | string): { headers: Record<string, unknown> } | undefined;
  stringify(message: unknown): string;
}
interface DrachtioParser {
  parseSipMessage(data: Buffer | string, lazy: boolean): { headers: Record<string, unknown> };
  stringifySipMessage(message: unknown): string;
}
interface JsSipParser {
  parseMessage(data: string, ua: unknown): { headers: Record<string, { raw: string }[]> } | undefined;
}

const sipJs = require('sip') as SipJs;
const drachtio = require('drachtio-srf/lib/sip-parser/parser') as DrachtioParser;
const jssip = require('jssip/lib/Parser') as JsSipParser;

const dir = new URL('../fixtures/sip/', import.meta.url);
const seeds = readdirSync(dir).filter((f) => f.endsWith('.sip')).sort().map((f) => readFileSync(new URL(f, dir)));
const N = seeds.length;

function ours(): void {
  for (const bytes of seeds) {
    const m = parseMessage(bytes);
    for (const field of m.headers) do_not_optimize(field.value);
    do_not_optimize(m.body);
  }
}

function oursLenient(): void {
  for (const bytes of seeds) {
    const m = parseMessage(bytes, { strict: false });
    for (const field of m.headers) do_not_optimize(field.value);
    do_not_optimize(m.body);
  }
}

function oursTyped(): void {
  for (const bytes of seeds) {
    const m = parseMessage(bytes);
    for (const field of m.headers) do_not_optimize(field.value);
    do_not_optimize(getFrom(m));
    do_not_optimize(getTo(m));
    do_not_optimize(getCSeq(m));
    do_not_optimize(getVias(m));
    do_not_optimize(getCallId(m));
    do_not_optimize(getContacts(m));
  }
}

function peerSip(): void {
  for (const bytes of seeds) {
    const m = sipJs.parse(bytes);
    if (!m) throw new Error('sip could not parse a seed message');
    for (const key in m.headers) do_not_optimize(m.headers[key]);
  }
}

function peerDrachtio(): void {
  for (const bytes of seeds) {
    const m = drachtio.parseSipMessage(bytes, true);
    for (const key in m.headers) do_not_optimize(m.headers[key]);
  }
}

function peerJsSip(): void {
  for (const bytes of seeds) {
    const m = jssip.parseMessage(bytes.toString('utf8'), null);
    if (!m) throw new Error('JsSIP could not parse a seed message');
    for (const key in m.headers) for (const h of m.headers[key] ?? []) do_not_optimize(h.raw);
  }
}

const parsedOurs: SipMessage[] = seeds.map((b) => parseMessage(b));
const parsedSip = seeds.map((b) => sipJs.parse(b));
const parsedDrachtio = seeds.map((b) => drachtio.parseSipMessage(b, true));

function serializeOurs(): void {
  for (const m of parsedOurs) do_not_optimize(serializeMessage(m));
}
function serializeSip(): void {
  for (const m of parsedSip) do_not_optimize(Buffer.from(sipJs.stringify(m), 'binary'));
}
function serializeDrachtio(): void {
  for (const m of parsedDrachtio) do_not_optimize(Buffer.from(drachtio.stringifySipMessage(m), 'utf8'));
}

interface Row { name: string; value: number; p50: number; p99: number }

/**
 * Measures every contender in turn, `ROUNDS` times over, and keeps each one's best round (lowest
 * median); ratios compare medians. The
 * machine is shared, and interleaving plus best-of keeps a load spike from favouring whoever
 * happened to run in a quiet moment.
 */
async function measureAll(contenders: [string, () => void][]): Promise<Row[]> {
  const best = new Map<string, Row>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of contenders) {
      const stats = await measure(fn, { min_cpu_time: 150 * 1e6 });
      // mitata reports nanoseconds per call; one call handles all N messages.
      const row = { name, value: stats.avg / N / 1000, p50: stats.p50 / N / 1000, p99: stats.p99 / N / 1000 };
      const seen = best.get(name);
      if (seen === undefined || row.p50 < seen.p50) best.set(name, row);
    }
  }
  return contenders.map(([name]) => best.get(name) as Row);
}

const ROUNDS = Number(process.env['FH_BENCH_ROUNDS'] ?? 5);

function withRatios(suite: string, ourNames: string[], rows: Row[]): BenchResult[] {
  const peers = rows.filter((r) => !ourNames.includes(r.name));
  // Medians, not means: on a shared machine a few preempted samples drag a mean anywhere.
  const best = Math.min(...peers.map((r) => r.p50));
  return rows.map((r) => ({ suite, name: r.name, unit: 'µs/msg', value: r.value, p50: r.p50, p99: r.p99, ratio: r.p50 / best }));
}

export async function run(): Promise<BenchResult[]> {
  // Every contender must handle every seed message before it is timed.
  ours(); oursLenient(); oursTyped(); peerSip(); peerDrachtio(); peerJsSip();
  const parse = await measureAll([
    ['parse+headers: focus-harness (strict, default)', ours],
    ['parse+headers: focus-harness (lenient)', oursLenient],
    ['parse+typed: focus-harness (strict)', oursTyped],
    ['parse+headers: sip', peerSip],
    ['parse+headers: drachtio-srf (lazy)', peerDrachtio],
    ['parse+headers: jssip', peerJsSip],
  ]);
  const serialize = await measureAll([
    ['serialize: focus-harness', serializeOurs],
    ['serialize: sip', serializeSip],
    ['serialize: drachtio-srf', serializeDrachtio],
  ]);
  const mine = parse.filter((r) => r.name.includes('focus-harness')).map((r) => r.name);
  const results = [
    ...withRatios('sip-parser', mine, parse),
    ...withRatios('sip-serializer', ['serialize: focus-harness'], serialize),
  ];
  const jsRow = results.find((r) => r.name === 'parse+headers: jssip');
  if (jsRow) jsRow.note = 'no serializer for incoming messages';
  return results;
}
