/**
 * The ACK an INVITE client transaction generates for a 300-699 response (RFC 3261 §17.1.1.3).
 */
import { createRequest, type SipRequest, type SipResponse } from '../sip/index.js';

/**
 * Builds the ACK for a non-2xx final response to `invite`.
 *
 * @remarks §17.1.1.3: same Request-URI, Call-ID, From and CSeq number as the INVITE (method ACK),
 * To from the response (it carries the tag), a single Via equal to the INVITE's top Via (so the
 * ACK stays in the INVITE's transaction), and the INVITE's Route headers.
 */
export function createNon2xxAck(invite: SipRequest, response: SipResponse): SipRequest {
  const headers: [string, string][] = [];
  const topVia = invite.headers.getValues('via')[0];
  if (topVia !== undefined) headers.push(['Via', topVia]);
  headers.push(['Max-Forwards', '70']);
  copy(invite, 'from', 'From', headers);
  const to = response.headers.get('to') ?? invite.headers.get('to');
  if (to !== undefined) headers.push(['To', to]);
  copy(invite, 'call-id', 'Call-ID', headers);
  const cseq = invite.headers.get('cseq') ?? '';
  const seq = /^\s*(\d+)/.exec(cseq)?.[1] ?? '0';
  headers.push(['CSeq', `${seq} ACK`]);
  for (const route of invite.headers.getAll('route')) headers.push(['Route', route]);
  return createRequest({ method: 'ACK', uri: invite.uri, headers });
}

function copy(from: SipRequest, key: string, name: string, into: [string, string][]): void {
  const value = from.headers.get(key);
  if (value !== undefined) into.push([name, value]);
}
