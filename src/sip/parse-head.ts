/**
 * The start line and header section of a SIP message (RFC 3261 §7.1–§7.3, §25.1).
 *
 * @remarks Works on one latin1 string of the head (one char per byte, so string indexes are
 * byte offsets), splits it into lines once and keeps header values as strings; typed header
 * values are parsed on demand by the accessors. Non-ASCII header text is re-decoded as UTF-8.
 */
import { HeaderList } from './header-list.js';
import type { SipMessage } from './message.js';
import { SipParseError, type SipParseFault } from './sip-parse-error.js';
import { validateMessage } from './validate-message.js';

/** How much of the grammar `parseMessage` and the framer enforce. */
export interface ParseOptions {
  /**
   * Check the headers every layer relies on (Via, From, To, Call-ID, CSeq, Contact, Max-Forwards,
   * Expires, the Request-URI) and reject the message when one is missing or malformed.
   * @default true
   */
  readonly strict?: boolean;
}

export interface ParsedHead {
  /** The message with an empty body. */
  message: SipMessage;
  /** The Content-Length value, or `undefined` when the header is absent. */
  contentLength: number | undefined;
}

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]+) ([^ ]+) ([Ss][Ii][Pp]\/\d+\.\d+)$/;
const STATUS_LINE = /^([Ss][Ii][Pp]\/\d+\.\d+) (\d{3}) (.*)$/s;
const STRAY_CR_LF = /\r(?!\n)|(?<!\r)\n/;
const NON_ASCII = /[\x80-\xff]/;

/** Where a fault is, for error messages: the 1-based line and the byte offset. */
export interface Position {
  line: number;
  offset: number;
}

export function parseError(fault: SipParseFault, what: string, at: Position): SipParseError {
  return new SipParseError(what, { fault, offset: at.offset, line: at.line });
}

/**
 * Parses `bytes[start, end)` where `end` is the index of the CRLFCRLF that ends the head.
 *
 * @param firstLine 1-based line number of the start line (after skipped leading CRLFs).
 */
