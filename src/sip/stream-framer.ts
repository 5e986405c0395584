/**
 * Cuts a byte stream (TLS/TCP) into SIP messages (RFC 3261 §18.3, RFC 5626 §3.5.1 keep-alives).
 */
import type { SipMessage } from './message.js';
import { parseHead, type ParseOptions } from './parse-head.js';
import { SipParseError, type SipParseFault } from './sip-parse-error.js';

/** What the framer found in the stream, in order. */
export type FramerEvent =
  | { type: 'message'; message: SipMessage; raw: Buffer }
  /** RFC 5626 §3.5.1: a double CRLF is a ping, a single CRLF the pong. */
  | { type: 'keepalive'; kind: 'ping' | 'pong' }
  /** `streamOffset` is where the bad message started in the stream; `error.offset` is within it. */
  | { type: 'error'; error: SipParseError; raw: Buffer; streamOffset: number };

export interface StreamFramerOptions extends ParseOptions {
  /** Longest start line + header section accepted. @default 65536 */
  readonly maxHeaderBytes?: number;
  /** Largest Content-Length accepted. @default 16777216 */
  readonly maxBodyBytes?: number;
}

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
const EMPTY = Buffer.alloc(0);
/** Bytes kept while hunting for a start line, so one cut across two reads is still found. */
const RESYNC_TAIL = 8192;
const SIP_VERSION = Buffer.from('SIP/2.0', 'latin1');
/** Longest unknown method name the resynchronisation accepts. */
const MAX_METHOD = 32;
/** Methods we expect to see (RFC 3261 and extensions, plus Microsoft's BENOTIFY and SERVICE). */
const KNOWN_METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'INFO', 'MESSAGE', 'SUBSCRIBE',
  'NOTIFY', 'BENOTIFY', 'SERVICE', 'REFER', 'PRACK', 'UPDATE', 'PUBLISH', 'NEGOTIATE'];

/**
 * Incremental framer: `push` each read, get back the messages, keep-alives and errors it completed.
 *
 * @remarks Never throws. After an error it resynchronises by skipping to the next plausible start
 * line, so later messages on the connection are not lost.
 */
export class StreamFramer {
  readonly #maxHeader: number;
  readonly #maxBody: number;
  readonly #parse: ParseOptions;
  #chunks: Buffer[] = [];
  #length = 0;
  /** Do not look again before this many bytes are buffered. */
  #need = 1;
  /** Stream offset of the first buffered byte. */
  #base = 0;
  #resync = false;

  constructor(options: StreamFramerOptions = {}) {
    this.#maxHeader = options.maxHeaderBytes ?? 64 * 1024;
    this.#maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
    this.#parse = options.strict === undefined ? {} : { strict: options.strict };
  }

  /** Bytes buffered and not yet framed. */
  get buffered(): number {
    return this.#length;
  }

