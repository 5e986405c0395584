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
/**
 * A plausible start line anywhere in the bytes: an upper-case method, a URI and SIP/2.0, or a
 * status line. Used only to resynchronise after a framing error.
 */
const START_LINE = /(?<![A-Za-z])[A-Z]+ [^ \r\n]+ SIP\/2\.0\r\n|SIP\/2\.0 [1-6]\d\d [^\r\n]*\r\n/g;

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
      this.#need = 1;
      this.#resync = true;
    }
    this.#base += pos;
    const rest = pos >= buf.length ? EMPTY : buf.subarray(pos);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#length = rest.length;
    return events;
  }

  /** Frames as much of `buf` as possible; returns how many bytes were consumed. */
  #drain(buf: Buffer, events: FramerEvent[]): number {
    let pos = 0;
    const len = buf.length;
    for (;;) {
      this.#need = len - pos + 1;
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
        pos += 1;
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
        this.#need = end - pos;
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

/** Index of the next plausible start line at or after `from`, or -1. */
function findStartLine(buf: Buffer, from: number): number {
  // Look one byte back so the "not preceded by a letter" rule sees the byte before `from`.
  const origin = Math.max(0, from - 1);
  const text = buf.toString('latin1', origin);
  START_LINE.lastIndex = from - origin;
  const m = START_LINE.exec(text);
  return m ? origin + m.index : -1;
}
