import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StreamFramer, getCallId, type FramerEvent } from '../../src/sip/index.js';

const dir = new URL('../fixtures/sip/', import.meta.url);
const seeds = readdirSync(dir).filter((f) => f.endsWith('.sip')).sort().map((f) => readFileSync(new URL(f, dir)));
const withBody = seeds.filter((s) => !s.toString('latin1').endsWith('\r\n\r\n'));

function feed(framer: StreamFramer, chunks: Buffer[]): FramerEvent[] {
  return chunks.flatMap((c) => framer.push(c));
}

function splitEvery(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

const messages = (events: FramerEvent[]): Buffer[] => events.flatMap((e) => (e.type === 'message' ? [e.raw] : []));
/** Compares buffers by content without vitest's slow element-wise diff. */
function expectSame(got: Buffer[], want: (Buffer | undefined)[]): void {
  expect(got.map((b) => b.toString('latin1'))).toEqual(want.map((b) => b?.toString('latin1')));
}

const errors = (events: FramerEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e] : []));

describe('StreamFramer', () => {
  it('delivers all 17 seed messages from one read', () => {
    const events = new StreamFramer().push(Buffer.concat(seeds));
    expectSame(messages(events), seeds);
    expect(errors(events)).toEqual([]);
  });

  it.each([1, 2, 3, 7, 64, 1000])('delivers them when the stream is cut every %i bytes', (size) => {
    const framer = new StreamFramer();
    const events = feed(framer, splitEvery(Buffer.concat(seeds), size));
    expectSame(messages(events), seeds);
    expect(framer.buffered).toBe(0);
  });

  it('delivers a message whose body ends exactly on a read boundary, and nothing early', () => {
    const message = withBody[0] as Buffer;
    const framer = new StreamFramer();
    expect(framer.push(message.subarray(0, message.length - 1))).toEqual([]);
    const events = framer.push(message.subarray(message.length - 1));
    expectSame(messages(events), [message]);
    const again = new StreamFramer();
    const headEnd = message.indexOf('\r\n\r\n') + 4;
    expect(again.push(message.subarray(0, headEnd))).toEqual([]);
    expect(messages(again.push(message.subarray(headEnd)))).toEqual([message]);
  });

  it('reports double-CRLF pings and single-CRLF pongs between messages', () => {
    const a = seeds[1] as Buffer;
    const b = seeds[2] as Buffer;
    const events = new StreamFramer().push(Buffer.concat([Buffer.from('\r\n\r\n'), a, Buffer.from('\r\n'), b, Buffer.from('\r\n\r\n')]));
    expect(events.map((e) => (e.type === 'keepalive' ? e.kind : e.type))).toEqual(['ping', 'message', 'pong', 'message', 'ping']);
  });

  it('waits for the second half of a split ping', () => {
    const framer = new StreamFramer();
    expect(framer.push(Buffer.from('\r\n\r'))).toEqual([]);
    expect(framer.push(Buffer.from('\n'))).toEqual([{ type: 'keepalive', kind: 'ping' }]);
  });

  it('reports a message without Content-Length and resynchronises on the next start line', () => {
    const bad = Buffer.from((seeds[3] as Buffer).toString('latin1').replace(/Content-Length: 0\r\n/, ''), 'latin1');
    const next = seeds[4] as Buffer;
    const framer = new StreamFramer();
    const events = feed(framer, splitEvery(Buffer.concat([seeds[0] as Buffer, bad, Buffer.from('garbage after'), next]), 5));
    expectSame(messages(events), [seeds[0], next]);
    const [err] = errors(events);
    expect(err?.error.fault).toBe('missing-content-length');
    expect(err?.error.code).toBe('FH_SIP_FRAMING');
    expect(err?.streamOffset).toBe((seeds[0] as Buffer).length);
    expect(err?.raw.toString('latin1')).toContain('BYE sip:');
  });

  it('reports a malformed head and keeps later messages', () => {
    const events = new StreamFramer().push(Buffer.concat([Buffer.from('HELLO WORLD\r\nX: y\r\n\r\n'), seeds[5] as Buffer, seeds[6] as Buffer]));
    expect(errors(events).map((e) => e.error.fault)).toEqual(['bad-start-line']);
    expectSame(messages(events), [seeds[5], seeds[6]]);
    expect(getCallId((events.find((e) => e.type === 'message') as { message: Parameters<typeof getCallId>[0] }).message)).toBe('1e294f6aa2ff4fccaf796b2e7fb723be');
  });

  it('caps the header section and the body size with typed errors', () => {
    const framer = new StreamFramer({ maxHeaderBytes: 256, maxBodyBytes: 100 });
    const huge = Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nX: ${'a'.repeat(400)}\r\n`);
    const e1 = framer.push(huge);
    expect(errors(e1).map((e) => e.error.fault)).toEqual(['header-too-large']);
    const big = withBody[0] as Buffer;
    const e2 = new StreamFramer({ maxBodyBytes: 100 }).push(Buffer.concat([big, seeds[1] as Buffer]));
    expect(errors(e2).map((e) => e.error.fault)).toEqual(['body-too-large']);
    expectSame(messages(e2), [seeds[1]]);
  });

  it('does not keep growing while hunting for a start line in garbage', () => {
    const framer = new StreamFramer({ maxHeaderBytes: 1024 });
    framer.push(Buffer.from('x'.repeat(2000)));
    for (let i = 0; i < 50; i++) framer.push(Buffer.alloc(1000, 0x41));
    expect(framer.buffered).toBeLessThanOrEqual(8192);
    expect(messages(framer.push(seeds[0] as Buffer))).toEqual([seeds[0]]);
  });

  it('reports a message cut off by the end of the connection', () => {
    const message = withBody[0] as Buffer;
    const cutBody = new StreamFramer();
    cutBody.push(message.subarray(0, message.length - 10));
    const [bodyErr] = errors(cutBody.end());
    expect(bodyErr?.error).toMatchObject({ fault: 'content-length-mismatch', code: 'FH_SIP_FRAMING' });
    expect(cutBody.buffered).toBe(0);
    const cutHead = new StreamFramer();
    cutHead.push(Buffer.concat([seeds[1] as Buffer, message.subarray(0, 40)]));
    const [headErr] = errors(cutHead.end());
    expect(headErr?.error.fault).toBe('incomplete-head');
    expect(headErr?.streamOffset).toBe((seeds[1] as Buffer).length);
    const clean = new StreamFramer();
    clean.push(Buffer.concat([seeds[1] as Buffer, Buffer.from('\r\n')]));
    expect(clean.end()).toEqual([]);
  });

  it('never throws, even on odd input', () => {
    const framer = new StreamFramer();
    expect(() => framer.push(Buffer.from([0, 1, 2, 13, 10, 13, 10, 255]))).not.toThrow();
    expect(() => framer.push(Buffer.alloc(0))).not.toThrow();
  });
});
