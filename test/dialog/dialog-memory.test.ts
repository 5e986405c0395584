/**
 * Issue 4 (endpoints by the tens of thousands): a dialog keeps its RFC 3261 §12 fields, not the
 * messages they were read from.
 */
import { describe, expect, it } from 'vitest';
import { Dialog } from '../../src/dialog/index.js';
import { createRequest, parseMessage, type SipRequest, type SipResponse } from '../../src/sip/index.js';
import { heapUsedAfterGc } from '../helpers/collect-garbage.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';
const PADDING = 32 * 1024;
const COUNT = 200;

function invite(n: number): SipRequest {
  return createRequest({
    method: 'INVITE',
    uri: FOCUS,
    headers: [
      ['Via', `SIP/2.0/TLS 10.56.65.217:2308;branch=z9hG4bKmem${n}`],
      ['From', `<sip:carol@contoso.com>;tag=dfccec5f${n};epid=dceed2edfb`],
      ['To', `<${FOCUS}>`],
      ['Call-ID', `1e294f6aa2ff4fccaf796b2e7fb7${n}`],
      ['CSeq', '1 INVITE'],
      ['Contact', '<sip:10.29.107.208:2308;transport=tls;ms-opaque=3c71125d8b>'],
    ],
  });
}

/** A parsed 200 OK whose head carries a large extension header: every value is cut from that text. */
function parsedOk(request: SipRequest, n: number): SipResponse {
  const text = [
    'SIP/2.0 200 OK',
    `Via: ${request.headers.get('via') ?? ''}`,
    `From: ${request.headers.get('from') ?? ''}`,
    `To: <${FOCUS}>;tag=0D44008000${n};epid=8f2b0c5e1a`,
    `Call-ID: ${request.headers.get('call-id') ?? ''}`,
    'CSeq: 1 INVITE',
    'Record-Route: <sip:pool1.contoso.com:5061;transport=tls;opaque=state:T;lr;ms-route-sig=aa>',
    `Contact: <${FOCUS};transport=tls;ms-fe=pool1.contoso.com>`,
    `X-Padding: ${'p'.repeat(PADDING)}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const message = parseMessage(Buffer.from(text, 'latin1'));
  if (message.kind !== 'response') throw new Error('expected a response');
  return message;
}

describe('Dialog memory', () => {
  it('keeps none of the response text it was created from', () => {
    // Warm up: the first dialogs also compile the parser and dialog code.
    for (let n = 0; n < 20; n++) Dialog.asUac(invite(n), parsedOk(invite(n), n));
    const before = heapUsedAfterGc();
    const dialogs: Dialog[] = [];
    for (let n = 0; n < COUNT; n++) {
      const request = invite(n);
      dialogs.push(Dialog.asUac(request, parsedOk(request, n)));
    }
    const grown = heapUsedAfterGc() - before;
    expect(dialogs[COUNT - 1]?.remoteTarget).toBe(`${FOCUS};transport=tls;ms-fe=pool1.contoso.com`);
    expect(dialogs[0]?.remoteEpid).toBe('8f2b0c5e1a');
    expect(dialogs[0]?.routeSet).toEqual(['<sip:pool1.contoso.com:5061;transport=tls;opaque=state:T;lr;ms-route-sig=aa>']);
    // Keeping the heads would cost COUNT × 32 KiB (6.4 MiB); a dialog and its own fields are one or two KiB.
    expect(grown).toBeLessThan((COUNT * PADDING) / 4);
  });
});
