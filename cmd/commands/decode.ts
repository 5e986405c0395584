/**
 * `focus-harness decode <file>`: parse one raw SIP message and print a JSON summary.
 */
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { getCSeq, getCallId, getContentType, parseMessage, SipParseError, type SipMessage } from '../../src/sip/index.js';
import { setExitCode } from '../exit.js';

export interface DecodeArgs {
  file: string;
  lenient: boolean;
  fixLength: boolean;
}

/** The JSON the command prints for a message it could parse. */
export interface DecodeSummary {
  kind: 'request' | 'response';
  method?: string;
  requestUri?: string;
  status?: number;
  reason?: string;
  callId: string | null;
  cseq: { seq: number; method: string } | null;
  headerCount: number;
  bodyType: string | null;
  bodyLength: number;
  /** How the input was adjusted before parsing (LF-only paste), if it was. */
  adjusted?: string[];
}

export interface DecodeOutcome {
  exitCode: 0 | 2;
  stdout: string;
  stderr: string;
}

const LINE_ENDING_RULE = [
  'Line endings: input containing at least one CRLF is parsed byte for byte.',
  'Input with no CRLF (pasted text) is repaired first: header lines get CRLF ends, and an empty line is added when the headers have none.',
  'The body (after the first empty line) keeps LF ends when that length reaches Content-Length, else is converted to CRLF when that does;',
  'bytes beyond Content-Length (a trailing newline from the paste) are ignored, as RFC 3261 §18.3 does for datagrams.',
  'A body shorter than Content-Length in both forms is an error, unless --fix-length sets Content-Length to the body as given.',
  'Errors name the fault, the line and the byte offset in the input as given.',
].join(' ');

const CRLF = Buffer.from('\r\n');
const LF_LF = Buffer.from('\n\n');

/** Turns an LF-only paste into wire bytes following the rule in `--help`. */
export function repairLineEndings(input: Buffer, fixLength: boolean): { bytes: Buffer; adjusted: string[] } {
  if (input.includes(CRLF) || input.length === 0) return { bytes: input, adjusted: [] };
  const adjusted = ['LF line ends in the header section converted to CRLF'];
  // Pasted text often starts with blank lines: keep them (as CRLFs, which RFC 3261 §7.5 skips)
  // so line numbers still match the input.
  let lead = 0;
  while (lead < input.length && input[lead] === 0x0a) lead++;
  let text = input.subarray(lead);
  const split = text.indexOf(LF_LF);
  let headText: string;
  let body: Buffer;
  if (split < 0) {
    headText = text.toString('latin1').replace(/\n+$/, '');
    body = Buffer.alloc(0);
    adjusted.push('empty line added after the headers');
  } else {
    headText = text.subarray(0, split).toString('latin1');
    body = text.subarray(split + 2);
  }
  const lines = headText.split('\n');
  let declared: number | undefined;
  let lengthLine = -1;
  lines.forEach((line, i) => {
    const m = /^(content-length|l)[ \t]*:[ \t]*(\d+)[ \t]*$/i.exec(line);
    if (m) {
      declared = Number(m[2]);
      lengthLine = i;
    }
  });
  if (body.length > 0 && declared !== undefined && body.length < declared) {
    const crlfBody = Buffer.from(body.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    if (crlfBody.length >= declared) {
      body = crlfBody;
      adjusted.push('body LF line ends converted to CRLF to match Content-Length');
    } else if (fixLength) {
      lines[lengthLine] = lines[lengthLine]?.replace(/\d+[ \t]*$/, String(body.length)) ?? '';
      adjusted.push(`Content-Length ${declared} replaced by the body length ${body.length} (--fix-length)`);
    }
  } else if (declared !== undefined && body.length > declared && body.subarray(declared).toString('latin1').trim() === '') {
    body = body.subarray(0, declared);
    if (body.length > 0 || declared === 0) adjusted.push('trailing newlines after the body ignored');
  }
  text = Buffer.concat([Buffer.from(`${'\r\n'.repeat(lead)}${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
  return { bytes: text, adjusted };
}

/** Parses `input` and renders the outcome; the command's handler only does I/O around this. */
export function decodeInput(input: Buffer, options: { lenient?: boolean; fixLength?: boolean } = {}): DecodeOutcome {
  const { bytes, adjusted } = repairLineEndings(input, options.fixLength ?? false);
  let message: SipMessage;
  try {
    message = parseMessage(bytes, { strict: !(options.lenient ?? false) });
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    const repaired = adjusted.length > 0;
    // Each CRLF we wrote in place of an LF shifts later bytes by one: map back to the input.
    const offset = repaired ? Math.max(0, Math.min(input.length, error.offset - (error.line - 1))) : error.offset;
    const where = { line: error.line, offset };
    const stdout = `${JSON.stringify({ error: { code: error.code, fault: error.fault, what: error.what, where } }, null, 2)}\n`;
    const stderr = `focus-harness decode: ${error.what} (${error.fault}) at line ${where.line}, byte ${where.offset}\n`;
    return { exitCode: 2, stdout, stderr };
  }
  const summary = summarize(message);
  if (adjusted.length > 0) summary.adjusted = adjusted;
  return { exitCode: 0, stdout: `${JSON.stringify(summary, null, 2)}\n`, stderr: '' };
}

function summarize(message: SipMessage): DecodeSummary {
  const callId = message.headers.get('call-id') ?? null;
  let cseq: DecodeSummary['cseq'] = null;
  try {
    cseq = message.headers.has('cseq') ? getCSeq(message) : null;
  } catch {
    cseq = null;
  }
  const base = {
    callId: callId === null ? null : getCallId(message),
    cseq,
    headerCount: message.headers.size,
    bodyType: getContentType(message) ?? null,
    bodyLength: message.body.length,
  };
  return message.kind === 'request'
    ? { kind: 'request', method: message.method, requestUri: message.uri, ...base }
    : { kind: 'response', status: message.status, reason: message.reason, ...base };
}

function readInput(file: string): Buffer {
  // yargs hands a lone `-` positional over as an empty string.
  return file === '-' || file === '' ? readFileSync(0) : readFileSync(file);
}

export const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode <file>',
  describe: 'Parse one raw SIP message (a file, or - for stdin) and print a JSON summary; exit 2 if malformed',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'message file, or - to read stdin' })
      .option('lenient', { type: 'boolean', default: false, describe: 'check only the start line, header syntax and Content-Length' })
      .option('fix-length', { type: 'boolean', default: false, describe: 'for LF-only input, trust the body over a too-large Content-Length' })
      .epilogue(LINE_ENDING_RULE) as unknown as Argv<DecodeArgs>,
  handler: (argv) => {
    let input: Buffer;
    try {
      input = readInput(argv.file);
    } catch (error) {
      process.stderr.write(`focus-harness decode: cannot read ${argv.file}: ${error instanceof Error ? error.message : String(error)}\n`);
      setExitCode(argv as unknown as Record<string, unknown>, 2);
      return;
    }
    const outcome = decodeInput(input, { lenient: argv.lenient, fixLength: argv.fixLength });
    process.stdout.write(outcome.stdout);
    if (outcome.stderr.length > 0) process.stderr.write(outcome.stderr);
    setExitCode(argv as unknown as Record<string, unknown>, outcome.exitCode);
  },
};
