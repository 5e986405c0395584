/**
 * Lab focus benchmarks over loopback TLS, driven by the raw test client of test/labfocus:
 * complete MS-CONFIM 4.3.1 eject flows per second (three users each, every message on TLS), the
 * rate of whole conference lifecycles (create, three joins with D1/D2/D3, eject), and heap per
 * hosted conference (N conferences with three joined users each).
 *
 * Run: `node --import tsx test/bench/labfocus.bench.ts` (prints a table), or call `run()`.
 */
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createConference, joinChat, joinFocus, openClients, subscribe, type Conference, type Member } from '../labfocus/conference-setup.js';
import { ejectCarol } from '../labfocus/eject-driver.js';
import type { RawClient } from '../labfocus/raw-client.js';
import { startTestLab } from '../labfocus/test-lab.js';
import { ManualClock } from '../../src/util/index.js';

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

function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
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

  // Heap per hosted conference: server state for N conferences × 3 users in D1/D2/D3. A manual
  // clock lets finished transactions (Timer L/M, best-effort keys: 64·T1) expire before measuring,
  // so what remains is the conference, its participants and dialogs.
  {
    const gc = collector();
    const clock = new ManualClock(Date.now());
    const { lab, address } = await startTestLab({ clock });
    const clients = await openClients(address, ['alice', 'bob', 'carol'], clock);
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      clock.advance(65_000);
      clearInboxes(clients);
      gc();
    };
    await hostConference(clients); // warm-up
    await settle();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < hosted; i++) {
      await hostConference(clients);
      clearInboxes(clients);
    }
    await settle();
    const after = process.memoryUsage().heapUsed;
    await Promise.all(clients.map((c) => c.close()));
    await lab.stop();
    results.push({
      name: 'lab focus heap per hosted conference (3 users, D1+D2+D3 each)',
      unit: 'bytes',
      value: Math.round((after - before) / hosted),
      note: `${hosted} conferences; heap delta after finished transactions expired (64·T1 on a manual clock)`,
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
