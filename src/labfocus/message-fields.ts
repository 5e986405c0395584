/**
 * The few header readings the lab focus needs, tolerant of what real clients send: a value that
 * does not parse reads as absent and the request is refused by the caller, never thrown through.
 */
import { parseNameAddr, type NameAddr, type SipMessage } from '../sip/index.js';
import { aorOf } from './conference-address.js';

export function nameAddr(message: SipMessage, header: string): NameAddr | undefined {
  const value = message.headers.get(header);
  if (value === undefined) return undefined;
  try {
    return parseNameAddr(value);
  } catch {
    return undefined;
  }
}

/** A header parameter's value without quotes (`tag`, `epid`, `+sip.instance`). */
export function param(addr: NameAddr | undefined, name: string): string | undefined {
  const value = addr?.params.get(name.toLowerCase());
  if (value === undefined || value === null) return undefined;
  return value.replace(/^"(.*)"$/s, '$1');
}

/** The From header's AOR (`sip:user@host`), lower-cased. */
export function fromAor(message: SipMessage): string | undefined {
  const from = nameAddr(message, 'from');
  return from ? aorOf(from.uri) : undefined;
}

export function callIdOf(message: SipMessage): string {
  return message.headers.get('call-id') ?? '';
}

/** CSeq number and method; `{ seq: -1 }` when unreadable. */
export function cseqOf(message: SipMessage): { seq: number; method: string } {
  const match = /^\s*(\d+)\s+(\S+)/.exec(message.headers.get('cseq') ?? '');
  return match ? { seq: Number(match[1]), method: (match[2] ?? '').toUpperCase() } : { seq: -1, method: '' };
}

/** `Expires` in seconds, or `fallback` when absent or unreadable. */
export function expiresOf(message: SipMessage, fallback: number): number {
  const value = message.headers.get('expires');
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return fallback;
  return Number(value);
}

/** Whether an option tag appears in any Supported line (`k` compact form included). */
export function supports(message: SipMessage, tag: string): boolean {
  return message.headers.getValues('supported').some((v) => v.trim().toLowerCase() === tag.toLowerCase());
}

/** The lower-cased media type of Content-Type, without parameters. */
export function contentTypeOf(message: SipMessage): string {
  return (message.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
