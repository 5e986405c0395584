/**
 * Typed views of the headers every layer reads; each parses on demand from the header strings.
 */
import type { CSeq } from './cseq.js';
import { parseCSeq } from './cseq.js';
import type { SipMessage } from './message.js';
import { parseNameAddr, type NameAddr } from './name-addr.js';
import { SipParseError } from './sip-parse-error.js';
import { parseVia, type Via } from './via.js';

function required(message: SipMessage, name: string): string {
  const value = message.headers.get(name);
  if (value === undefined) throw new SipParseError(`missing ${name} header`, { fault: 'missing-header', line: 0, offset: 0 });
  return value;
}

/** The Call-ID; throws `SipParseError` (`missing-header`) when absent. */
export function getCallId(message: SipMessage): string {
  return required(message, 'call-id');
}

export function getCSeq(message: SipMessage): CSeq {
  return parseCSeq(required(message, 'cseq'));
}

export function getFrom(message: SipMessage): NameAddr {
  return parseNameAddr(required(message, 'from'));
}

export function getTo(message: SipMessage): NameAddr {
  return parseNameAddr(required(message, 'to'));
}

/** The first Via value (the first element of the first Via line). */
export function getTopVia(message: SipMessage): Via {
  const first = message.headers.getValues('via')[0];
  if (first === undefined) throw new SipParseError('missing via header', { fault: 'missing-header', line: 0, offset: 0 });
  return parseVia(first);
}

/** Every Via value in order, comma-separated lines split. */
export function getVias(message: SipMessage): Via[] {
  return message.headers.getValues('via').map(parseVia);
}

/** Every Contact value (`*` is returned as no entries). */
export function getContacts(message: SipMessage): NameAddr[] {
  return message.headers.getValues('contact').filter((v) => v !== '*').map(parseNameAddr);
}

/** Lower-cased media type without parameters (`application/cccp+xml`), or `undefined`. */
export function getContentType(message: SipMessage): string | undefined {
  const value = message.headers.get('content-type');
  if (value === undefined) return undefined;
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(0, semi) : value).trim().toLowerCase();
}