export function parseHead(bytes: Buffer, start: number, end: number, firstLine: number, options: ParseOptions = {}): ParsedHead {
  const text = bytes.toString('latin1', start, end);
  const utf8 = NON_ASCII.test(text);
  const stray = STRAY_CR_LF.exec(text);
  if (stray) {
    throw parseError('bad-byte', 'bare CR or LF inside the header section', positionOf(text, stray.index, start, firstLine));
  }
  const lines = text.split('\r\n');
  const startLine = lines[0] ?? '';
  let message: SipMessage;
  if (startLine.length >= 4 && (startLine.charCodeAt(0) | 0x20) === 0x73 /* s */ && /^sip\//i.test(startLine)) {
    const m = STATUS_LINE.exec(startLine);
    if (!m) throw parseError(/^sip\/\d+\.\d+ /i.test(startLine) ? 'bad-status' : 'bad-start-line', `bad status line ${clip(startLine)}`, { line: firstLine, offset: start });
    checkVersion(m[1] ?? '', firstLine, start);
    const status = Number(m[2]);
    if (status < 100) throw parseError('bad-status', `status code ${status} out of range`, { line: firstLine, offset: start + 8 });
    const reason = m[3] ?? '';
    message = { kind: 'response', status, reason: utf8 ? fromLatin1(reason) : reason, headers: new HeaderList(), body: EMPTY };
  } else {
    const m = REQUEST_LINE.exec(startLine);
    if (!m) throw parseError('bad-start-line', `bad request line ${clip(startLine)}`, { line: firstLine, offset: start });
    checkVersion(m[3] ?? '', firstLine, start + startLine.length - (m[3] ?? '').length);
    const uri = m[2] ?? '';
    if (uri.charCodeAt(0) === 0x3c /* < */ || uri.indexOf(':') <= 0) {
      throw parseError('bad-request-uri', `bad Request-URI ${clip(uri)}`, { line: firstLine, offset: start + (m[1] ?? '').length + 1 });
    }
    message = { kind: 'request', method: m[1] ?? '', uri: utf8 ? fromLatin1(uri) : uri, headers: new HeaderList(), body: EMPTY };
  }

  const names: string[] = [];
  const values: string[] = [];
  const lineOf: number[] = [];
  let offset = start + startLine.length + 2;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const c0 = line.charCodeAt(0);
    if (c0 === 0x20 || c0 === 0x09) {
      // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header (LWS folding).
      const last = values.length - 1;
      if (last < 0) throw parseError('bad-folding', 'continuation line before any header', { line: firstLine + i, offset });
      const more = trimWsp(line);
      const prev = values[last] ?? '';
      if (more.length > 0) values[last] = prev.length === 0 ? more : `${prev} ${more}`;
    } else {
      const colon = line.indexOf(':');
      if (colon < 0) throw parseError('bad-header', `header line without a colon ${clip(line)}`, { line: firstLine + i, offset });
      let nameEnd = colon;
      while (nameEnd > 0 && isWsp(line.charCodeAt(nameEnd - 1))) nameEnd--;
      const name = line.slice(0, nameEnd);
      if (!TOKEN.test(name)) throw parseError('bad-header-name', `bad header name ${clip(name)}`, { line: firstLine + i, offset });
      names.push(name);
      values.push(trimWsp(line.slice(colon + 1)));
      lineOf.push(i);
    }
    offset += line.length + 2;
  }

  const headers = message.headers;
  let contentLength: number | undefined;
  let lengthSeen = false;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? '';
    const value = utf8 ? fromLatin1(values[i] ?? '') : values[i] ?? '';
    headers.append(name, value);
    const c = name.charCodeAt(0) | 0x20;
    if ((c === 0x6c /* l */ && name.length === 1) || (c === 0x63 /* c */ && name.length === 14 && name.toLowerCase() === 'content-length')) {
      const at = { line: firstLine + (lineOf[i] ?? 0), offset: offsetOfLine(lines, lineOf[i] ?? 0, start) };
      if (lengthSeen) throw parseError('bad-content-length', 'more than one Content-Length header', at);
      lengthSeen = true;
      if (!/^\d{1,10}$/.test(value)) throw parseError('bad-content-length', `bad Content-Length ${clip(value)}`, at);
      contentLength = Number(value);
    }
  }
  if (options.strict !== false) {
    checkEmbeddedStartLine(text, message.kind === 'request' ? startLine.length - 7 : 0, start, firstLine);
    validateMessage(message, (index) => ({
      line: firstLine + (lineOf[index] ?? 0),
      offset: offsetOfLine(lines, lineOf[index] ?? 0, start),
    }), { line: firstLine, offset: start });
  }
  return { message, contentLength };
}

const EMPTY = Buffer.alloc(0);

/**
 * Refuses a line (other than the message's own version) that ends in ` SIP/2.0` or holds
 * `SIP/2.0 ddd `: the start line of the next message glued to a truncated one, in a header or in
 * a reason phrase. Vias (`SIP/2.0/TLS`) do not match.
 */
function checkEmbeddedStartLine(text: string, ownVersionAt: number, start: number, firstLine: number): void {
  for (let i = text.indexOf('SIP/2.0', 1); i >= 0; i = text.indexOf('SIP/2.0', i + 7)) {
    if (i === ownVersionAt) continue;
    const next = text.charCodeAt(i + 7);
    const isRequestLine = text.charCodeAt(i - 1) === 0x20 && (Number.isNaN(next) || next === 0x0d);
    const isStatusLine = next === 0x20 && /^ \d\d\d /.test(text.slice(i + 7, i + 12));
    if (isRequestLine || isStatusLine) {
      throw parseError('embedded-start-line', 'a start line inside a header (the message before it was cut short?)', positionOf(text, i, start, firstLine));
    }
  }
}

function checkVersion(version: string, line: number, offset: number): void {
  if (version.toUpperCase() !== 'SIP/2.0') throw parseError('bad-version', `unsupported protocol version ${clip(version)}`, { line, offset });
}

function offsetOfLine(lines: readonly string[], index: number, start: number): number {
  let offset = start;
  for (let i = 0; i < index; i++) offset += (lines[i] ?? '').length + 2;
  return offset;
}

function positionOf(text: string, index: number, start: number, firstLine: number): Position {
  let line = firstLine;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return { line, offset: start + index };
}

function fromLatin1(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;
}

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function trimWsp(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && isWsp(text.charCodeAt(a))) a++;
  while (b > a && isWsp(text.charCodeAt(b - 1))) b--;
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

function clip(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
