import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIpEndpoint, sipDecodeAsArgs, writePcapng, type TraceRecord } from '../../src/capture/index.js';
import type { RunResult } from '../../src/scenario/index.js';
import { liveEject } from '../report/sample-runs.js';

const hasTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasTshark && process.env['CI']) throw new Error('tshark is required in CI (apt-get install tshark) for the pcapng tests');
if (!hasTshark) process.stderr.write('pcapng-writer.test: tshark not found, skipping the dissection tests (install Debian tshark)\n');

const dir = mkdtempSync(join(tmpdir(), 'fh-pcapng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tshark(file: string, records: readonly TraceRecord[], ...args: string[]): string[] {
  const out = execFileSync('tshark', ['-n', '-r', file, ...sipDecodeAsArgs(records), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter((line) => line.trim() !== '');
}

function write(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function record(seq: number, direction: 'in' | 'out', raw: string, local = '127.0.0.1:50001', remote = '127.0.0.1:5061'): TraceRecord {
  return {
    seq,
    time: 1_700_000_000_000 + seq,
    role: 'alice',
    connectionId: 'c1',
    direction,
    local,
    remote,
    peer: 'registrar',
    callId: 'x',
    cseq: '1 REGISTER',
    firstLine: raw.split('\r\n')[0]!,
    label: 'REGISTER',
    raw: Buffer.from(raw, 'latin1'),
  };
}

const REGISTER = [
  'REGISTER sip:contoso.com SIP/2.0',
  'Via: SIP/2.0/TLS 127.0.0.1:50001;branch=z9hG4bK1',
  'From: <sip:alice@contoso.com>;tag=1',
  'To: <sip:alice@contoso.com>',
  'Call-ID: x',
  'CSeq: 1 REGISTER',
  'Authorization: Digest username="alice", response="TopSecretResponse"',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');
const OK = ['SIP/2.0 200 OK', 'Via: SIP/2.0/TLS 127.0.0.1:50001;branch=z9hG4bK1', 'From: <sip:alice@contoso.com>;tag=1', 'To: <sip:alice@contoso.com>;tag=2', 'Call-ID: x', 'CSeq: 1 REGISTER', 'Content-Length: 0', '', ''].join('\r\n');

describe('writePcapng (structure)', () => {
  it('starts with a section header, an Ethernet interface, then handshake + one packet per message', () => {
    const bytes = writePcapng([record(1, 'out', REGISTER), record(2, 'in', OK)]);
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    expect(bytes.readUInt32LE(8)).toBe(0x1a2b3c4d);
    const types: number[] = [];
    for (let at = 0; at < bytes.length; at += bytes.readUInt32LE(at + 4)) types.push(bytes.readUInt32LE(at));
    expect(types).toEqual([0x0a0d0d0a, 1, 6, 6, 6, 6, 6]);
  });

  it('redacts credentials unless asked to keep them', () => {
    const records = [record(1, 'out', REGISTER)];
    expect(writePcapng(records).includes('TopSecretResponse')).toBe(false);
    expect(writePcapng(records, { keepSecrets: true }).includes('TopSecretResponse')).toBe(true);
  });

  it('parses IPv4, bracketed and bare IPv6 endpoints, and maps names to a documentation address', () => {
    expect(parseIpEndpoint('127.0.0.1:5061')).toEqual({ family: 4, bytes: Buffer.from([127, 0, 0, 1]), port: 5061 });
    expect(parseIpEndpoint('[::1]:5061').bytes.toString('hex')).toBe('00000000000000000000000000000001');
    expect(parseIpEndpoint('fe80::1:2:40000')).toMatchObject({ family: 6, port: 40000 });
    expect(parseIpEndpoint('focus.example:5061').bytes[0]).toBe(192);
  });
});

describe.skipIf(!hasTshark)('writePcapng dissected by tshark', () => {
  let live: RunResult;
  let file: string;
  beforeAll(async () => {
    live = await liveEject();
    file = write('eject.pcapng', writePcapng(live.records));
  }, 60_000);

  it('dissects every recorded message as SIP, in order, with the recorded Call-ID and CSeq', () => {
    expect(live.records.length).toBeGreaterThan(30);
    const rows = tshark(file, live.records, '-Y', 'sip', '-T', 'fields', '-E', 'separator=|', '-e', 'sip.Call-ID', '-e', 'sip.CSeq');
    expect(rows).toHaveLength(live.records.length);
    expect(rows).toEqual(live.records.map((r) => `${r.callId}|${r.cseq}`));
  });

  it('has no malformed packets, no warnings or errors, and good IP/TCP checksums', () => {
    expect(tshark(file, live.records, '-Y', '_ws.malformed || _ws.expert.severity >= 0x00600000')).toEqual([]);
    const checks = ['-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE'];
    expect(tshark(file, live.records, ...checks, '-Y', 'tcp.checksum.status != 1 || ip.checksum.status != 1')).toEqual([]);
    expect(tshark(file, live.records, '-Y', 'tcp.analysis.flags && !tcp.analysis.window_update')).toEqual([]);
  });

  it('keeps the real addresses and ports, with a handshake per connection', () => {
    const connections = new Set(live.records.map((r) => `${r.local}>${r.remote}`));
    const syns = tshark(file, live.records, '-Y', 'tcp.flags.syn == 1 && tcp.flags.ack == 0', '-T', 'fields', '-e', 'ip.src', '-e', 'tcp.srcport', '-e', 'ip.dst', '-e', 'tcp.dstport');
    expect(new Set(syns.map((l) => { const [a, p, b, q] = l.split('\t'); return `${a}:${p}>${b}:${q}`; }))).toEqual(connections);
  });

  it('writes IPv6 connections that dissect too', () => {
    const records = [record(1, 'out', REGISTER, '[::1]:50002', '[::1]:5071'), record(2, 'in', OK, '[::1]:50002', '[::1]:5071')];
    const v6 = write('v6.pcapng', writePcapng(records));
    expect(tshark(v6, records, '-Y', 'sip && ipv6', '-T', 'fields', '-e', 'sip.Method', '-e', 'sip.Status-Code')).toEqual(['REGISTER\t', '\t200']);
    expect(tshark(v6, records, '-Y', '_ws.malformed')).toEqual([]);
  });
});
