/** Request builders shared by the transaction and dialog tests. */
import { createRequest, newBranch, type SipRequest } from '../../src/sip/index.js';

export interface TestRequestInit {
  method: string;
  cseq?: number;
  callId?: string;
  branch?: string | null;
  uri?: string;
  fromTag?: string;
  toTag?: string;
  extra?: [string, string][];
}

export function testRequest(init: TestRequestInit): SipRequest {
  const branch = init.branch === null ? '' : `;branch=${init.branch ?? newBranch()}`;
  const headers: [string, string][] = [
    ['Via', `SIP/2.0/TLS 127.0.0.1:15060${branch}`],
    ['Max-Forwards', '70'],
    ['From', `<sip:alice@contoso.com>;tag=${init.fromTag ?? 'a1'};epid=bd4bd366c2`],
    ['To', `<sip:focus@contoso.com>${init.toTag ? `;tag=${init.toTag}` : ''}`],
    ['Call-ID', init.callId ?? 'call-1'],
    ['CSeq', `${init.cseq ?? 1} ${init.method}`],
    ...(init.extra ?? []),
  ];
  return createRequest({ method: init.method, uri: init.uri ?? 'sip:focus@contoso.com', headers });
}

/** Lets queued microtasks (linked-channel deliveries) run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
