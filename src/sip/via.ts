/**
 * Via (RFC 3261 §20.42, §18.2.1 `received`; MS-SIPRE `ms-received-port`, `ms-received-cid`).
 */
import { ASCII_PARAMS_TO_END, formatParams, readParams, type Params } from './params.js';
import { headerValueError } from './sip-parse-error.js';
import { HOST_NAME_PATTERN, TOKEN_PATTERN, isTokenChar } from './token.js';
import { isHostPort, splitHostPort } from './uri.js';

/** One Via value. `branch`, `received`, `rport`, `ms-received-port`, `ms-received-cid` are in `params`. */
export interface Via {
  /** `SIP/2.0` as written (upper-cased). */
  protocol: string;
  /** Upper-cased transport: `TLS`, `TCP`, `UDP`, `WS`… */
  transport: string;
  host: string;
  port?: number;
  params: Params;
}

/**
 * Parses one Via value (split a multi-value line with `getValues('via')` first).
 *
 * @remarks RFC 3261 §25.1: `sent-protocol LWS sent-by *( SEMI via-params )`, where
 * `sent-protocol = protocol-name SLASH protocol-version SLASH transport` and SLASH allows LWS.
 */
export function parseVia(text: string): Via {
  return readVia(text, true) as Via;
}

/** A port from 0 to 65535 (one to five digits; five only up to 65535). */
const PORT_PATTERN = String.raw`(?:\d{1,4}|[0-5]\d{4}|6[0-4]\d{3}|65[0-4]\d\d|655[0-2]\d|6553[0-5])`;

/**
 * The usual Via, `SIP/2.0/TLS host[:port];params` with a host name or IPv4 address, as one
 * pattern: whatever it matches `readVia` accepts (the strict parser checks every Via, and one
 * native pass is faster than the scan); everything else takes the scan.
 */
const COMMON_VIA = new RegExp(
  `^${TOKEN_PATTERN}/${TOKEN_PATTERN}/${TOKEN_PATTERN} ${HOST_NAME_PATTERN}(?::${PORT_PATTERN})?(?=[ \t;]|$)${ASCII_PARAMS_TO_END}`,
);

/** Checks one Via value's syntax without building it; throws like `parseVia`. */
export function checkVia(text: string): void {
  if (!COMMON_VIA.test(text)) readVia(text, false);
}

function readVia(text: string, build: boolean): Via | undefined {
  const n = text.length;
  let i = skipWsp(text, 0);
  const parts: string[] | undefined = build ? [] : undefined;
  for (let k = 0; k < 3; k++) {
    const start = i;
    while (i < n && isTokenChar(text.charCodeAt(i))) i++;
    if (i === start) throw headerValueError('bad-via', 'bad Via sent-protocol', text);
    parts?.push(text.slice(start, i));
    if (k < 2) {
      i = skipWsp(text, i);
      if (text.charCodeAt(i) !== 0x2f /* / */) throw headerValueError('bad-via', 'bad Via sent-protocol', text);
      i = skipWsp(text, i + 1);
    }
  }
  const afterProtocol = i;
  i = skipWsp(text, i);
  if (i === afterProtocol || i >= n) throw headerValueError('bad-via', 'Via without sent-by', text);
  const sentByStart = i;
  if (text.charCodeAt(i) === 0x5b /* [ */) {
    const close = text.indexOf(']', i);
    if (close < 0) throw headerValueError('bad-via', 'unterminated IPv6 reference in Via', text);
    i = close + 1;
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x3b /* ; */ || c === 0x20 || c === 0x09) break;
    i++;
  }
  const sentByEnd = i;
  i = skipWsp(text, i);
  if (!build && (i >= n || text.charCodeAt(i) === 0x3b)) {
    // The usual shape, checked in place: `host[:port]` then parameters or the end.
    if (!isHostPort(text, sentByStart, sentByEnd)) throw headerValueError('bad-via', 'bad sent-by in Via', text);
    readParams(text, i, undefined);
    return undefined;
  }
  // RFC 3261 allows LWS around the ':' of sent-by; it is rare enough to handle by stripping.
  let sentBy = text.slice(sentByStart, sentByEnd);
  if (i < n && text.charCodeAt(i) === 0x3a /* : */) {
    const portStart = skipWsp(text, i + 1);
    let j = portStart;
    while (j < n && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
    sentBy += `:${text.slice(portStart, j)}`;
    i = skipWsp(text, j);
  }
  if (i < n && text.charCodeAt(i) !== 0x3b) throw headerValueError('bad-via', 'junk after Via sent-by', text);
  let hp: { host: string; port?: number };
  try {
    hp = splitHostPort(sentBy, text);
  } catch {
    throw headerValueError('bad-via', 'bad sent-by in Via', text);
  }
  if (!build) {
    readParams(text, i, undefined);
    return undefined;
  }
  const params: Params = new Map();
  readParams(text, i, params);
  const via: Via = {
    protocol: `${(parts?.[0] ?? '').toUpperCase()}/${parts?.[1] ?? ''}`,
    transport: (parts?.[2] ?? '').toUpperCase(),
    host: hp.host,
    params,
  };
  if (hp.port !== undefined) via.port = hp.port;
  return via;
}

/** Writes a Via value. */
export function formatVia(via: Via): string {
  const port = via.port !== undefined ? `:${via.port}` : '';
  return `${via.protocol}/${via.transport} ${via.host}${port}${formatParams(via.params)}`;
}

/** The branch parameter of a Via, if any. */
export function viaBranch(via: Via): string | undefined {
  return via.params.get('branch') ?? undefined;
}

function skipWsp(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return i;
    i++;
  }
}