  push(chunk: Buffer): FramerEvent[] {
    const events: FramerEvent[] = [];
    if (chunk.length === 0) return events;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    if (this.#length < this.#need) return events;
    const buf = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, this.#length);
    let pos = 0;
    try {
      pos = this.#drain(buf, events);
    } catch (cause) {
      // Defensive: a bug here must not take the connection down; drop what is buffered.
      const error = new SipParseError(`framer failure: ${cause instanceof Error ? cause.message : String(cause)}`, {
        fault: 'internal', line: 1, offset: 0, cause,
      });
      events.push({ type: 'error', error, raw: Buffer.from(buf), streamOffset: this.#base });
      pos = buf.length;
      this.#need = buf.length + 1;
      this.#resync = true;
    }
    this.#base += pos;
    this.#need = Math.max(1, this.#need - pos);
    const rest = pos >= buf.length ? EMPTY : buf.subarray(pos);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#length = rest.length;
    return events;
  }

  /**
   * The connection closed: reports a message left half-received (fault `incomplete-head` or
   * `content-length-mismatch`, code `FH_SIP_FRAMING`) and empties the framer. Never throws.
   */
  end(): FramerEvent[] {
    const buf = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, this.#length);
    const events: FramerEvent[] = [];
    let start = 0;
    while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
    if (start < buf.length && !this.#resync) {
      const complete = buf.indexOf(CRLFCRLF, start) >= 0;
      const error = new SipParseError(
        complete ? 'connection closed before the whole body arrived' : 'connection closed in the middle of a header section',
        { fault: complete ? 'content-length-mismatch' : 'incomplete-head', line: 1, offset: buf.length - start, code: 'FH_SIP_FRAMING' },
      );
      events.push({ type: 'error', error, raw: Buffer.from(buf.subarray(start)), streamOffset: this.#base + start });
    }
    this.#base += buf.length;
    this.#chunks = [];
    this.#length = 0;
    this.#need = 1;
    this.#resync = false;
    return events;
  }

  /** Frames as much of `buf` as possible; returns how many bytes were consumed. */
  #drain(buf: Buffer, events: FramerEvent[]): number {
    let pos = 0;
    const len = buf.length;
    for (;;) {
      // Until told otherwise, look again as soon as any byte arrives (an index into `buf`).
      this.#need = len + 1;
      if (this.#resync) {
        const found = findStartLine(buf, pos);
        if (found < 0) return Math.max(pos, len - RESYNC_TAIL);
        pos = found;
        this.#resync = false;
      }
      if (pos >= len) return pos;
      if (buf[pos] === 0x0d) {
        // RFC 3261 §7.5 / RFC 5626 §3.5.1: CRLFs between messages are keep-alives.
        if (pos + 1 >= len) return pos;
        if (buf[pos + 1] === 0x0a) {
          if (pos + 2 < len && buf[pos + 2] === 0x0d) {
            if (pos + 3 >= len) return pos;
            if (buf[pos + 3] === 0x0a) {
              events.push({ type: 'keepalive', kind: 'ping' });
              pos += 4;
              continue;
            }
          }
          events.push({ type: 'keepalive', kind: 'pong' });
          pos += 2;
          continue;
        }
      }
      const headEnd = buf.indexOf(CRLFCRLF, pos);
      if (headEnd < 0 || headEnd - pos > this.#maxHeader) {
        if (headEnd < 0 && len - pos <= this.#maxHeader) return pos;
        this.#fail(events, 'header-too-large', `no end of headers within ${this.#maxHeader} bytes`, buf.subarray(pos, Math.min(len, pos + this.#maxHeader)), pos, 1, 'FH_SIP_FRAMING');
        pos = afterFirstLine(buf, pos);
        continue;
      }
      const message = buf.subarray(pos);
      let parsed;
      try {
        parsed = parseHead(message, 0, headEnd - pos, 1, this.#parse);
      } catch (error) {
        if (!(error instanceof SipParseError)) throw error;
        events.push({ type: 'error', error, raw: Buffer.from(buf.subarray(pos, headEnd + 4)), streamOffset: this.#base + pos });
        this.#resync = true;
        // Search from the next byte: a truncated message may have swallowed the next start line.
        pos += 1;
        continue;
      }
      const bodyStart = headEnd + 4;
      const length = parsed.contentLength;
      if (length === undefined) {
        // RFC 3261 §18.3: on a stream the Content-Length header field MUST be used.
        this.#fail(events, 'missing-content-length', 'message on a stream transport without Content-Length', buf.subarray(pos, bodyStart), pos, 1, 'FH_SIP_FRAMING');
        pos = bodyStart;
        continue;
      }
      if (length > this.#maxBody) {
        this.#fail(events, 'body-too-large', `Content-Length ${length} exceeds the ${this.#maxBody}-byte limit`, buf.subarray(pos, bodyStart), pos, 1, 'FH_SIP_FRAMING');
        pos = bodyStart;
        continue;
      }
      const end = bodyStart + length;
      if (end > len) {
        this.#need = end;
        return pos;
      }
      const raw = Buffer.from(buf.subarray(pos, end));
      if (length > 0) parsed.message.body = raw.subarray(bodyStart - pos);
      events.push({ type: 'message', message: parsed.message, raw });
      pos = end;
    }
  }

  #fail(events: FramerEvent[], fault: SipParseFault, what: string, raw: Buffer, pos: number, line: number, code: 'FH_SIP_PARSE' | 'FH_SIP_FRAMING'): void {
    const error = new SipParseError(what, { fault, line, offset: 0, code });
    events.push({ type: 'error', error, raw: Buffer.from(raw), streamOffset: this.#base + pos });
    this.#resync = true;
  }
}

/**
 * Index of the next plausible start line at or after `from`, or -1: an upper-case method, one SP,
 * a URI, one SP and `SIP/2.0` CRLF; or `SIP/2.0 ddd ` up to a CRLF. Used only to resynchronise
 * after a framing error. Scans for `SIP/2.0` so garbage costs linear time.
 */
function findStartLine(buf: Buffer, from: number): number {
  for (let i = buf.indexOf(SIP_VERSION, from); i >= 0; i = buf.indexOf(SIP_VERSION, i + 1)) {
    if (buf[i + 7] === 0x20 && isDigit(buf[i + 8]) && isDigit(buf[i + 9]) && isDigit(buf[i + 10]) && buf[i + 11] === 0x20) {
      if (buf.indexOf('\r\n', i, 'latin1') >= 0) return i;
      continue;
    }
    if (buf[i + 7] !== 0x0d || buf[i + 8] !== 0x0a || i < from + 4 || buf[i - 1] !== 0x20) continue;
    let j = i - 2;
    while (j >= from && buf[j] !== 0x20 && buf[j] !== 0x0a && buf[j] !== 0x0d) j--;
    if (j < from || j === i - 2 || buf[j] !== 0x20) continue;
    let k = j - 1;
    while (k >= 0 && isUpper(buf[k])) k--;
    if (k === j - 1) continue;
    const run = buf.toString('latin1', k + 1, j);
    // A run that starts before `from` is the tail of a start line already refused: only a known
    // method glued to its end can be a new message.
    if (k + 1 >= from && KNOWN_METHODS.includes(run)) return k + 1;
    // Upper-case junk glued to the method: prefer the longest known method that ends the run.
    let best = '';
    for (const m of KNOWN_METHODS) if (m.length > best.length && run.endsWith(m) && j - m.length >= from) best = m;
    if (best.length > 0 && (k + 1 < from || best.length < run.length)) return j - best.length;
    if (k + 1 >= from && run.length <= MAX_METHOD) return k + 1;
  }
  return -1;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function isUpper(c: number | undefined): boolean {
  return c !== undefined && c >= 0x41 && c <= 0x5a;
}

/** Where the line after the one at `pos` starts (never `pos` itself, so the framer moves on). */
function afterFirstLine(buf: Buffer, pos: number): number {
  const eol = buf.indexOf('\r\n', pos, 'latin1');
  return eol < 0 ? pos + 1 : eol + 2;
}
