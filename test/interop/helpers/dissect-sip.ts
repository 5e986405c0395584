/**
 * tshark as an independent judge: decode SIP inside a TLS (or TCP) capture and collect every
 * dissected message plus the problems Wireshark's own SIP parser flags.
 */
import { runCommand } from './child-process-handle.js';

export interface DissectedSip {
  readonly frame: number;
  readonly callId: string;
  readonly cseq: string;
}

export interface SipDissection {
  /** One entry per SIP message (a frame may carry several). */
  readonly messages: readonly DissectedSip[];
  readonly methods: readonly string[];
  readonly statuses: readonly string[];
  /** Frames flagged malformed or with an invalid Content-Length (`frame: reason`). */
  readonly malformed: readonly string[];
  /** SIP messages whose Content-Length is not the body length when body reassembly is off. */
  readonly lengthMismatches: readonly string[];
  /** Expert infos of warning or error severity in SIP frames. */
  readonly warnings: readonly string[];
}

export interface DissectOptions {
  readonly tshark: string;
  readonly pcap: string;
  /** SSLKEYLOGFILE with the TLS secrets; absent for a plain TCP capture. */
  readonly keyLogFile?: string;
  /** The port whose TLS (or TCP) payload is SIP (decode-as; 5061/5060 need none). */
  readonly port: number;
  readonly transport: 'tls' | 'tcp';
}

type Layers = Record<string, string[] | undefined>;

function baseArgs(o: DissectOptions): string[] {
  return [
    '-r', o.pcap, '-n',
    ...(o.keyLogFile === undefined ? [] : ['-o', `tls.keylog_file:${o.keyLogFile}`]),
    '-d', `${o.transport === 'tls' ? 'tls' : 'tcp'}.port==${o.port},sip`,
  ];
}

async function tsharkJson(o: DissectOptions, extra: readonly string[]): Promise<Layers[]> {
  const { code, stdout, stderr } = await runCommand(o.tshark, [...baseArgs(o), ...extra, '-T', 'json'], 60_000);
  if (code !== 0) throw new Error(`tshark exited ${code}: ${stderr}`);
  const frames = JSON.parse(stdout.trim() === '' ? '[]' : stdout) as { _source: { layers: Layers } }[];
  return frames.map((f) => f._source.layers);
}

const FIELDS = (names: readonly string[]): string[] => names.flatMap((n) => ['-e', n]);

/** Runs tshark three times over the capture (messages, malformed, body lengths). */
export async function dissectSip(o: DissectOptions): Promise<SipDissection> {
  const frames = await tsharkJson(o, [
    '-Y', 'sip',
    ...FIELDS(['frame.number', 'sip.Call-ID', 'sip.CSeq', 'sip.Method', 'sip.Status-Code', '_ws.expert.message', '_ws.expert.severity']),
  ]);
  const messages: DissectedSip[] = [];
  const methods: string[] = [];
  const statuses: string[] = [];
  const warnings: string[] = [];
  for (const layers of frames) {
    const frame = Number(layers['frame.number']?.[0] ?? 0);
    const callIds = layers['sip.Call-ID'] ?? [];
    const cseqs = layers['sip.CSeq'] ?? [];
    if (callIds.length !== cseqs.length) warnings.push(`${frame}: ${callIds.length} Call-IDs but ${cseqs.length} CSeqs`);
    callIds.forEach((callId, i) => messages.push({ frame, callId, cseq: cseqs[i] ?? '' }));
    methods.push(...(layers['sip.Method'] ?? []));
    statuses.push(...(layers['sip.Status-Code'] ?? []));
    const severities = layers['_ws.expert.severity'] ?? [];
    (layers['_ws.expert.message'] ?? []).forEach((message, i) => {
      // epan severities: 2097152 chat, 4194304 note, 6291456 warn, 8388608 error.
      if (Number(severities[i] ?? 0) >= 6291456) warnings.push(`${frame}: ${message}`);
    });
  }
  const bad = await tsharkJson(o, ['-Y', 'sip.content_length.invalid || _ws.malformed', ...FIELDS(['frame.number', '_ws.expert.message'])]);
  const malformed = bad.map((l) => `${l['frame.number']?.[0] ?? '?'}: ${(l['_ws.expert.message'] ?? ['malformed']).join('; ')}`);
  // A Content-Length larger than the body is not flagged (the PDU just waits for more bytes), so
  // compare lengths with body reassembly off. `sip.msg_body` is FT_NONE (len() is 0 in filters);
  // its size in PDML is the body's byte count.
  const pdml = await runCommand(o.tshark, [...baseArgs(o), '-o', 'sip.desegment_body:FALSE', '-Y', 'sip', '-T', 'pdml'], 60_000);
  if (pdml.code !== 0) throw new Error(`tshark exited ${pdml.code}: ${pdml.stderr}`);
  const lengthMismatches: string[] = [];
  for (const chunk of pdml.stdout.split('<proto name="sip"').slice(1)) {
    const declared = /name="sip\.Content-Length"[^>]*show="(\d+)"/.exec(chunk)?.[1];
    const size = /name="sip\.msg_body"[^>]*size="(\d+)"/.exec(chunk)?.[1] ?? '0';
    if (declared !== undefined && declared !== size) {
      const callId = /name="sip\.Call-ID"[^>]*show="([^"]*)"/.exec(chunk)?.[1] ?? '?';
      lengthMismatches.push(`Call-ID ${callId}: Content-Length ${declared}, body ${size} bytes`);
    }
  }
  return { messages, methods, statuses, malformed, lengthMismatches, warnings };
}
