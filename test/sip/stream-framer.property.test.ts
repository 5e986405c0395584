/**
 * Property: whatever damage sits between them, the framer never throws, always finishes, and
 * still delivers every intact message of the stream, in order.
 *
 * Damage that is generated (one item of the stream each):
 * - a seed message with one byte replaced anywhere except inside the Content-Length value,
 * - a seed message without its Content-Length header (RFC 3261 §18.3 framing error),
 * - a seed message cut anywhere inside its header section (a sender that died mid-write) —
 *   never directly followed by a keep-alive, since the CRLFs would complete a well-formed head,
 * - a line of garbage, keep-alive pings and pongs.
 * The last item may also be any seed message cut anywhere (the connection closed).
 * Not generated, because no framer can recover from it: a body cut short in mid-stream or a
 * well-formed but wrong Content-Length — the framer must trust the length and eats the next bytes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamFramer, type FramerEvent } from '../../src/sip/index.js';

const dir = new URL('../fixtures/sip/', import.meta.url);
const seeds = readdirSync(dir).filter((f) => f.endsWith('.sip')).sort().map((f) => readFileSync(new URL(f, dir)));

function headEnd(bytes: Buffer): number {
  return bytes.indexOf('\r\n\r\n') + 4;
}

function lengthValueRange(bytes: Buffer): [number, number] {
  const m = /\r\n(content-length|l)[ \t]*:([^\r]*)\r\n/i.exec(bytes.toString('latin1'));
  if (!m) return [0, 0];
  const start = m.index + 2 + (m[1] ?? '').length;
  return [start, start + 1 + (m[2] ?? '').length];
}

type Item = { kind: 'valid' | 'damaged' | 'cut' | 'keepalive'; bytes: Buffer };

const seedIndex = fc.integer({ min: 0, max: seeds.length - 1 });

const validItem: fc.Arbitrary<Item> = seedIndex.map((i) => ({ kind: 'valid', bytes: seeds[i] as Buffer }));

const mutatedItem: fc.Arbitrary<Item> = fc
  .tuple(seedIndex, fc.nat(), fc.integer({ min: 0, max: 255 }))
  .map(([i, at, byte]) => {
    const src = seeds[i] as Buffer;
    const [a, b] = lengthValueRange(src);
    let pos = at % src.length;
    if (pos >= a && pos < b) pos = b;
    const copy = Buffer.from(src);
    if (pos < copy.length) copy[pos] = byte;
    return { kind: 'damaged', bytes: copy };
  });

const noLengthItem: fc.Arbitrary<Item> = seedIndex.map((i) => ({
  kind: 'damaged',
  bytes: Buffer.from((seeds[i] as Buffer).toString('latin1').replace(/\r\n(content-length|l)[ \t]*:[^\r]*/i, ''), 'latin1'),
}));

const cutHeadItem: fc.Arbitrary<Item> = fc.tuple(seedIndex, fc.nat()).map(([i, at]) => {
  const src = seeds[i] as Buffer;
  return { kind: 'cut', bytes: src.subarray(0, 1 + (at % (headEnd(src) - 2))) };
});

const noiseItem: fc.Arbitrary<Item> = fc.constantFrom(
  { kind: 'keepalive', bytes: Buffer.from('\r\n\r\n') },
  { kind: 'keepalive', bytes: Buffer.from('\r\n') },
  { kind: 'damaged', bytes: Buffer.from('hello there\r\n') },
  { kind: 'damaged', bytes: Buffer.from([0, 255, 7, 0x0a]) },
);

const cutTailItem: fc.Arbitrary<Item> = fc.tuple(seedIndex, fc.nat()).map(([i, at]) => {
  const src = seeds[i] as Buffer;
  return { kind: 'damaged', bytes: src.subarray(0, at % src.length) };
});

const stream = fc.record({
  items: fc.array(fc.oneof({ arbitrary: validItem, weight: 3 }, mutatedItem, noLengthItem, cutHeadItem, noiseItem), { maxLength: 12 }),
  tail: fc.option(cutTailItem, { nil: undefined }),
  cuts: fc.array(fc.nat(), { maxLength: 24 }),
});

/** `want` appears in `got` in order (other messages may sit between them). */
function isSubsequence(want: string[], got: string[]): boolean {
  let j = 0;
  for (const g of got) if (j < want.length && g === want[j]) j++;
  return j === want.length;
}

describe('StreamFramer under damage (fast-check)', () => {
  it('never throws, terminates, and delivers every intact message', () => {
    fc.assert(
      fc.property(stream, ({ items, tail, cuts }) => {
        // A head cut short and then CRLFs is a complete, well-formed head: the framer must trust
        // its Content-Length, so that pairing is out of scope (see the header comment).
        const kept = items.filter((item, i) => !(item.kind === 'keepalive' && items[i - 1]?.kind === 'cut'));
        const all = tail === undefined ? kept : [...kept, tail];
        const bytes = Buffer.concat(all.map((i) => i.bytes));
        const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
        const framer = new StreamFramer();
        const events: FramerEvent[] = [];
        let last = 0;
        for (const p of [...points, bytes.length]) {
          events.push(...framer.push(bytes.subarray(last, p)));
          last = p;
        }
        const delivered = events.flatMap((e) => (e.type === 'message' ? [e.raw.toString('latin1')] : []));
        const want = kept.filter((i) => i.kind === 'valid').map((i) => i.bytes.toString('latin1'));
        expect(isSubsequence(want, delivered)).toBe(true);
        for (const e of events) if (e.type === 'error') expect(e.error.code).toMatch(/^FH_SIP_(PARSE|FRAMING)$/);
        // What is left buffered is bounded: the framer does not hoard a broken stream.
        expect(framer.buffered).toBeLessThanOrEqual(Math.max(8192, (tail?.bytes.length ?? 0) + 8192));
      }),
      { numRuns: Number(process.env['FH_FUZZ_RUNS'] ?? 400) },
    );
  });
});
