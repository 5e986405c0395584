/**
 * Memory of an emulated endpoint in a conference — registered, joined to the focus (D1), subscribed
 * to the roster (D2) and in the IM MCU (D3), over its own TLS connection — as a load run keeps it
 * (recorder disabled, `keepReceived: false`). Issue 4's scale goal: ≤ 80 KB per endpoint.
 *
 * @remarks The lab focus runs in a child process, so the deltas count only the endpoints' side.
 * The peer figure is the same number of bare `node:tls` client sockets to the same server: the
 * floor that TLS itself costs.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { TraceRecorder } from '../../src/capture/index.js';
import { Endpoint } from '../../src/endpoint/index.js';
import type { BenchResult } from './bench-result.js';

const CONFERENCES = 100;
const PER_CONFERENCE = 3;

const LAB_CHILD = `
import('./src/labfocus/index.ts').then(async ({ startLabFocus }) => {
  const lab = await startLabFocus({ port: 0, certDir: process.env.BENCH_CERT_DIR || undefined });
  process.stdout.write(JSON.stringify({ port: lab.port, ca: lab.caPem }) + '\\n');
  process.stdin.on('end', () => lab.stop().then(() => process.exit(0)));
  process.stdin.resume();
});
`;

function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function startLabChild(): Promise<{ child: ChildProcessByStdio<Writable, Readable, null>; port: number; ca: string }> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', LAB_CHILD], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const { port, ca } = await new Promise<{ port: number; ca: string }>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (data: Buffer) => {
      text += data.toString();
      if (text.includes('\n')) resolve(JSON.parse(text.slice(0, text.indexOf('\n'))) as { port: number; ca: string });
    });
    child.once('exit', (code) => reject(new Error(`lab focus child exited with ${code}`)));
  });
  return { child, port, ca };
}

async function settle(): Promise<NodeJS.MemoryUsage> {
  const gc = collector();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  gc();
  return process.memoryUsage();
}

function perEndpointKiB(after: NodeJS.MemoryUsage, before: NodeJS.MemoryUsage, count: number): { heap: number; external: number; total: number; rss: number } {
  const kib = (bytes: number) => Math.round((bytes / count / 1024) * 10) / 10;
  const external = after.external + after.arrayBuffers - before.external - before.arrayBuffers;
  return { heap: kib(after.heapUsed - before.heapUsed), external: kib(external), total: kib(after.heapUsed - before.heapUsed + external), rss: kib(after.rss - before.rss) };
}

async function inConference(port: number, ca: string): Promise<{ endpoints: Endpoint[]; seconds: number }> {
  const recorder = new TraceRecorder({ enabled: false });
  const server = { host: '127.0.0.1', port, transport: 'tls' as const, ca, servername: 'localhost' };
  const endpoints: Endpoint[] = [];
  const started = process.hrtime.bigint();
  for (let c = 0; c < CONFERENCES; c++) {
    const group = Array.from({ length: PER_CONFERENCE }, (_, i) =>
      new Endpoint({ role: `u${c}x${i}`, aor: `sip:u${c}x${i}@contoso.com`, server, recorder, keepReceived: false }));
    await Promise.all(group.map(async (e) => {
      await e.connect();
      await e.register();
    }));
    const { focusUri } = await group[0]!.createConference({ subject: `bench ${c}` });
    for (const e of group) await e.join(focusUri);
    endpoints.push(...group);
  }
  return { endpoints, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function bareTls(port: number, ca: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

export async function run(): Promise<BenchResult[]> {
  const lab = await startLabChild();
  try {
    // Warm up the code paths (and the lab) with one conference that is closed again.
    const warm = await inConference(lab.port, lab.ca).catch((error: unknown) => {
      throw new Error(`endpoint-memory bench could not set up conferences: ${(error as Error).message}`);
    });
    await Promise.all(warm.endpoints.map((e) => e.close()));
    const count = CONFERENCES * PER_CONFERENCE;

    const before = await settle();
    const { endpoints, seconds } = await inConference(lab.port, lab.ca);
    const after = await settle();
    const ours = perEndpointKiB(after, before, count);
    await Promise.all(endpoints.map((e) => e.close()));

    const bareBefore = await settle();
    const sockets = await Promise.all(Array.from({ length: count }, () => bareTls(lab.port, lab.ca)));
    const bareAfter = await settle();
    const bare = perEndpointKiB(bareAfter, bareBefore, count);
    for (const s of sockets) s.destroy();

    const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : undefined);
    const rssRatio = ratio(ours.rss, bare.rss);
    return [
      { suite: 'endpoint', name: `endpoint in a conference (D1+D2+D3, TLS), JS heap + external`, value: ours.total, unit: 'KiB/endpoint', note: `${count} endpoints in ${CONFERENCES} conferences (heap ${ours.heap}, external ${ours.external}); goal ≤ 78 KiB (80 KB) each` },
      { suite: 'endpoint', name: 'endpoint in a conference, RSS', value: ours.rss, unit: 'KiB/endpoint', ...(rssRatio === undefined ? {} : { ratio: rssRatio }), note: 'ratio: vs a bare node:tls client socket to the same server (the TLS floor)' },
      { suite: 'endpoint', name: 'peer: bare node:tls client socket, JS heap + external', value: bare.total, unit: 'KiB/socket' },
      { suite: 'endpoint', name: 'peer: bare node:tls client socket, RSS', value: bare.rss, unit: 'KiB/socket' },
      { suite: 'endpoint', name: 'endpoints set up (register, create/join, subscribe, IM)', value: Math.round(count / seconds), unit: 'endpoints/s', note: 'serial per conference, 3 endpoints in parallel; lab focus in a child process' },
    ];
  } finally {
    lab.child.stdin.end();
  }
}
