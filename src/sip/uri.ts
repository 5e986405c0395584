/**
 * SIP, SIPS, TEL and other URIs (RFC 3261 §19.1, RFC 3966 for `tel:`).
 */
import { formatParams, parseParams, readParams, type Params } from './params.js';
import { headerValueError } from './sip-parse-error.js';
import { decimalValue, isHostChar } from './token.js';

/**
 * A parsed URI.
 *
 * @remarks For `sip:`/`sips:` every part is filled; for `tel:` the number is in `user` and `host`
 * is empty; for any other scheme the text after the colon is kept in `opaque` unchanged.
 * Parameter names are lower-cased; values are kept as written (escapes included).
 */
export interface SipUri {
  /** Lower-cased scheme: `sip`, `sips`, `tel`, or another. */
  scheme: string;
  user?: string;
  password?: string;
  /** Host name, IPv4 address or bracketed IPv6 reference; empty for tel/generic URIs. */
  host: string;
  port?: number;
  params: Params;
  /** The `?…` part without the `?` (empty when absent). */
  headers: string;
  /** For schemes other than sip/sips/tel: everything after `scheme:`. */
  opaque?: string;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
/** What may not appear after the scheme: controls, space, `<`, `>`, `"`. */
const URI_BAD_CHAR = /[\x00-\x20<>"]/;

/** Parses a URI; throws `SipParseError` (fault `bad-uri`) when it is not one. */
export function parseUri(text: string): SipUri {
  return readUri(text, true);
}

/**
 * Checks a URI's syntax; returns the length of its `?headers` part (0 when none), which a
 * Request-URI must not have. Throws like `parseUri`.
 */
export function checkUri(text: string): number {
  const colon = text.indexOf(':');
  if (!isSipScheme(text, colon)) return readUri(text, false).headers.length;
  return checkSipUri(text, colon);
}

/** `sip` or `sips` (any case) before the colon at `colon`. */
function isSipScheme(text: string, colon: number): boolean {
  if (colon !== 3 && colon !== 4) return false;
  const sip = (text.charCodeAt(0) | 0x20) === 0x73 && (text.charCodeAt(1) | 0x20) === 0x69 && (text.charCodeAt(2) | 0x20) === 0x70;
  return sip && (colon === 3 || (text.charCodeAt(3) | 0x20) === 0x73);
}

/**
 * The syntax check `readUri` makes for a sip/sips URI, on indexes into `text` (no slices: the
 * strict parser runs it on every Request-URI). Returns the length of the `?headers` part.
 */
function checkSipUri(text: string, colon: number): number {
  const n = text.length;
  // The scheme before the colon holds none of these, so the whole text can be searched natively.
  if (URI_BAD_CHAR.test(text)) throw headerValueError('bad-uri', 'URI contains a space, quote or angle bracket', text);
  let hostStart = colon + 1;
  const at = text.indexOf('@', hostStart);
  if (at >= 0) {
    const pw = text.indexOf(':', hostStart);
    const userEnd = pw >= 0 && pw < at ? pw : at;
    if (userEnd === hostStart) throw headerValueError('bad-uri', 'empty user part', text);
    hostStart = at + 1;
  }
  const q = text.indexOf('?', hostStart);
  const hostPartEnd = q >= 0 ? q : n;
  const semi = text.indexOf(';', hostStart);
  let hostportEnd = hostPartEnd;
  if (semi >= 0 && semi < hostPartEnd) {
    // The parameters end where the ?headers begin; only then is a slice needed.
    if (q >= 0) readParams(text.slice(hostStart, hostPartEnd), semi - hostStart, undefined);
    else readParams(text, semi, undefined);
    hostportEnd = semi;
  }
  if (!isHostPort(text, hostStart, hostportEnd)) throw headerValueError('bad-uri', 'bad host or port', text);
  return q >= 0 ? n - q - 1 : 0;
}

/**
 * True when `text[from, to)` is `host[:port]` as `splitHostPort` accepts it (checked in place).
 */
export function isHostPort(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  if (text.charCodeAt(from) === 0x5b /* [ */) {
    const close = text.indexOf(']', from);
    if (close < 0 || close >= to || close - from < 2) return false;
    for (let i = from + 1; i < close; i++) if (!isIpv6Char(text.charCodeAt(i))) return false;
    if (close + 1 === to) return true;
    return text.charCodeAt(close + 1) === 0x3a /* : */ && portValue(text, close + 2, to) >= 0;
  }
  const colon = text.lastIndexOf(':', to - 1);
  const hostEnd = colon >= from ? colon : to;
  if (hostEnd === from) return false;
  for (let i = from; i < hostEnd; i++) if (!isHostChar(text.charCodeAt(i))) return false;
  return colon < from || portValue(text, colon + 1, to) >= 0;
}

/** `text[from, to)` as a port: 1 to 5 digits, at most 65535; else -1. */
function portValue(text: string, from: number, to: number): number {
  if (to - from > 5) return -1;
  const port = decimalValue(text, from, to);
  return port <= 65535 ? port : -1;
}

function isIpv6Char(c: number): boolean {
  return (c >= 0x30 && c <= 0x3a) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) || c === 0x2e;
}

const NO_PARAMS: Params = new Map();

function readUri(text: string, build: boolean): SipUri {
  const colon = text.indexOf(':');
  if (colon <= 0) throw headerValueError('bad-uri', 'URI without a scheme', text);
  const schemeText = text.slice(0, colon);
  if (!SCHEME.test(schemeText)) throw headerValueError('bad-uri', 'bad URI scheme', text);
  const scheme = schemeText.toLowerCase();
  const rest = text.slice(colon + 1);
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c <= 0x20 || c === 0x3c || c === 0x3e || c === 0x22) throw headerValueError('bad-uri', 'URI contains a space, quote or angle bracket', text);
  }
  if (scheme === 'tel') return parseTel(rest, text);
  if (scheme !== 'sip' && scheme !== 'sips') return { scheme, host: '', params: new Map(), headers: '', opaque: rest };

  const uri: SipUri = { scheme, host: '', params: build ? new Map() : NO_PARAMS, headers: '' };
  let hostPart = rest;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    hostPart = rest.slice(at + 1);
    const pw = userinfo.indexOf(':');
    if (pw >= 0) {
      uri.user = userinfo.slice(0, pw);
      uri.password = userinfo.slice(pw + 1);
    } else {
      uri.user = userinfo;
    }
    if (uri.user.length === 0) throw headerValueError('bad-uri', 'empty user part', text);
  }
  const q = hostPart.indexOf('?');
  if (q >= 0) {
    uri.headers = hostPart.slice(q + 1);
    hostPart = hostPart.slice(0, q);
  }
  const semi = hostPart.indexOf(';');
  let hostport = hostPart;
  if (semi >= 0) {
    if (build) {
      uri.params = new Map();
      readParams(hostPart, semi, uri.params);
    } else {
      readParams(hostPart, semi, undefined);
    }
    hostport = hostPart.slice(0, semi);
  }
  const { host, port } = splitHostPort(hostport, text);
  uri.host = host;
  if (port !== undefined) uri.port = port;
  return uri;
}

