/**
 * Transport benchmarks: round trips per second over one loopback TLS connection, TLS connection
 * setup rate, and memory per idle client-side TLS connection.
 *
 * Run: `node --import tsx test/bench/transport.bench.ts` (prints a table), or call `run()`.
 */
import { spawn } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connect as tlsConnect, createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { connect, listen, TlsSessionCache, type SipConnection } from '../../src/transport/index.js';
import { createResponse, parseMessage, type SipRequest } from '../../src/sip/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

// TODO(bench-result): import BenchResult from './bench-result.js' once the sip engineer's
// shared type lands; this local shape is meant to be the same.
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  peer?: string;
  ratio?: number;
  note?: string;
}

const OPTIONS_TEXT = [
  'OPTIONS sip:focus.contoso.com;transport=tls SIP/2.0',
  'Via: SIP/2.0/TLS 127.0.0.1:50000;branch=z9hG4bKbench',
  'Max-Forwards: 70',
  'From: <sip:carol@contoso.com>;tag=b1;epid=01010101',
  'To: <sip:focus.contoso.com>',
  'Call-ID: bench-call-id',
  'CSeq: 1 OPTIONS',
  'User-Agent: focus-harness bench',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

/** Sequential request → 200 OK round trips over one TLS connection (both ends in this process). */
async function roundTrips(count: number, window: number): Promise<BenchResult> {
  const certs = await labCertificates();
  const listener = await listen({ transport: 'tls', cert: certs.certPem, key: certs.keyPem });
  listener.onConnection((server) => {
    server.onMessage((message) => {
      if (message.kind === 'request') server.send(createResponse(message, 200, 'OK'));
    });
  });
  const client = await connect({ host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: certs.caCertPem });
  const request = parseMessage(Buffer.from(OPTIONS_TEXT)) as SipRequest;
  let received = 0;
  let sent = 0;
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    client.onMessage(() => {
      received++;
      if (received === count) resolve();
      else if (sent < count) {
        sent++;
        client.send(request);
      }
    });
    for (; sent < Math.min(window, count); sent++) client.send(request);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  client.destroy();
  await listener.close();
  return {
    name: window === 1 ? 'tls round trips, one at a time' : `tls round trips, ${window} in flight`,
    value: Math.round(count / seconds),
    unit: 'round trips/s',
    note: `${count} OPTIONS → 200 OK (parse + serialize on both ends) in ${(seconds * 1000).toFixed(0)} ms`,
  };
}

// The peer lives in a child process so that heap and RSS deltas count only our client side.
const PEER_SERVER = `
const tls = require('node:tls');
const sockets = [];
const server = tls.createServer({ cert: process.env.BENCH_CERT, key: process.env.BENCH_KEY, minVersion: 'TLSv1.2' },
  (s) => { sockets.push(s); s.on('error', () => {}); });
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

type IdleMode = 'sip' | 'sip-resumed' | 'bare-tls';

async function idleConnections(count: number, mode: IdleMode): Promise<BenchResult[]> {
  const resume = mode === 'sip-resumed';
  const certs = await labCertificates();
  const peer = spawn(process.execPath, ['-e', PEER_SERVER], {
    env: { ...process.env, BENCH_CERT: certs.certPem, BENCH_KEY: certs.keyPem },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    peer.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
    peer.once('exit', (code) => reject(new Error(`bench peer exited with ${code}`)));
  });
  // Warm up: one connection builds the shared secure context and loads the TLS code paths.
  const tlsSessions = resume ? new TlsSessionCache() : false;
  (await connect({ host: '127.0.0.1', port, transport: 'tls', ca: certs.caCertPem, tlsSessions })).destroy();
  await new Promise((resolve) => setTimeout(resolve, 20)); // TLS 1.3 tickets arrive after the handshake
  const gc = collector();
  gc();
  const before = process.memoryUsage();
  const started = process.hrtime.bigint();
  const open: SipConnection[] = [];
  const bare: TLSSocket[] = [];
  const batch = 50;
  for (let i = 0; i < count; i += batch) {
    const size = Math.min(batch, count - i);
    if (mode === 'bare-tls') {
      bare.push(...await Promise.all(Array.from({ length: size }, () => bareTls(port, certs.caCertPem))));
      continue;
    }
    const group = await Promise.all(Array.from({ length: size }, () =>
      connect({ host: '127.0.0.1', port, transport: 'tls', ca: certs.caCertPem, tlsSessions })));
    for (const connection of group) connection.onMessage(() => undefined);
    open.push(...group);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  gc();
  const after = process.memoryUsage();
  for (const connection of open) connection.destroy();
  for (const socket of bare) socket.destroy();
  peer.stdin.end();
  const heap = after.heapUsed - before.heapUsed;
  const external = after.external + after.arrayBuffers - before.external - before.arrayBuffers;
  const rss = after.rss - before.rss;
  const perKiB = (bytes: number) => Math.round((bytes / count / 1024) * 10) / 10;
  const setup: BenchResult = {
    name: resume ? 'tls connection setup, resumed' : 'tls connection setup, full handshake',
    value: Math.round(count / seconds),
    unit: 'connections/s',
    note: `${count} client handshakes, ${batch} concurrent`,
  };
  if (resume) return [setup];
  const label = mode === 'bare-tls' ? 'baseline: bare node:tls socket' : 'idle tls connection';
  if (mode === 'bare-tls') {
    return [
      { name: `${label}, JS heap`, value: perKiB(heap), unit: 'KiB/connection', note: 'tls.connect with a shared context, no SIP layer' },
      { name: `${label}, RSS`, value: perKiB(rss), unit: 'KiB/connection' },
    ];
  }
  return [
    setup,
    { name: 'idle tls connection, JS heap', value: perKiB(heap), unit: 'KiB/connection', note: `heapUsed delta over ${count}` },
    { name: 'idle tls connection, external', value: perKiB(external), unit: 'KiB/connection', note: 'external + arrayBuffers delta' },
    { name: 'idle tls connection, RSS', value: perKiB(rss), unit: 'KiB/connection', note: 'includes OpenSSL state; peer in another process' },
  ];
}

function bareTls(port: number, ca: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, secureContext: bareContext(ca) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

let sharedBareContext: SecureContext | undefined;
function bareContext(ca: string): SecureContext {
  sharedBareContext ??= createSecureContext({ ca, minVersion: 'TLSv1.2' });
  return sharedBareContext;
}

function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Each idle-connection measurement runs in a fresh process: RSS never shrinks back after a
 * previous run, so a second measurement in one process would reuse freed pages and read low.
 */
async function idleInFreshProcess(mode: IdleMode): Promise<BenchResult[]> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), IDLE_FLAG, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => {
    output += data.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`idle-connection bench (${mode}) exited with ${code}`);
  return JSON.parse(output) as BenchResult[];
}

const IDLE_FLAG = '--idle-connections';

export async function run(): Promise<BenchResult[]> {
  await roundTrips(500, 1); // warm-up
  return [
    await roundTrips(5000, 1),
    await roundTrips(20000, 32),
    ...(await idleInFreshProcess('sip')),
    ...(await idleInFreshProcess('sip-resumed')),
    ...(await idleInFreshProcess('bare-tls')),
  ];
}

const idleIndex = process.argv.indexOf(IDLE_FLAG);
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && idleIndex > 0) {
  process.stdout.write(JSON.stringify(await idleConnections(500, process.argv[idleIndex + 1] as IdleMode)));
  process.exit(0);
} else if (isMain) {
  for (const result of await run()) {
    process.stdout.write(`${result.name.padEnd(36)} ${String(result.value).padStart(9)} ${result.unit.padEnd(16)} ${result.note ?? ''}\n`);
  }
}
