import { describe, expect, it } from 'vitest';
import { labelFor, peerFor } from '../../src/capture/index.js';
import { createRequest, createResponseMessage } from '../../src/sip/index.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';
const CHAT = 'sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7ECB5F9BFFB1F343B36775DBA09E8038';

const deleteUser = `<?xml version="1.0"?>
<request xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" to="${FOCUS}" from="sip:alice@contoso.com" requestId="63022864">
  <deleteUser><userKeys confEntity="${FOCUS}" userEntity="sip:carol@contoso.com" /></deleteUser>
</request>`;

const deleteUserResponse = `<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="63022864" C3PVersion="1" from="${FOCUS}" to="sip:alice@contoso.com" code="success">
  <deleteUser><conferenceKeys confEntity="${FOCUS}" /></deleteUser></response>`;

describe('labelFor', () => {
  it('names the C3P command of a request and the code of a response (seed msgs 1, 14)', () => {
    const info = createRequest({ method: 'INFO', uri: FOCUS, headers: [['Content-Type', 'application/cccp+xml'], ['CSeq', '2 INFO']], body: deleteUser });
    expect(labelFor(info)).toBe('INFO deleteUser');
    const focusInfo = createRequest({ method: 'INFO', uri: 'sip:10.0.0.1:2157', headers: [['Content-Type', 'application/cccp+xml']], body: deleteUserResponse });
    expect(labelFor(focusInfo)).toBe('INFO deleteUser success');
    const ok = createResponseMessage({ status: 200, reason: 'OK', headers: [['Content-Type', 'application/cccp+xml; charset=utf-8']], body: deleteUserResponse });
    expect(labelFor(ok)).toBe('200 OK deleteUser success');
  });

  it('shows terminated subscriptions with their reason (seed msg 3)', () => {
    const benotify = createRequest({
      method: 'BENOTIFY',
      uri: 'sip:10.29.107.208:2308;transport=tls',
      headers: [['Event', 'conference'], ['subscription-state', 'terminated;expires=0;reason=ParticipantRemoved'], ['Expires', '0']],
    });
    expect(labelFor(benotify)).toBe('BENOTIFY terminated;reason=ParticipantRemoved');
  });

  it('shows roster version and state (seed msgs 12, 16)', () => {
    const body = `<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="${FOCUS}" state="partial" version="10"><users state="partial"/></conference-info>`;
    const benotify = createRequest({ method: 'BENOTIFY', uri: 'sip:x', headers: [['Content-Type', 'application/conference-info+xml'], ['subscription-state', 'active;expires=3600']], body });
    expect(labelFor(benotify)).toBe('BENOTIFY v10 partial');
    const full = createRequest({ method: 'NOTIFY', uri: 'sip:x', headers: [['c', 'application/conference-info+xml']], body: '<ci:conference-info version="1" xmlns:ci="urn:ietf:params:xml:ns:conference-info">' });
    expect(labelFor(full)).toBe('NOTIFY v1 full');
  });

  it('quotes IM text, truncating long text', () => {
    const short = createRequest({ method: 'MESSAGE', uri: 'sip:x', headers: [['Content-Type', 'text/plain; charset=UTF-8']], body: 'hi' });
    expect(labelFor(short)).toBe('MESSAGE "hi"');
    const long = createRequest({ method: 'MESSAGE', uri: 'sip:x', headers: [['Content-Type', 'text/plain']], body: 'a'.repeat(100) });
    expect(labelFor(long)).toBe(`MESSAGE "${'a'.repeat(23)}…"`);
  });

  it('covers responses, BYE reasons, SDP, unsubscribe and garbage bodies', () => {
    expect(labelFor(createResponseMessage({ status: 202, reason: 'Accepted' }))).toBe('202 Accepted');
    expect(labelFor(createResponseMessage({ status: 481, reason: 'Dialog does not exist' }))).toBe('481 Dialog does not exist');
    const bye = createRequest({ method: 'BYE', uri: 'sip:x', headers: [['Reason', 'SIP;cause=481;text="Participant Removed"']] });
    expect(labelFor(bye)).toBe('BYE (Participant Removed)');
    const invite = createRequest({ method: 'INVITE', uri: CHAT, headers: [['Content-Type', 'application/sdp']], body: 'v=0\r\nm=message 5060 sip null\r\n' });
    expect(labelFor(invite)).toBe('INVITE m=message');
    const unsub = createRequest({ method: 'SUBSCRIBE', uri: FOCUS, headers: [['Event', 'conference'], ['Expires', '0']] });
    expect(labelFor(unsub)).toBe('SUBSCRIBE conference unsubscribe');
    const junk = createRequest({ method: 'INFO', uri: FOCUS, headers: [['Content-Type', 'application/cccp+xml']], body: '<<<' });
    expect(labelFor(junk)).toBe('INFO C3P ?');
    expect(labelFor(createRequest({ method: 'REGISTER', uri: 'sip:contoso.com', headers: [['Expires', '0']] }))).toBe('REGISTER unregister');
  });
});

describe('peerFor', () => {
  it('classifies by opaque app URIs and REGISTER', () => {
    expect(peerFor(createRequest({ method: 'INFO', uri: FOCUS }))).toBe('focus');
    expect(peerFor(createRequest({ method: 'BYE', uri: 'sip:10.0.0.1:2308', headers: [['FROM', `<${CHAT}>;tag=1`]] }))).toBe('mcu');
    expect(peerFor(createRequest({ method: 'SERVICE', uri: 'sip:alice@contoso.com;gruu;opaque=app:conf:focusfactory' }))).toBe('factory');
    expect(peerFor(createResponseMessage({ status: 200, reason: 'OK', headers: [['CSeq', '3 REGISTER']] }))).toBe('registrar');
    expect(peerFor(createRequest({ method: 'OPTIONS', uri: 'sip:contoso.com' }))).toBe('server');
  });
});
