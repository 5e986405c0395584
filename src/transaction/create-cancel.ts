/**
 * The CANCEL for a pending INVITE (RFC 3261 §9.1).
 */
import { createRequest, type SipRequest } from '../sip/index.js';

/**
 * Builds the CANCEL for `invite`.
 *
 * @remarks §9.1: same Request-URI, Call-ID, To, From and CSeq number as the INVITE (method
 * CANCEL), a single Via equal to the INVITE's top Via (so the server matches the INVITE's
 * transaction, §9.2), and the INVITE's Route headers. Send it with `layer.sendRequest`: it runs
 * in its own non-INVITE transaction.
 */
export function createCancel(invite: SipRequest): SipRequest {
  const headers: [string, string][] = [];
  const topVia = invite.headers.getValues('via')[0];
  if (topVia !== undefined) headers.push(['Via', topVia]);
  headers.push(['Max-Forwards', '70']);
  for (const [key, name] of [
    ['from', 'From'],
    ['to', 'To'],
    ['call-id', 'Call-ID'],
  ] as const) {
    const value = invite.headers.get(key);
    if (value !== undefined) headers.push([name, value]);
  }
  const seq = /^\s*(\d+)/.exec(invite.headers.get('cseq') ?? '')?.[1] ?? '0';
  headers.push(['CSeq', `${seq} CANCEL`]);
  for (const route of invite.headers.getAll('route')) headers.push(['Route', route]);
  return createRequest({ method: 'CANCEL', uri: invite.uri, headers });
}
