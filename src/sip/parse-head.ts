/**
 * The start line and header section of a SIP message (RFC 3261 §7.1–§7.3, §25.1).
 *
 * @remarks Works on one latin1 string of the head (one char per byte, so string indexes are
 * byte offsets), walks its lines once and keeps header values as strings; typed header
 * values are parsed on demand by the accessors. Non-ASCII header text is re-decoded as UTF-8.
 * This runs on every message received, so the usual cases take short cuts that decide exactly
 * as the general code would: header names already seen are recognised in place
 * (`header-names.ts`), `METHOD uri SIP/2.0` and `SIP/2.0 ddd reason` are cut by hand, and each
 * line costs one search for CR and one for LF (bare ones are then reported by `checkLine`).
 */
import { HeaderList, canonicalHeaderName, type HeaderField } from './header-list.js';
import { rememberWireName, wireNameAt } from './header-names.js';
import type { SipMessage, SipRequest, SipResponse } from './message.js';
import { SipParseError, type SipParseFault } from './sip-parse-error.js';
import { decimalValue, isToken, isTokenChar } from './token.js';
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
  // A byte above 0x7f is one latin1 character but two UTF-8 bytes: equal lengths mean pure ASCII
  // (cheaper than isAscii on a subarray, which allocates a view).
  const utf8 = Buffer.byteLength(text, 'utf8') !== text.length;
  const n = text.length;
  const startEnd = lineEnd(text, 0, start, firstLine);
  const message = parseStartLine(text, startEnd, utf8, { line: firstLine, offset: start });

  const headers = message.headers;
  let contentLength: number | undefined;
  let lengthField: HeaderField | undefined;
  let lengthAt: Position | undefined;
  let last: HeaderField | undefined;
  let line = firstLine;
  let pos = startEnd + 2;
  while (pos < n) {
    line++;
    const eol = lineEnd(text, pos, start, line);
    const c0 = text.charCodeAt(pos);
    if (c0 === 0x20 || c0 === 0x09) {
      // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header (LWS folding).
      if (last === undefined) throw parseError('bad-folding', 'continuation line before any header', { line, offset: start + pos });
      const more = sliceTrimmed(text, pos, eol);
      if (more.length > 0) {
        const piece = utf8 ? fromLatin1(more) : more;
        last.value = last.value.length === 0 ? piece : `${last.value} ${piece}`;
      }
    } else {
      const colon = text.indexOf(':', pos);
      if (colon < 0 || colon > eol) throw parseError('bad-header', `header line without a colon ${clip(text.slice(pos, eol))}`, { line, offset: start + pos });
      let nameEnd = colon;
      while (nameEnd > pos && isWsp(text.charCodeAt(nameEnd - 1))) nameEnd--;
      let name: string;
      let key: string;
      const known = wireNameAt(text, pos, nameEnd);
      if (known === undefined) {
        name = text.slice(pos, nameEnd);
        if (!isToken(name)) throw parseError('bad-header-name', `bad header name ${clip(name)}`, { line, offset: start + pos });
        rememberWireName(name);
        key = canonicalHeaderName(name);
      } else {
        name = known.name;
        key = known.key;
      }
      const raw = sliceTrimmed(text, colon + 1, eol);
      last = headers.appendField(name, utf8 ? fromLatin1(raw) : raw, key);
      if (key === 'content-length') {
        if (lengthField !== undefined) throw parseError('bad-content-length', 'more than one Content-Length header', { line, offset: start + pos });
        lengthField = last;
        lengthAt = { line, offset: start + pos };
      }
    }
    pos = eol + 2;
  }
  // Content-Length is checked after unfolding (a folded value is legal, if odd).
  if (lengthField !== undefined) {
    contentLength = decimalValue(lengthField.value);
    if (contentLength < 0) {
      throw parseError('bad-content-length', `bad Content-Length ${clip(lengthField.value)}`, lengthAt ?? { line: firstLine, offset: start });
    }
  }
  if (options.strict !== false) {
    checkEmbeddedStartLine(text, message.kind === 'request' ? startEnd - 7 : 0, start, firstLine);
    validateMessage(message, fieldLocator(text, start, firstLine), { line: firstLine, offset: start });
  }
  return { message, contentLength };
}

