/**
 * The header checks `parseMessage` makes in strict mode (RFC 3261 §8.1.1, §20, §25.1).
 */
import { splitHeaderValues } from './header-list.js';
import type { SipMessage } from './message.js';
import { parseCSeq } from './cseq.js';
import { parseNameAddr } from './name-addr.js';
import { parseUri } from './uri.js';
import { parseVia } from './via.js';
import { SipParseError, type SipParseFault } from './sip-parse-error.js';

interface Position {
  line: number;
  offset: number;
}

/** Headers every request and response carries (RFC 3261 §8.1.1; Max-Forwards is left to the TU). */
const REQUIRED = ['via', 'from', 'to', 'call-id', 'cseq'] as const;
/** Headers that take exactly one value (RFC 3261 §7.3.1: only list headers may repeat). */
const SINGLE = new Set(['from', 'to', 'call-id', 'cseq', 'max-forwards', 'content-type', 'expires']);

/**
 * Throws `SipParseError` when a required header is missing or a core header is malformed.
 *
 * @param at maps a header's index in `message.headers` to its position in the message.
 */
export function validateMessage(message: SipMessage, at: (index: number) => Position, startLine: Position): void {
  const fail = (fault: SipParseFault, what: string, pos: Position): never => {
    throw new SipParseError(what, { fault, line: pos.line, offset: pos.offset });
  };
  const seen = new Set<string>();
  let index = 0;
  for (const field of message.headers) {
    const key = field.key;
    const value = field.value;
    const pos = (): Position => at(index);
    if (SINGLE.has(key)) {
      if (seen.has(key)) fail('bad-header', `${field.name} appears more than once`, pos());
    }
    seen.add(key);
    try {
      switch (key) {
        case 'via':
          for (const v of splitStrict(value)) parseVia(v);
          break;
        case 'from':
        case 'to': {
          const parts = splitStrict(value);
          if (parts.length !== 1) fail('bad-header', `${field.name} carries ${parts.length} values`, pos());
          parseNameAddr(value);
          break;
        }
        case 'contact':
          if (value !== '*') for (const v of splitStrict(value)) parseNameAddr(v);
          break;
        case 'cseq': {
          const cseq = parseCSeq(value);
          // RFC 3261 §8.1.1.5: the CSeq method MUST match the request's method.
          if (message.kind === 'request' && cseq.method !== message.method) {
            fail('cseq-method-mismatch', `CSeq method ${cseq.method} does not match ${message.method}`, pos());
          }
          break;
        }
        case 'call-id':
          if (value.length === 0 || /[\s,]/.test(value)) fail('bad-header', `bad Call-ID ${JSON.stringify(value)}`, pos());
          break;
        case 'max-forwards':
          if (!/^\d{1,10}$/.test(value) || Number(value) > 255) fail('bad-header', `bad Max-Forwards ${JSON.stringify(value)}`, pos());
          break;
        case 'expires':
          if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) fail('bad-header', `bad Expires ${JSON.stringify(value)}`, pos());
          break;
        default:
          break;
      }
    } catch (error) {
      if (error instanceof SipParseError && error.line === 0) {
        // A header-value error has no position yet: anchor it at the header's line.
        const p = pos();
        throw new SipParseError(`${field.name}: ${error.what}`, { fault: error.fault, line: p.line, offset: p.offset, cause: error });
      }
      throw error;
    }
    index++;
  }
  for (const key of REQUIRED) {
    if (!seen.has(key)) fail('missing-header', `missing required header ${key}`, startLine);
  }
  if (message.kind === 'request') {
    const scheme = message.uri.slice(0, message.uri.indexOf(':')).toLowerCase();
    if (scheme === 'sip' || scheme === 'sips') {
      try {
        const uri = parseUri(message.uri);
        // RFC 3261 §19.1.5: headers are not allowed in a Request-URI.
        if (uri.headers.length > 0) fail('bad-request-uri', 'Request-URI carries ?headers', startLine);
      } catch (error) {
        if (error instanceof SipParseError && error.fault === 'bad-request-uri') throw error;
        fail('bad-request-uri', `bad Request-URI ${JSON.stringify(message.uri)}`, startLine);
      }
    }
  }
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
