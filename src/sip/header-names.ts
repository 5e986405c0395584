/**
 * Header names recognised in place in the parser's head text (RFC 3261 §7.3).
 *
 * @remarks A name spelled as one seen before is found by comparing it where it stands, so the
 * parser skips the slice, the token check and the lower-casing for it. The table learns names as
 * they come (each checked as a token first) and stops growing at a fixed size, so a peer sending
 * made-up names cannot make it grow: they take the ordinary path. Either way the header field is
 * the same; only the time differs.
 */
import { ownString } from '../util/index.js';
import { canonicalHeaderName } from './header-list.js';

/** A header name as written on the wire and its key (`canonicalHeaderName` of it). */
export interface WireName {
  readonly name: string;
  readonly key: string;
}

/** Longest name remembered; longer names always take the ordinary path. */
const MAX_LENGTH = 48;
/** Spellings remembered per name length (the lookup compares at most this many). */
const PER_LENGTH = 12;

/** Remembered spellings, by length. */
const byLength: WireName[][] = Array.from({ length: MAX_LENGTH + 1 }, () => []);

/** The remembered name spelled exactly as `text[from, to)`, or `undefined`. */
export function wireNameAt(text: string, from: number, to: number): WireName | undefined {
  const bucket = byLength[to - from];
  if (bucket === undefined) return undefined;
  const first = text.charCodeAt(from);
  for (const known of bucket) {
    if (known.name.charCodeAt(0) === first && text.startsWith(known.name, from)) return known;
  }
  return undefined;
}

/**
 * Remembers `name`, which the caller has checked is a token, unless its length's share of the
 * table is full. Keeps a copy of its own, so the table never holds on to a message's text.
 */
export function rememberWireName(name: string): void {
  const bucket = byLength[name.length];
  if (bucket === undefined || bucket.length >= PER_LENGTH) return;
  if (bucket.some((known) => known.name === name)) return;
  bucket.push({ name: ownString(name), key: canonicalHeaderName(name) });
}

// The names of RFC 3261 and of the Lync/Skype for Business dialect, as they are usually written.
for (const name of [
  'Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Max-Forwards', 'Content-Length', 'Content-Type', 'Expires',
  'Route', 'Record-Route', 'User-Agent', 'Server', 'Supported', 'Require', 'Allow', 'Event', 'Subscription-State',
  'Authorization', 'Proxy-Authorization', 'WWW-Authenticate', 'Proxy-Authenticate', 'Authentication-Info',
  'Date', 'Accept', 'Allow-Events', 'Session-Expires', 'Min-SE', 'Refer-To', 'Referred-By', 'Reason', 'Warning',
  'Content-Disposition', 'Content-Encoding', 'ms-diagnostics', 'ms-diagnostics-public',
]) {
  rememberWireName(name);
}