function parseTel(rest: string, text: string): SipUri {
  const semi = rest.indexOf(';');
  const number = semi >= 0 ? rest.slice(0, semi) : rest;
  if (number.length === 0) throw headerValueError('bad-uri', 'empty telephone number', text);
  return { scheme: 'tel', user: number, host: '', params: semi >= 0 ? parseParams(rest.slice(semi)) : new Map(), headers: '' };
}

/** Splits `host[:port]` (IPv6 references in brackets); throws `bad-uri` for a bad host or port. */
export function splitHostPort(hostport: string, context: string = hostport): { host: string; port?: number } {
  let host = hostport;
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) throw headerValueError('bad-uri', 'unterminated IPv6 reference', context);
    host = hostport.slice(0, close + 1);
    const after = hostport.slice(close + 1);
    if (after.length > 0) {
      if (!after.startsWith(':')) throw headerValueError('bad-uri', 'junk after IPv6 reference', context);
      portText = after.slice(1);
    }
  } else {
    const c = hostport.lastIndexOf(':');
    if (c >= 0) {
      host = hostport.slice(0, c);
      portText = hostport.slice(c + 1);
    }
  }
  if (!isHost(host)) throw headerValueError('bad-uri', 'bad host', context);
  if (portText === undefined) return { host };
  const port = portValue(portText, 0, portText.length);
  if (port < 0) throw headerValueError('bad-uri', 'bad port', context);
  return { host, port };
}

/** A host name / IPv4 address, or an IPv6 reference in brackets (hex digits, `:` and `.`). */
function isHost(host: string): boolean {
  const n = host.length;
  if (n === 0) return false;
  if (host.charCodeAt(0) === 0x5b /* [ */) {
    if (n < 3 || host.charCodeAt(n - 1) !== 0x5d) return false;
    for (let i = 1; i < n - 1; i++) if (!isIpv6Char(host.charCodeAt(i))) return false;
    return true;
  }
  for (let i = 0; i < n; i++) if (!isHostChar(host.charCodeAt(i))) return false;
  return true;
}

/** Writes a URI back as text. */
export function formatUri(uri: SipUri): string {
  if (uri.opaque !== undefined) return `${uri.scheme}:${uri.opaque}`;
  let out = `${uri.scheme}:`;
  if (uri.user !== undefined) {
    out += uri.user;
    if (uri.scheme !== 'tel') out += uri.password !== undefined ? `:${uri.password}@` : '@';
  }
  out += uri.host;
  if (uri.port !== undefined) out += `:${uri.port}`;
  out += formatParams(uri.params);
  if (uri.headers.length > 0) out += `?${uri.headers}`;
  return out;
}
