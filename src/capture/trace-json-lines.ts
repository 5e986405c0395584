/**
 * JSON Lines encoding of trace records: one object per line, the raw message as UTF-8 text in
 * `message`, plus `base64` when the bytes are not valid UTF-8 (so they round-trip exactly).
 */
import { FocusHarnessError } from '../errors.js';
import { redactSecrets } from './redact-secrets.js';
import type { TraceDialog, TraceDirection, TracePeer, TraceRecord } from './trace-record.js';

export interface TraceJsonOptions {
  /** Keep `Authorization` / `Proxy-Authorization` values. @default false */
  keepSecrets?: boolean;
}

interface TraceJsonLine {
  seq: number;
  time: number;
  role: string;
  connectionId: string;
  direction: TraceDirection;
  local: string;
  remote: string;
  peer: TracePeer;
  dialog?: TraceDialog;
  callId: string;
  cseq: string;
  firstLine: string;
  label: string;
  message: string;
  base64?: string;
  parseError?: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Encodes one record as a single JSON line (no trailing newline). */
export function traceRecordToJsonLine(record: TraceRecord, options: TraceJsonOptions = {}): string {
  const keep = options.keepSecrets === true;
  const text = record.raw.toString('utf8');
  const line: TraceJsonLine = {
    seq: record.seq,
    time: record.time,
    role: record.role,
    connectionId: record.connectionId,
    direction: record.direction,
    local: record.local,
    remote: record.remote,
    peer: record.peer,
    ...(record.dialog === undefined ? {} : { dialog: record.dialog }),
    callId: record.callId,
    cseq: record.cseq,
    firstLine: record.firstLine,
    label: record.label,
    message: keep ? text : redactSecrets(text),
    ...(record.parseError === undefined ? {} : { parseError: record.parseError }),
  };
  if (!isValidUtf8(record.raw)) {
    // latin1 maps every byte to one code unit, so redaction keeps the other bytes exact.
    const bytes = keep ? record.raw : Buffer.from(redactSecrets(record.raw.toString('latin1')), 'latin1');
    line.base64 = bytes.toString('base64');
  }
  return JSON.stringify(line);
}

const PEERS: ReadonlySet<string> = new Set(['registrar', 'factory', 'focus', 'mcu', 'server']);
const DIALOGS: ReadonlySet<string> = new Set(['D1', 'D2', 'D3']);

function fail(lineNo: number, what: string): never {
  throw new FocusHarnessError('FH_USAGE', `Trace JSON Lines, line ${lineNo}: ${what}; each line must be one trace record object.`, {
    where: `line ${lineNo}`,
  });
}

function str(obj: Record<string, unknown>, key: string, lineNo: number): string {
  const v = obj[key];
  if (typeof v !== 'string') fail(lineNo, `field "${key}" must be a string`);
  return v;
}

function num(obj: Record<string, unknown>, key: string, lineNo: number): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(lineNo, `field "${key}" must be a number`);
  return v;
}

/** Parses the output of `TraceRecorder.toJsonLines` back into records (blank lines skipped). */
export function readTraceJsonLines(text: string): TraceRecord[] {
  const records: TraceRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineText = lines[i]?.trim() ?? '';
    if (lineText === '') continue;
    const lineNo = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(lineText);
    } catch (error) {
      fail(lineNo, `not valid JSON (${(error as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(lineNo, 'not a JSON object');
    const obj = parsed as Record<string, unknown>;
    const direction = str(obj, 'direction', lineNo);
    if (direction !== 'in' && direction !== 'out') fail(lineNo, `direction "${direction}" is not in/out`);
    const peer = str(obj, 'peer', lineNo);
    if (!PEERS.has(peer)) fail(lineNo, `peer "${peer}" is unknown`);
    const base64 = obj['base64'];
    const raw = typeof base64 === 'string' ? Buffer.from(base64, 'base64') : Buffer.from(str(obj, 'message', lineNo), 'utf8');
    const record: TraceRecord = {
      seq: num(obj, 'seq', lineNo),
      time: num(obj, 'time', lineNo),
      role: str(obj, 'role', lineNo),
      connectionId: str(obj, 'connectionId', lineNo),
      direction,
      local: str(obj, 'local', lineNo),
      remote: str(obj, 'remote', lineNo),
      peer: peer as TracePeer,
      callId: str(obj, 'callId', lineNo),
      cseq: str(obj, 'cseq', lineNo),
      firstLine: str(obj, 'firstLine', lineNo),
      label: str(obj, 'label', lineNo),
      raw,
    };
    const dialog = obj['dialog'];
    if (dialog !== undefined) {
      if (typeof dialog !== 'string' || !DIALOGS.has(dialog)) fail(lineNo, `dialog "${String(dialog)}" is not D1/D2/D3`);
      record.dialog = dialog as TraceDialog;
    }
    if (typeof obj['parseError'] === 'string') record.parseError = obj['parseError'];
    records.push(record);
  }
  return records;
}
