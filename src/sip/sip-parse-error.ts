/**
 * The typed error for a malformed SIP message (RFC 3261 §7, §25).
 */
import { FocusHarnessError } from '../errors.js';

/** A short, stable token naming what is wrong; tests and reports match on it. */
export type SipParseFault =
  | 'empty-message'
  | 'bad-start-line'
  | 'bad-version'
  | 'bad-status'
  | 'bad-method'
  | 'bad-request-uri'
  | 'bad-header'
  | 'bad-header-name'
  | 'bad-folding'
  | 'embedded-start-line'
  | 'bad-content-length'
  | 'content-length-mismatch'
  | 'missing-header'
  | 'missing-content-length'
  | 'bad-cseq'
  | 'cseq-method-mismatch'
  | 'bad-via'
  | 'bad-uri'
  | 'bad-name-addr'
  | 'bad-params'
  | 'incomplete-head'
  | 'header-too-large'
  | 'body-too-large'
  | 'bad-byte'
  | 'internal';

export interface SipParseErrorInit {
  readonly fault: SipParseFault;
  /** Byte offset of the fault from the start of the message (or of the stream chunk). */
  readonly offset: number;
  /** 1-based line number of the fault; 0 when a header value was parsed on its own. */
  readonly line: number;
  readonly cause?: unknown;
  /** `FH_SIP_FRAMING` for stream framing faults; `FH_SIP_PARSE` otherwise. @default 'FH_SIP_PARSE' */
  readonly code?: 'FH_SIP_PARSE' | 'FH_SIP_FRAMING';
}

/**
 * A message (or a header value) that does not follow the SIP grammar.
 *
 * @remarks `code` is `FH_SIP_PARSE` (or `FH_SIP_FRAMING` for a stream framing fault such as a
 * missing Content-Length); `fault` says what, `line`/`offset` say where.
 */
export class SipParseError extends FocusHarnessError {
  readonly fault: SipParseFault;
  readonly offset: number;
  readonly line: number;
  /** The message without the position suffix. */
  readonly what: string;

  constructor(message: string, init: SipParseErrorInit) {
    const where = init.line > 0 ? `line ${init.line}, byte ${init.offset}` : undefined;
    super(init.code ?? 'FH_SIP_PARSE', where === undefined ? message : `${message} (${where})`, where === undefined ? { cause: init.cause } : { where, cause: init.cause });
    this.name = 'SipParseError';
    this.what = message;
    this.fault = init.fault;
    this.offset = init.offset;
    this.line = init.line;
  }
}

/** Builds a `SipParseError` for a header value parsed on its own (no message position). */
export function headerValueError(fault: SipParseFault, what: string, value: string): SipParseError {
  return new SipParseError(`${what}: ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`, {
    fault,
    offset: 0,
    line: 0,
  });
}
