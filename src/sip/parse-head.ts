/**
 * The start line and header section of a SIP message (RFC 3261 §7.1–§7.3, §25.1).
 *
 * @remarks Works on one latin1 string of the head (one char per byte, so string indexes are
 * byte offsets), walks its lines once and keeps header values as strings; typed header
 * values are parsed on demand by the accessors. Non-ASCII header text is re-decoded as UTF-8.
 */
import { isAscii } from 'node:buffer';
import { HeaderList, type HeaderField } from './header-list.js';
import type { SipMessage } from './message.js';
import { SipParseError, type SipParseFault } from './sip-parse-error.js';
import { isToken } from './token.js';
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

const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]+) ([^ ]+) ([Ss][Ii][Pp]\/\d+\.\d+)$/;
const STATUS_LINE = /^([Ss][Ii][Pp]\/\d+\.\d+) (\d{3}) (.*)$/s;
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
  const utf8 = !isAscii(bytes.subarray(start, end));
  let startEnd = text.indexOf('\r\n');
  if (startEnd < 0) startEnd = text.length;
  checkLine(text, 0, startEnd, start, firstLine);
  const startLine = text.slice(0, startEnd);
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

  const headers = message.headers;
  let contentLength: number | undefined;
  let lengthField: HeaderField | undefined;
  let lengthAt: Position | undefined;
  let last: HeaderField | undefined;
  let line = firstLine;
  let pos = startLine.length + 2;
  const n = text.length;
  while (pos < n) {
    line++;
    let eol = text.indexOf('\r\n', pos);
    if (eol < 0) eol = n;
    checkLine(text, pos, eol, start, line);
    const c0 = text.charCodeAt(pos);
    if (c0 === 0x20 || c0 === 0x09) {
      // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header (LWS folding).
      if (last === undefined) throw parseError('bad-folding', 'continuation line before any header', { line, offset: start + pos });
      const more = trimWsp(text.slice(pos, eol));
      if (more.length > 0) {
        const piece = utf8 ? fromLatin1(more) : more;
        last.value = last.value.length === 0 ? piece : `${last.value} ${piece}`;
      }
    } else {
      const colon = text.indexOf(':', pos);
      if (colon < 0 || colon > eol) throw parseError('bad-header', `header line without a colon ${clip(text.slice(pos, eol))}`, { line, offset: start + pos });
      let nameEnd = colon;
      while (nameEnd > pos && isWsp(text.charCodeAt(nameEnd - 1))) nameEnd--;
      const name = text.slice(pos, nameEnd);
      if (!isToken(name)) throw parseError('bad-header-name', `bad header name ${clip(name)}`, { line, offset: start + pos });
      const raw = trimWsp(text.slice(colon + 1, eol));
      last = headers.appendField(name, utf8 ? fromLatin1(raw) : raw);
      if (last.key === 'content-length') {
        if (lengthField !== undefined) throw parseError('bad-content-length', 'more than one Content-Length header', { line, offset: start + pos });
        lengthField = last;
        lengthAt = { line, offset: start + pos };
      }
    }
    pos = eol + 2;
  }
  // Content-Length is checked after unfolding (a folded value is legal, if odd).
  if (lengthField !== undefined) {
    if (!/^\d{1,10}$/.test(lengthField.value)) {
      throw parseError('bad-content-length', `bad Content-Length ${clip(lengthField.value)}`, lengthAt ?? { line: firstLine, offset: start });
    }
    contentLength = Number(lengthField.value);
  }
  if (options.strict !== false) {
    checkEmbeddedStartLine(text, message.kind === 'request' ? startLine.length - 7 : 0, start, firstLine);
    validateMessage(message, (i) => positionOfField(text, i, start, firstLine), { line: firstLine, offset: start });
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

/** Where the `index`-th header field starts (found again only when reporting an error). */
function positionOfField(text: string, index: number, start: number, firstLine: number): Position {
  let pos = text.indexOf('\r\n') + 2;
  let line = firstLine + 1;
  let seen = -1;
  while (pos > 1 && pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x09 && ++seen === index) return { line, offset: start + pos };
    const eol = text.indexOf('\r\n', pos);
    if (eol < 0) break;
    pos = eol + 2;
    line++;
  }
  return { line: firstLine, offset: start };
}

/** RFC 3261 §7: CR and LF appear only as the CRLF ending a line. */
function checkLine(text: string, from: number, eol: number, start: number, line: number): void {
  const cr = text.indexOf('\r', from);
  const lf = text.indexOf('\n', from);
  const badCr = cr >= 0 && cr < eol;
  const badLf = lf >= 0 && lf < eol;
  if (badCr || badLf) {
    const at = badCr && badLf ? Math.min(cr, lf) : badCr ? cr : lf;
    throw parseError('bad-byte', 'bare CR or LF inside the header section', { line, offset: start + at });
  }
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
