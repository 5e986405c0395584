/**
 * Lab focus benchmarks over loopback TLS, driven by the raw test client of test/labfocus:
 * complete MS-CONFIM 4.3.1 eject flows per second (three users each, every message on TLS), the
 * rate of whole conference lifecycles (create, three joins with D1/D2/D3, eject), and heap per
 * hosted conference (N conferences with three joined users each).
 *
 * Run: `node --import tsx test/bench/labfocus.bench.ts` (prints a table), or call `run()`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConference, joinChat, joinFocus, openClients, subscribe, type Conference, type Member } from '../labfocus/conference-setup.js';
import { ejectCarol } from '../labfocus/eject-driver.js';
import type { LabAddress, RawClient } from '../labfocus/raw-client.js';
import { startTestLab } from '../labfocus/test-lab.js';

// TODO(bench-result): import BenchResult from './bench-result.js' once the shared type lands; same shape.
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  peer?: string;
  ratio?: number;
  note?: string;
}

export interface LabFocusBenchOptions {
  /** Eject flows to time. @default 30 */
  ejects?: number;
  /** Conferences hosted for the memory figure. @default 200 */
  conferences?: number;
}

/** The lab focus in a child process, reporting its heap on request. */
interface LabProcess {
  address: LabAddress;
  heapUsed(): Promise<number>;
  stop(): Promise<void>;
}

const CHILD = `
  const { startLabFocus } = await import('./src/labfocus/index.ts');
  const { ManualClock } = await import('./src/util/index.ts');
  const { labCertificates } = await import('./test/helpers/lab-certs.ts');
  const certs = await labCertificates();
  const clock = new ManualClock(Date.now());
  const lab = await startLabFocus({ cert: certs.certPem, key: certs.keyPem, clock });
  process.stdout.write(JSON.stringify({ port: lab.port, caPem: certs.caCertPem }) + '\\n');
  let buffered = '';
  process.stdin.on('data', async (chunk) => {
    buffered += chunk.toString();
    for (let nl = buffered.indexOf('\\n'); nl >= 0; nl = buffered.indexOf('\\n')) {
      const command = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (command === 'heap') {
        clock.advance(65000);
        await new Promise((r) => setTimeout(r, 20));
        globalThis.gc(); globalThis.gc();
        process.stdout.write(JSON.stringify({ heap: process.memoryUsage().heapUsed }) + '\\n');
      } else if (command === 'stop') {
        await lab.stop();
        process.exit(0);
      }
    }
  });
`;

async function spawnLab(): Promise<LabProcess> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const nextLine = (): Promise<string> => {
    const line = lines.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
  };
  const hello = JSON.parse(await nextLine()) as { port: number; caPem: string };
  return {
    address: { port: hello.port, caPem: hello.caPem },
    heapUsed: async () => {
      child.stdin.write('heap\n');
      return (JSON.parse(await nextLine()) as { heap: number }).heap;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.write('stop\n');
      await exited;
    },
  };
}

/** One conference with every client in D1, D2 and D3. */
async function hostConference(clients: readonly RawClient[]): Promise<Conference> {
  const organizer = clients[0] as RawClient;
  const created = await createConference(organizer);
  const members: Member[] = [];
  for (const client of clients) {
    const d1 = (await joinFocus(client, created.focusUri)).dialog;
    const d2 = (await subscribe(client, created.focusUri)).dialog;
    const d3 = (await joinChat(client, created.chatUri)).dialog;
    if (!d1 || !d2 || !d3) throw new Error(`${client.user} could not join`);
    members.push({ client, d1, d2, d3 });
  }
  return { ...created, members, close: async () => undefined };
}

function clearInboxes(clients: readonly RawClient[]): void {
  for (const client of clients) client.inbox.length = 0;
}

export async function run(options: LabFocusBenchOptions = {}): Promise<BenchResult[]> {
  const ejects = options.ejects ?? 30;
  const hosted = options.conferences ?? 200;
  const results: BenchResult[] = [];

  // Eject flows: per flow, the 17 seed messages across three TLS connections.
  {
    const { lab, address } = await startTestLab();
    const clients = await openClients(address, ['alice', 'bob', 'carol']);
    let ejectMs = 0;
    const started = performance.now();
    for (let i = 0; i < ejects + 2; i++) {
      clearInboxes(clients);
      const conference = await hostConference(clients);
      const t0 = performance.now();
      await ejectCarol(conference);
      if (i >= 2) ejectMs += performance.now() - t0; // two warm-up rounds
    }
    const lifecycleMs = performance.now() - started;
    await Promise.all(clients.map((c) => c.close()));
    await lab.stop();
    results.push({
      name: 'lab focus eject flow (MS-CONFIM 4.3.1, 3 users, TLS)',
      unit: 'flows/s',
      value: Math.round((ejects / ejectMs) * 1000),
      note: `${(ejectMs / ejects).toFixed(2)} ms per flow, from Alice's INFO to the last deleted update and Carol's BYE answers`,
    });
    results.push({
      name: 'lab focus conference lifecycle (create, 3 joins, eject)',
      unit: 'conferences/s',
      value: Math.round(((ejects + 2) / lifecycleMs) * 1000),
      note: '3 TLS connections reused; 1 SERVICE, 9 dialog-creating requests, 1 eject per conference',
    });
  }

  // Heap per hosted conference, measured in a separate lab process so only server state counts:
  // N conferences × 3 users in D1/D2/D3. The lab runs on a manual clock that is moved past 64·T1
  // before each measurement, so finished transactions (Timer L, best-effort keys) are gone and
  // what remains is the conferences, participants, dialogs and registrations.
  {
    const labProcess = await spawnLab();
    const clients = await openClients(labProcess.address, ['alice', 'bob', 'carol']);
    // Warm-up: let the JIT settle so compiled code is not counted as conference state.
    for (let i = 0; i < 20; i++) {
      await hostConference(clients);
      clearInboxes(clients);
    }
    const before = await labProcess.heapUsed();
    for (let i = 0; i < hosted; i++) {
      await hostConference(clients);
      clearInboxes(clients);
    }
    const after = await labProcess.heapUsed();
    await Promise.all(clients.map((c) => c.close()));
    await labProcess.stop();
    results.push({
      name: 'lab focus heap per hosted conference (3 users, D1+D2+D3 each)',
      unit: 'bytes',
      value: Math.round((after - before) / hosted),
      note: `${hosted} conferences; lab process heap delta after 64·T1 (manual clock) and a full GC`,
    });
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run();
  for (const result of results) {
    process.stdout.write(`${result.name.padEnd(64)} ${String(result.value).padStart(9)} ${result.unit}${result.note ? `  (${result.note})` : ''}\n`);
  }
}
