import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTraceJsonLines, REDACTED, TraceRecorder, type TraceEntry } from '../../src/capture/index.js';

function entry(raw: string | Buffer, overrides: Partial<TraceEntry> = {}): TraceEntry {
  return {
    time: 1_700_000_000_000,
    role: 'alice',
    connectionId: 'c1',
    direction: 'out',
    local: '127.0.0.1:50000',
    remote: '127.0.0.1:5061',
    peer: 'focus',
    dialog: 'D1',
    callId: 'cfc48d02',
    cseq: '2 INFO',
    firstLine: 'INFO sip:focus SIP/2.0',
    label: 'INFO deleteUser',
    raw: typeof raw === 'string' ? Buffer.from(raw) : raw,
    ...overrides,
  };
}

const SIGNED =
  'INFO sip:focus SIP/2.0\r\nCall-ID: cfc48d02\r\nProxy-Authorization: Kerberos qop="auth", response="6023"\r\nauthorization: Digest username="alice", response="abc"\r\nContent-Length: 0\r\n\r\n';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('TraceRecorder', () => {
  it('numbers records from 1 in order and notifies listeners until unsubscribed', () => {
    const recorder = new TraceRecorder();
    const seen: number[] = [];
    const off = recorder.onRecord((r) => seen.push(r.seq));
    expect(recorder.record(entry('a'))?.seq).toBe(1);
    expect(recorder.record(entry('b', { role: 'bob', direction: 'in' }))?.seq).toBe(2);
    off();
    recorder.record(entry('c'));
    expect(seen).toEqual([1, 2]);
    expect(recorder.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(recorder.messageCount).toBe(3);
  });

  it('keeps only counters when disabled', () => {
    const recorder = new TraceRecorder({ enabled: false });
    let called = false;
    recorder.onRecord(() => (called = true));
    expect(recorder.record(entry('12345'))).toBeUndefined();
    recorder.count(10);
    expect(recorder.records).toHaveLength(0);
    expect(recorder.messageCount).toBe(2);
    expect(recorder.byteCount).toBe(15);
    expect(called).toBe(false);
    expect(recorder.toJsonLines()).toBe('');
  });

  it('redacts Authorization and Proxy-Authorization unless keepSecrets', () => {
    const recorder = new TraceRecorder();
    recorder.record(entry(SIGNED));
    const redacted = recorder.toJsonLines();
    expect(redacted.split('\n').filter(Boolean)).toHaveLength(1);
    expect(redacted).not.toContain('6023');
    expect(redacted).not.toContain('username');
    expect(redacted).toContain(`Proxy-Authorization: Kerberos ${REDACTED}`);
    expect(redacted).toContain(`authorization: Digest ${REDACTED}`);
    const kept = recorder.toJsonLines({ keepSecrets: true });
    expect(readTraceJsonLines(kept)[0]?.raw.toString()).toBe(SIGNED);
  });

  it('round-trips every field, including bytes that are not UTF-8', () => {
    const recorder = new TraceRecorder();
    const binary = Buffer.concat([Buffer.from('MESSAGE sip:x SIP/2.0\r\nContent-Length: 3\r\n\r\n'), Buffer.from([0xff, 0xfe, 0x00])]);
    recorder.record(entry('SIP/2.0 202 Accepted\r\n\r\n', { dialog: 'D3', peer: 'mcu', direction: 'in' }));
    const second = entry(binary, { parseError: 'bad body' });
    delete second.dialog;
    recorder.record(second);
    const back = readTraceJsonLines(recorder.toJsonLines({ keepSecrets: true }));
    expect(back).toEqual(recorder.records);
    expect(back[1]?.raw.equals(binary)).toBe(true);
    expect(back[1]?.dialog).toBeUndefined();
  });

  it('reports the line of a bad trace line', () => {
    expect(() => readTraceJsonLines('\n{"seq":1}\n')).toThrow(/line 2/);
    expect(() => readTraceJsonLines('not json')).toThrow(/FH_USAGE|not valid JSON/);
  });

  it('writes each record to the file at once by default (nothing lost on an abrupt end)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fh-trace-'));
    const path = join(dir, 'trace.jsonl');
    const recorder = new TraceRecorder();
    await recorder.writeJsonLines(path);
    recorder.record(entry(SIGNED));
    const onDisk = readFileSync(path, 'utf8');
    expect(readTraceJsonLines(onDisk)).toHaveLength(1);
    expect(onDisk).not.toContain('6023');
    recorder.close();
  });

  it('writes JSON Lines and appends later records as they arrive (batched)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fh-trace-'));
    const path = join(dir, 'trace.jsonl');
    const recorder = new TraceRecorder();
    recorder.record(entry('first'));
    await recorder.writeJsonLines(path, { batch: true });
    expect(readTraceJsonLines(readFileSync(path, 'utf8'))).toHaveLength(1);
    recorder.record(entry('second'));
    expect(readTraceJsonLines(readFileSync(path, 'utf8'))).toHaveLength(1);
    recorder.flush();
    const lines = readTraceJsonLines(readFileSync(path, 'utf8'));
    expect(lines.map((r) => r.raw.toString())).toEqual(['first', 'second']);
    recorder.record(entry('third'));
    recorder.close();
    expect(readTraceJsonLines(readFileSync(path, 'utf8'))).toHaveLength(3);
  });
});
