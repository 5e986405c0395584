/**
 * C3P error answers over real TLS (brief §4.12): a body that is not C3P gets 400 with
 * ms-diagnostics 3006; an unknown command a C3P failure naming it with ms-diagnostics-public 3004.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseC3pResponse } from '../../src/conference/index.js';
import type { SipMessage } from '../../src/sip/index.js';
import { setUpConference, type Conference } from './conference-setup.js';
import { member } from './eject-driver.js';
import { startTestLab, type TestLab } from './test-lab.js';

const isC3pInfo = (m: SipMessage) => m.kind === 'request' && m.method === 'INFO' && (m.headers.get('content-type') ?? '').includes('cccp');

describe('C3P errors', () => {
  let lab: TestLab;
  let conf: Conference;
  beforeAll(async () => {
    lab = await startTestLab();
    conf = await setUpConference(lab.address, ['alice', 'bob']);
  });
  afterAll(async () => {
    await conf.close();
    await lab.lab.stop();
  });

  it('answers an INFO whose body is not C3P with 400 and 3006', async () => {
    const alice = member(conf, 'alice');
    const response = await alice.client.send(alice.client.inDialog(alice.d1, 'INFO', { contentType: 'application/cccp+xml', body: '<request xmlns="urn:ietf:params:xml:ns:cccp"><deleteUser' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('ms-diagnostics')).toMatch(/^3006;/);
  });

  it('answers an unknown command with 202, 3004 and a C3P failure naming it', async () => {
    const alice = member(conf, 'alice');
    const mark = alice.client.inbox.length;
    const body = `<?xml version="1.0"?><request xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" to="${conf.focusUri}" from="${alice.client.aor}" requestId="77"><frobnicate/></request>`;
    const response = await alice.client.send(alice.client.inDialog(alice.d1, 'INFO', { contentType: 'application/cccp+xml', body }));
    expect(response.status).toBe(202);
    expect(response.headers.get('ms-diagnostics-public')).toMatch(/^3004;/);
    const info = await alice.client.waitFor('C3P failure', isC3pInfo, mark);
    expect(parseC3pResponse(info.body)).toMatchObject({ code: 'failure', command: 'frobnicate', requestId: '77', to: alice.client.aor, from: conf.focusUri });
  });

  it('refuses a command whose confEntity names another conference', async () => {
    const bob = member(conf, 'bob');
    const mark = bob.client.inbox.length;
    const other = conf.focusUri.replace(/id:[0-9A-F]+/, 'id:00000000000000000000000000000000');
    const body = bob.client.c3p(conf.focusUri, { name: 'getConference', confEntity: other });
    expect((await bob.client.send(bob.client.inDialog(bob.d1, 'INFO', { contentType: 'application/cccp+xml', body }))).status).toBe(202);
    const info = await bob.client.waitFor('C3P failure', isC3pInfo, mark);
    expect(parseC3pResponse(info.body)).toMatchObject({ code: 'failure', reason: 'conferenceDoesNotExist' });
  });
});

describe('2xx to INVITE without ACK', () => {
  it('is retransmitted until the ACK comes (RFC 3261 §13.3.1.4)', async () => {
    const lab = await startTestLab();
    const conf = await setUpConference(lab.address, ['alice']);
    const alice = member(conf, 'alice');
    const mark = alice.client.inbox.length;
    const invite = alice.client.outOfDialog('INVITE', conf.chatUri, { contentType: 'application/sdp', body: 'v=0\r\nm=message 5060 sip null\r\n' });
    expect((await alice.client.send(invite)).status).toBe(200);
    const twoHundreds = () => alice.client.received(mark).filter((m) => m.kind === 'response' && m.status === 200 && m.headers.get('call-id') === invite.headers.get('call-id'));
    await alice.client.waitFor('a retransmitted 200', () => twoHundreds().length >= 2, mark, 3000);
    expect(twoHundreds().length).toBeGreaterThanOrEqual(2);
    await conf.close();
    await lab.lab.stop();
  });
});