/**
 * The start line `text[0, startEnd)`: the usual `METHOD uri SIP/2.0` and `SIP/2.0 ddd reason`
 * are cut out by hand; anything else goes through the grammar's regular expressions.
 */
function parseStartLine(text: string, startEnd: number, utf8: boolean, at: Position): SipMessage {
  if (startEnd >= 4 && (text.charCodeAt(0) | 0x20) === 0x73 /* s */ && /^sip\//i.test(text)) {
    if (startEnd >= 12 && text.startsWith('SIP/2.0 ', 0) && text.charCodeAt(11) === 0x20 && isDigit(text.charCodeAt(8)) && isDigit(text.charCodeAt(9)) && isDigit(text.charCodeAt(10))) {
      return responseOf(Number(text.slice(8, 11)), text.slice(12, startEnd), utf8, at);
    }
    const startLine = text.slice(0, startEnd);
    const m = STATUS_LINE.exec(startLine);
    if (!m) throw parseError(/^sip\/\d+\.\d+ /i.test(startLine) ? 'bad-status' : 'bad-start-line', `bad status line ${clip(startLine)}`, at);
    checkVersion(m[1] ?? '', at.line, at.offset);
    return responseOf(Number(m[2]), m[3] ?? '', utf8, at);
  }
  const versionAt = startEnd - 8;
  if (versionAt > 1 && text.startsWith(' SIP/2.0', versionAt)) {
    const methodEnd = text.indexOf(' ');
    if (methodEnd > 0 && methodEnd < versionAt - 1 && text.indexOf(' ', methodEnd + 1) === versionAt && isTokenRange(text, 0, methodEnd)) {
      return requestOf(text.slice(0, methodEnd), text.slice(methodEnd + 1, versionAt), utf8, at);
    }
  }
  const startLine = text.slice(0, startEnd);
  const m = REQUEST_LINE.exec(startLine);
  if (!m) throw parseError('bad-start-line', `bad request line ${clip(startLine)}`, at);
  checkVersion(m[3] ?? '', at.line, at.offset + startLine.length - (m[3] ?? '').length);
  return requestOf(m[1] ?? '', m[2] ?? '', utf8, at);
}

function responseOf(status: number, reason: string, utf8: boolean, at: Position): SipResponse {
  if (status < 100) throw parseError('bad-status', `status code ${status} out of range`, { line: at.line, offset: at.offset + 8 });
  return { kind: 'response', status, reason: utf8 ? fromLatin1(reason) : reason, headers: new HeaderList(), body: EMPTY };
}

function requestOf(method: string, uri: string, utf8: boolean, at: Position): SipRequest {
  if (uri.charCodeAt(0) === 0x3c /* < */ || uri.indexOf(':') <= 0) {
    throw parseError('bad-request-uri', `bad Request-URI ${clip(uri)}`, { line: at.line, offset: at.offset + method.length + 1 });
  }
  return { kind: 'request', method, uri: utf8 ? fromLatin1(uri) : uri, headers: new HeaderList(), body: EMPTY };
}

/**
 * Where the line starting at `from` ends: the index of its CRLF, or the text's length for the
 * last line. Throws on a bare CR or LF in the line (RFC 3261 §7), reported as `checkLine` does.
 */
function lineEnd(text: string, from: number, start: number, line: number): number {
  const cr = text.indexOf('\r', from);
  const lf = text.indexOf('\n', from);
  if (lf < 0 ? cr < 0 : cr >= 0 && cr === lf - 1) return lf < 0 ? text.length : cr;
  // A bare CR or LF lies before the line's CRLF (or the end): let the full check report it.
  const eol = text.indexOf('\r\n', from);
  const to = eol < 0 ? text.length : eol;
  checkLine(text, from, to, start, line);
  return to;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isTokenRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return true;
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

/**
 * Maps a header's index to its position, for `validateMessage`. Made here rather than inline so
 * that `parseHead`'s own variables are not captured by a closure (which slows its line loop).
 */
function fieldLocator(text: string, start: number, firstLine: number): (index: number) => Position {
  return (index) => positionOfField(text, index, start, firstLine);
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

/** `text[from, to)` without the whitespace around it, cut out once. */
function sliceTrimmed(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && isWsp(text.charCodeAt(a))) a++;
  while (b > a && isWsp(text.charCodeAt(b - 1))) b--;
  return text.slice(a, b);
}

function clip(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
