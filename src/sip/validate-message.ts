/**
 * The header checks `parseMessage` makes in strict mode (RFC 3261 §8.1.1, §20, §25.1).
 */
import { splitHeaderValues } from './header-list.js';
import type { SipMessage } from './message.js';
import { parseCSeq } from './cseq.js';
import { checkNameAddr } from './name-addr.js';
import { checkUri } from './uri.js';
import { checkVia } from './via.js';
import { decimalValue } from './token.js';
import { SipParseError, type SipParseFault } from './sip-parse-error.js';

interface Position {
  line: number;
  offset: number;
}

/**
 * Throws `SipParseError` when a required header is missing or a core header is malformed.
 *
 * @remarks Required (RFC 3261 §8.1.1; Max-Forwards is left to the TU): Via, From, To, Call-ID,
 * CSeq. Single-valued (RFC 3261 §7.3.1, only list headers may repeat): From, To, Call-ID, CSeq,
 * Max-Forwards, Content-Type, Expires. Written without closures or sets: this runs on every
 * message the transport receives.
 * @param at maps a header's index in `message.headers` to its position in the message.
 */
export function validateMessage(message: SipMessage, at: (index: number) => Position, startLine: Position): void {
  let via = 0;
  let from = 0;
  let to = 0;
  let callId = 0;
  let cseq = 0;
  let maxForwards = 0;
  let contentType = 0;
  let expires = 0;
  let index = 0;
  for (const field of message.headers) {
    const value = field.value;
    try {
      switch (field.key) {
        case 'via':
          via++;
          if (value.indexOf(',') < 0) checkVia(value);
          else for (const v of splitStrict(value)) checkVia(v);
          break;
        case 'from':
        case 'to': {
          if (field.key === 'from' ? ++from > 1 : ++to > 1) fail('bad-header', `${field.name} appears more than once`, at(index));
          if (value.indexOf(',') >= 0 && splitStrict(value).length !== 1) fail('bad-header', `${field.name} carries more than one value`, at(index));
          checkNameAddr(value);
          break;
        }
        case 'contact':
          if (value === '*') break;
          if (value.indexOf(',') < 0) checkNameAddr(value);
          else for (const v of splitStrict(value)) checkNameAddr(v);
          break;
        case 'cseq': {
          if (++cseq > 1) fail('bad-header', `${field.name} appears more than once`, at(index));
          const parsed = parseCSeq(value);
          // RFC 3261 §8.1.1.5: the CSeq method MUST match the request's method.
          if (message.kind === 'request' && parsed.method !== message.method) {
            fail('cseq-method-mismatch', `CSeq method ${parsed.method} does not match ${message.method}`, at(index));
          }
          break;
        }
        case 'call-id':
          if (++callId > 1) fail('bad-header', `${field.name} appears more than once`, at(index));
          if (value.length === 0 || /[\s,]/.test(value)) fail('bad-header', `bad Call-ID ${JSON.stringify(value)}`, at(index));
          break;
        case 'max-forwards': {
          if (++maxForwards > 1) fail('bad-header', `${field.name} appears more than once`, at(index));
          const hops = decimalValue(value);
          if (hops < 0 || hops > 255) fail('bad-header', `bad Max-Forwards ${JSON.stringify(value)}`, at(index));
          break;
        }
        case 'expires': {
          if (++expires > 1) fail('bad-header', `${field.name} appears more than once`, at(index));
          const seconds = decimalValue(value);
          if (seconds < 0 || seconds > 0xffffffff) fail('bad-header', `bad Expires ${JSON.stringify(value)}`, at(index));
          break;
        }
        case 'content-type':
          if (++contentType > 1) fail('bad-header', `${field.name} appears more than once`, at(index));
          break;
        default:
          break;
      }
    } catch (error) {
      if (error instanceof SipParseError && error.line === 0) {
        // A header-value error has no position yet: anchor it at the header's line.
        const p = at(index);
        throw new SipParseError(`${field.name}: ${error.what}`, { fault: error.fault, line: p.line, offset: p.offset, cause: error });
      }
      throw error;
    }
    index++;
  }
  if (via === 0) fail('missing-header', 'missing required header via', startLine);
  if (from === 0) fail('missing-header', 'missing required header from', startLine);
  if (to === 0) fail('missing-header', 'missing required header to', startLine);
  if (callId === 0) fail('missing-header', 'missing required header call-id', startLine);
  if (cseq === 0) fail('missing-header', 'missing required header cseq', startLine);
  if (message.kind === 'request') checkRequestUri(message.uri, startLine);
}

function fail(fault: SipParseFault, what: string, pos: Position): never {
  throw new SipParseError(what, { fault, line: pos.line, offset: pos.offset });
}

function checkRequestUri(uri: string, startLine: Position): void {
  const c = uri.charCodeAt(0) | 0x20;
  if (c !== 0x73 /* s */) return;
  const scheme = uri.slice(0, uri.indexOf(':')).toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips') return;
  let headersLength: number;
  try {
    headersLength = checkUri(uri);
  } catch {
    return fail('bad-request-uri', `bad Request-URI ${JSON.stringify(uri)}`, startLine);
  }
  // RFC 3261 §19.1.5: headers are not allowed in a Request-URI.
  if (headersLength > 0) fail('bad-request-uri', 'Request-URI carries ?headers', startLine);
}

/** Splits at top-level commas and refuses empty elements (`a,,b`, a trailing comma). */
function splitStrict(value: string): string[] {
  const parts = splitHeaderValues(value);
  const commas = countTopLevelCommas(value);
  if (parts.length !== commas + 1) {
    throw new SipParseError(`empty element in list ${JSON.stringify(value)}`, { fault: 'bad-header', line: 0, offset: 0 });
  }
  return parts;
}

function countTopLevelCommas(line: string): number {
  let n = 0;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (quoted) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) quoted = false;
    } else if (ch === 0x22) quoted = true;
    else if (ch === 0x3c) depth++;
    else if (ch === 0x3e) depth = Math.max(0, depth - 1);
    else if (ch === 0x2c && depth === 0) n++;
  }
  return n;
}
