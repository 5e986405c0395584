/**
 * Roster benchmarks: partial-merge throughput on a 50-user conference (RFC 4575 §4.6 merge of one
 * user change per notification), with and without XML parsing, against re-applying full documents.
 *
 * Run: `node --import tsx test/bench/roster.bench.ts` (prints a table), or call `run()`.
 */
import { pathToFileURL } from 'node:url';
import {
  Roster,
  parseConferenceInfo,
  renderConferenceInfo,
  type ConferenceInfoDocument,
  type ConferenceUser,
  type ParsedConferenceInfo,
} from '../../src/conference/index.js';

// TODO(bench-result): import BenchResult from './bench-result.js' once the shared type lands; same shape.
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  peer?: string;
  ratio?: number;
  note?: string;
}

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';
const USERS = 50;
const BATCH = 1000;

function user(index: number, role: string): ConferenceUser {
  const guid = `{00000000-0000-4000-8000-${String(index).padStart(12, '0')}}`;
  return {
    entity: `sip:user${index}@contoso.com`,
    displayText: `User ${index}`,
    roles: [role],
    endpoints: [
      { entity: guid, sessionType: 'focus', status: 'connected', joiningMethod: 'dialed-in' },
      {
        entity: guid,
        sessionType: 'chat',
        endpointUri: `sip:user${index}@contoso.com;opaque=user:epid:bench${index};gruu`,
        status: 'connected',
        joiningMethod: 'dialed-in',
        media: [{ id: '1', type: 'chat' }],
        capabilities: { supportedImFormats: 'text/plain multipart/alternative application/ms-imdn+xml', userAgent: 'focus-harness bench' },
      },
    ],
  };
}

function fullDocument(version: number): ConferenceInfoDocument {
  return {
    entity: FOCUS,
    state: 'full',
    version,
    description: { subject: 'bench', confUris: { entries: [{ uri: FOCUS.replace(':focus:', ':chat:'), purpose: 'chat' }] }, conferenceId: '7ECB5F9B' },
    view: { entityViews: [{ entity: 'chat', entityState: { locked: false } }] },
    users: { users: Array.from({ length: USERS }, (_, index) => user(index, index === 0 ? 'presenter' : 'attendee')) },
  };
}

/** Partial v (1-based after the full v0): user (v mod 50) toggles role, alternately as a partial or a full user. */
function partialDocument(version: number): string {
  const index = version % USERS;
  const role = version % 2 === 0 ? 'presenter' : 'attendee';
  const changed: ConferenceUser = version % 3 === 0 ? { ...user(index, role), state: 'full' } : { entity: `sip:user${index}@contoso.com`, state: 'partial', roles: [role] };
  return renderConferenceInfo({ entity: FOCUS, state: 'partial', version, users: { state: 'partial', users: [changed] } });
}

/** Runs `body(batch)` on fresh batches until `budgetMs` is spent; returns operations per second. */
function throughput(prepare: () => Roster, body: (roster: Roster) => number, budgetMs: number): number {
  let operations = 0;
  let elapsedNs = 0n;
  while (elapsedNs < BigInt(budgetMs) * 1_000_000n) {
    const roster = prepare();
    const started = process.hrtime.bigint();
    operations += body(roster);
    elapsedNs += process.hrtime.bigint() - started;
  }
  return operations / (Number(elapsedNs) / 1e9);
}

export async function run(budgetMs = 400): Promise<BenchResult[]> {
  const fullXml = renderConferenceInfo(fullDocument(0));
  const partialXml = Array.from({ length: BATCH }, (_, index) => partialDocument(index + 1));
  const partialParsed: ParsedConferenceInfo[] = partialXml.map((xml) => parseConferenceInfo(xml));
  const fullXmls = Array.from({ length: BATCH }, (_, index) => renderConferenceInfo(fullDocument(index + 1)));
  const seeded = (): Roster => {
    const roster = new Roster();
    roster.apply(fullXml);
    return roster;
  };
  const applyAll = (inputs: readonly (string | ParsedConferenceInfo)[]) => (roster: Roster): number => {
    for (const input of inputs) {
      if (!roster.apply(input).applied) throw new Error('bench document not applied');
      // touch a view so snapshot rebuilds are part of the measured cost
      roster.inChat('sip:user1@contoso.com');
    }
    return inputs.length;
  };
  // warm-up
  throughput(seeded, applyAll(partialXml), Math.min(100, budgetMs));

  const parsedAndMerged = throughput(seeded, applyAll(partialXml), budgetMs);
  const mergedOnly = throughput(seeded, applyAll(partialParsed), budgetMs);
  const fullReplace = throughput(() => new Roster(), applyAll(fullXmls), budgetMs);
  return [
    {
      name: 'roster partial merge (parse + merge + view), 50 users',
      unit: 'updates/s',
      value: Math.round(parsedAndMerged),
      peer: 'full 50-user document per update',
      ratio: Number((parsedAndMerged / fullReplace).toFixed(2)),
      note: `partial body ≈ ${Math.round(partialXml.reduce((sum, xml) => sum + xml.length, 0) / BATCH)} B, full ≈ ${fullXml.length} B`,
    },
    { name: 'roster partial merge (pre-parsed), 50 users', unit: 'updates/s', value: Math.round(mergedOnly) },
    { name: 'roster full document apply, 50 users', unit: 'updates/s', value: Math.round(fullReplace) },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run();
  for (const result of results) {
    const extra = [result.ratio === undefined ? '' : `×${result.ratio} vs ${result.peer ?? ''}`, result.note ?? ''].filter(Boolean).join('; ');
    process.stdout.write(`${result.name.padEnd(56)} ${String(result.value).padStart(9)} ${result.unit}${extra ? `  (${extra})` : ''}\n`);
  }
}
