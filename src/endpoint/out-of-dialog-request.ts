/**
 * Builds a request outside any dialog the way a Lync client does (brief §3.1, §4.2, §4.4, §4.5):
 * From = AOR with tag and epid (MS-SIPRE 3.2.4.1), Max-Forwards 70, our Via (the transaction layer
 * adds the branch), Contact, User-Agent.
 */
import { createRequest, type HeaderInit, type SipRequest } from '../sip/index.js';

export interface OutOfDialogRequestInit {
  method: string;
  uri: string;
  /** The To header value, e.g. `<sip:…>`. @default `<uri>` */
  to?: string;
  /** `"Alice" <sip:alice@contoso.com>` or `<sip:alice@contoso.com>` */
  fromNameAddr: string;
  fromTag: string;
  epid: string;
  callId: string;
  cseq: number;
  /** `SIP/2.0/TLS host:port` */
  via: string;
  contact?: string;
  userAgent: string;
  headers?: HeaderInit;
  contentType?: string;
  body?: Buffer | string;
}

export function buildOutOfDialogRequest(init: OutOfDialogRequestInit): SipRequest {
  const headers: [string, string][] = [
    ['Via', init.via],
    ['Max-Forwards', '70'],
    ['From', `${init.fromNameAddr};tag=${init.fromTag};epid=${init.epid}`],
    ['To', init.to ?? `<${init.uri}>`],
    ['Call-ID', init.callId],
    ['CSeq', `${init.cseq} ${init.method}`],
  ];
  if (init.contact !== undefined) headers.push(['Contact', init.contact]);
  headers.push(['User-Agent', init.userAgent]);
  for (const [name, value] of init.headers ?? []) headers.push([name, value]);
  if (init.contentType !== undefined) headers.push(['Content-Type', init.contentType]);
  return createRequest({ method: init.method, uri: init.uri, headers, ...(init.body === undefined ? {} : { body: init.body }) });
}

/** `"Alice" <sip:alice@contoso.com>`, quoting the display name (RFC 3261 §25.1 quoted-string). */
export function formatFromNameAddr(aor: string, displayName: string | undefined): string {
  if (displayName === undefined || displayName === '') return `<${aor}>`;
  return `"${displayName.replace(/["\\]/g, (c) => `\\${c}`)}" <${aor}>`;
}
