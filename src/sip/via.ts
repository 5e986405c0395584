/**
 * Via (RFC 3261 §20.42, §18.2.1 `received`; MS-SIPRE `ms-received-port`, `ms-received-cid`).
 */
import { formatParams, parseParams, type Params } from './params.js';
import { headerValueError } from './sip-parse-error.js';
import { splitHostPort } from './uri.js';

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

const VIA = /^([A-Za-z0-9.!%*_+`'~-]+)[ \t]*\/[ \t]*([A-Za-z0-9.!%*_+`'~-]+)[ \t]*\/[ \t]*([A-Za-z0-9.!%*_+`'~-]+)[ \t]+([^;\s]+|\[[^\]]*\](?::\d+)?)[ \t]*(;.*)?$/s;

/** Parses one Via value (split a multi-value line with `getValues('via')` first). */
export function parseVia(text: string): Via {
  const m = VIA.exec(text.trim());
  if (!m) throw headerValueError('bad-via', 'bad Via', text);
  const [, name = '', version = '', transport = '', sentBy = '', params = ''] = m;
  let hp: { host: string; port?: number };
  try {
    hp = splitHostPort(sentBy.replace(/[ \t]/g, ''), text);
  } catch (error) {
    throw headerValueError('bad-via', `bad sent-by in Via`, text);
  }
  const via: Via = {
    protocol: `${name.toUpperCase()}/${version}`,
    transport: transport.toUpperCase(),
    host: hp.host,
    params: parseParams(params),
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
