import { describe, expect, it } from 'vitest';
import { Dialog } from '../../src/dialog/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import { createRequest, createResponse, type SipRequest } from '../../src/sip/index.js';
import { seedRequest } from './seed.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';
const CHAT = 'sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7ECB5F9BFFB1F343B36775DBA09E8038';
const CAROL_CONTACT = 'sip:10.29.107.208:2308;transport=tls;ms-opaque=3c71125d8b;ms-received-cid=200;grid';

/** Carol's dialog-creating INVITE towards `uri` (the seed starts mid-conference, so it is rebuilt). */
function carolInvite(uri: string, callId: string, fromTag: string, extra: [string, string][] = []): SipRequest {
  return createRequest({
    method: 'INVITE',
    uri,
    headers: [
      ['Via', 'SIP/2.0/TLS 10.56.65.217:2308;branch=z9hG4bKcarolinvite'],
      ['Max-Forwards', '70'],
      ['From', `<sip:carol@contoso.com>;tag=${fromTag};epid=dceed2edfb`],
      ['To', `<${uri}>`],
      ['Call-ID', callId],
      ['CSeq', '1 INVITE'],
      ['Contact', `<${CAROL_CONTACT}>`],
      ...extra,
    ],
  });
}

function focusDialogs() {
  const invite = carolInvite(FOCUS, '1e294f6aa2ff4fccaf796b2e7fb723be', 'dfccec5fb4');
  const ok = createResponse(invite, 200, undefined, { toTag: '0D440080', headers: [['Contact', `<${FOCUS}>`]] });
  return { invite, ok, carol: Dialog.asUac(invite, ok), focus: Dialog.asUas(invite, ok, { localCSeqBase: 2147483644 }) };
}

describe('Dialog.asUac / asUas (RFC 3261 §12.1) on the seed dialogs', () => {
  it('keeps Call-ID, tags, URIs, epids, CSeq spaces and remote target', () => {
    const { carol, focus } = focusDialogs();
    expect(carol.role).toBe('uac');
    expect(carol.state).toBe('confirmed');
    expect(carol.callId).toBe('1e294f6aa2ff4fccaf796b2e7fb723be');
    expect([carol.localTag, carol.remoteTag]).toEqual(['dfccec5fb4', '0D440080']);
    expect([carol.localUri, carol.remoteUri]).toEqual(['sip:carol@contoso.com', FOCUS]);
    expect([carol.localEpid, carol.remoteEpid]).toEqual(['dceed2edfb', undefined]);
    expect([carol.localCSeq, carol.remoteCSeq]).toEqual([1, undefined]);
    expect(carol.remoteTarget).toBe(FOCUS);
    expect(carol.secure).toBe(false);

    expect(focus.role).toBe('uas');
    expect([focus.localTag, focus.remoteTag]).toEqual(['0D440080', 'dfccec5fb4']);
    expect([focus.localEpid, focus.remoteEpid]).toEqual([undefined, 'dceed2edfb']);
    expect([focus.localCSeq, focus.remoteCSeq]).toEqual([undefined, 1]);
    expect(focus.remoteTarget).toBe(CAROL_CONTACT);
  });

  it("builds Carol's BYE to the focus exactly as seed msg 4", () => {
    const { carol } = focusDialogs();
    const seed = seedRequest(4);
    const bye = carol.createRequest('BYE', { headers: [['User-Agent', 'UCCP/2.0.6362.0 OC/2.0.6362.0 (Microsoft Office Communicator)']] });
    expect(bye.method).toBe('BYE');
    expect(bye.uri).toBe(seed.uri);
    for (const name of ['from', 'to', 'call-id', 'cseq', 'max-forwards', 'user-agent']) {
      expect(bye.headers.get(name), name).toBe(seed.headers.get(name));
    }
    expect(bye.headers.get('via')).toMatch(/^SIP\/2\.0\/TLS 10\.56\.65\.217:2308;branch=z9hG4bK[0-9a-f]{16}$/);
    expect(bye.headers.has('route')).toBe(false);
    expect(bye.headers.has('contact')).toBe(false);
    expect(carol.localCSeq).toBe(2);
  });

  it("builds the focus's BYE to Carol exactly as seed msg 6 (own CSeq space near 2^31)", () => {
    const { focus } = focusDialogs();
    const seed = seedRequest(6);
    const bye = focus.createRequest('BYE', { headers: [['Reason', 'SIP;cause=481;text="Participant Removed"']] });
    expect(bye.uri).toBe(seed.uri);
    for (const name of ['from', 'to', 'call-id', 'cseq', 'reason']) {
      expect(bye.headers.get(name), name).toBe(seed.headers.get(name));
    }
  });

  it('accepts the crossing BYEs of seed msgs 4 and 6, each in its own CSeq space', () => {
    const { carol, focus } = focusDialogs();
    carol.createRequest('BYE');
    expect(carol.receiveRequest(seedRequest(6))).toEqual({ ok: true });
    expect(carol.remoteCSeq).toBe(2147483645);
    expect(carol.localCSeq).toBe(2);
    expect(focus.receiveRequest(seedRequest(4))).toEqual({ ok: true });
    expect(focus.remoteCSeq).toBe(2);
  });

  it("rebuilds Carol's BYE to the IM MCU of seed msg 5 (route without lr, routed loosely)", () => {
    const seed = seedRequest(5);
    const invite = carolInvite(CHAT, '08501c03562b4515a1ad55e367dd503d', '8d9b5cc1fb');
    const ok = createResponse(invite, 200, undefined, {
      toTag: '740746dec',
      headers: [
        ['Record-Route', seed.headers.get('route') ?? ''],
        ['Contact', `<${seed.uri}>`],
      ],
    });
    const loose = Dialog.asUac(invite, ok, { assumeLooseRouting: true }).createRequest('BYE');
    expect(loose.uri).toBe(seed.uri);
    expect(loose.headers.getAll('route')).toEqual(seed.headers.getAll('route'));
    for (const name of ['from', 'to', 'call-id', 'cseq']) expect(loose.headers.get(name), name).toBe(seed.headers.get(name));

    // RFC 3261 §12.2.1.1 proper: a route without lr is a strict router.
    const strict = Dialog.asUac(invite, ok).createRequest('BYE');
    expect(strict.uri).toBe('sip:poola.topa.contoso.com:5062;transport=tls;ms-fe=M18-OCG.topa.contoso.com');
    expect(strict.headers.getAll('route')).toEqual([`<${seed.uri}>`]);

    // Seed msg 7: the MCU's own BYE (upper-case header names, two Vias) is in order for Carol.
    const dialog = Dialog.asUac(invite, ok, { assumeLooseRouting: true });
    expect(dialog.receiveRequest(seedRequest(7))).toEqual({ ok: true });
  });

  it('reverses Record-Route for the UAC and keeps it in order for the UAS (§12.1.1, §12.1.2)', () => {
    const invite = carolInvite(FOCUS, 'rr-call', 'rr1', [
      ['Record-Route', '<sip:p2.contoso.com;lr>'],
      ['Record-Route', '<sip:p1.contoso.com;lr>'],
    ]);
    const ok = createResponse(invite, 200, undefined, {
      toTag: 'rr2',
      headers: [
        ['Record-Route', '<sip:p2.contoso.com;lr>, <sip:p1.contoso.com;lr>'],
        ['Contact', `<${FOCUS}>`],
      ],
    });
    const uac = Dialog.asUac(invite, ok);
    expect(uac.routeSet).toEqual(['<sip:p1.contoso.com;lr>', '<sip:p2.contoso.com;lr>']);
    expect(uac.createRequest('INFO').headers.getAll('route')).toEqual(['<sip:p1.contoso.com;lr>', '<sip:p2.contoso.com;lr>']);
    const uas = Dialog.asUas(invite, ok);
    expect(uas.routeSet).toEqual(['<sip:p2.contoso.com;lr>', '<sip:p1.contoso.com;lr>']);
  });

  it('builds the ACK for a 2xx with the INVITE CSeq number and a new branch (§13.2.2.4)', () => {
    const { carol, invite } = focusDialogs();
    const ack = carol.createAck(1);
    expect(ack.method).toBe('ACK');
    expect(ack.uri).toBe(FOCUS);
    expect(ack.headers.get('cseq')).toBe('1 ACK');
    expect(ack.headers.get('via')).not.toBe(invite.headers.get('via'));
    expect(ack.headers.get('via')).toMatch(/branch=z9hG4bK/);
    expect(carol.localCSeq).toBe(1);
  });

  it('writes body, Content-Type and, on target refreshes, Contact', () => {
    const { carol } = focusDialogs();
    const info = carol.createRequest('INFO', { body: '<request/>', contentType: 'application/cccp+xml' });
    expect(info.headers.get('content-type')).toBe('application/cccp+xml');
    expect(info.body.toString()).toBe('<request/>');
    expect(info.headers.has('contact')).toBe(false);
    const reinvite = carol.createRequest('INVITE');
    expect(reinvite.headers.get('contact')).toBe(`<${CAROL_CONTACT}>`);
    expect(reinvite.headers.get('cseq')).toBe('3 INVITE');
  });

  it('returns verdicts for out-of-order, repeated and foreign requests (§12.2.2)', () => {
    const { focus } = focusDialogs();
    const inDialog = (seq: number, method = 'INFO', toTag = '0D440080') =>
      createRequest({
        method,
        uri: FOCUS,
        headers: [
          ['Via', 'SIP/2.0/TLS 10.56.65.217:2308;branch=z9hG4bKx' + seq],
          ['From', '<sip:carol@contoso.com>;tag=dfccec5fb4;epid=dceed2edfb'],
          ['To', `<${FOCUS}>;tag=${toTag}`],
          ['Call-ID', '1e294f6aa2ff4fccaf796b2e7fb723be'],
          ['CSeq', `${seq} ${method}`],
        ],
      });
    expect(focus.receiveRequest(inDialog(5))).toEqual({ ok: true });
    expect(focus.receiveRequest(inDialog(4))).toMatchObject({ ok: false, reason: 'cseq-lower', status: 500 });
    expect(focus.receiveRequest(inDialog(5))).toMatchObject({ ok: false, reason: 'cseq-equal', status: 500 });
    expect(focus.receiveRequest(inDialog(1, 'ACK'))).toEqual({ ok: true });
    expect(focus.receiveRequest(inDialog(9, 'INFO', 'other'))).toMatchObject({ ok: false, reason: 'not-this-dialog', status: 481 });
    expect(focus.receiveRequest(inDialog(2147483647))).toEqual({ ok: true });
    expect(focus.remoteCSeq).toBe(2147483647);
    focus.terminate('BYE');
    expect(focus.receiveRequest(inDialog(2147483647, 'INFO'))).toMatchObject({ ok: false, reason: 'dialog-terminated', status: 481 });
  });

  it('updates the remote target on a target refresh (§12.2.2)', () => {
    const { focus } = focusDialogs();
    const reinvite = createRequest({
      method: 'INVITE',
      uri: FOCUS,
      headers: [
        ['Via', 'SIP/2.0/TLS 10.56.65.217:2308;branch=z9hG4bKre'],
        ['From', '<sip:carol@contoso.com>;tag=dfccec5fb4'],
        ['To', `<${FOCUS}>;tag=0D440080`],
        ['Call-ID', '1e294f6aa2ff4fccaf796b2e7fb723be'],
        ['CSeq', '2 INVITE'],
        ['Contact', '<sip:carol@10.0.0.9:5061;transport=tls>'],
      ],
    });
    expect(focus.receiveRequest(reinvite)).toEqual({ ok: true });
    expect(focus.remoteTarget).toBe('sip:carol@10.0.0.9:5061;transport=tls');
  });

  it('goes early → confirmed → terminated and refuses illegal moves', () => {
    const invite = carolInvite(FOCUS, 'early-call', 'e1');
    const ringing = createResponse(invite, 180, undefined, { toTag: 'e2', headers: [['Contact', `<${FOCUS}>`]] });
    const dialog = Dialog.asUac(invite, ringing);
    expect(dialog.state).toBe('early');
    dialog.receiveResponse(invite, createResponse(invite, 200, undefined, { toTag: 'e2' }));
    expect(dialog.state).toBe('confirmed');
    dialog.receiveResponse(dialog.createRequest('INFO'), createResponse(invite, 481));
    expect(dialog.state).toBe('terminated');
    expect(() => dialog.terminate()).toThrow(FocusHarnessError);
    expect(() => dialog.confirm()).toThrow(/cannot confirm/);
    expect(() => dialog.createRequest('INFO')).toThrow(/terminated dialog/);
  });

  it('refuses responses that cannot create a dialog and CSeq overflow', () => {
    const invite = carolInvite(FOCUS, 'bad', 'b1');
    expect(() => Dialog.asUac(invite, createResponse(invite, 200))).toThrow(/no To tag/);
    expect(() => Dialog.asUac(invite, createResponse(invite, 486, undefined, { toTag: 'x' }))).toThrow(/does not create a dialog/);
    expect(() => Dialog.asUac(invite, createResponse(invite, 100, undefined, { toTag: 'x' }))).toThrow(FocusHarnessError);
    const ok = createResponse(invite, 200, undefined, { toTag: 'x' });
    const uas = Dialog.asUas(invite, ok, { localCSeqBase: 2147483646 });
    expect(uas.createRequest('BYE').headers.get('cseq')).toBe('2147483647 BYE');
    expect(() => uas.createRequest('INFO')).toThrow(/2\^31-1/);
    expect(() => uas.createRequest('ACK')).toThrow(/createAck/);
  });
});

describe('Dialog Via', () => {
  it('takes the UAS sent-by from its Contact, or leaves the Via to the transaction layer', () => {
    const invite = carolInvite(FOCUS, 'via-call', 'v1');
    const withContact = createResponse(invite, 200, undefined, {
      toTag: 'v2',
      headers: [['Contact', '<sip:127.0.0.1:5061;transport=tcp>']],
    });
    expect(Dialog.asUas(invite, withContact).createRequest('BYE').headers.get('via')).toMatch(
      /^SIP\/2\.0\/TCP 127\.0\.0\.1:5061;branch=z9hG4bK/,
    );
    const bare = createResponse(invite, 200, undefined, { toTag: 'v2' });
    expect(Dialog.asUas(invite, bare).createRequest('BYE').headers.has('via')).toBe(false);
    expect(Dialog.asUas(invite, bare, { viaPrefix: 'SIP/2.0/TLS 192.0.2.1:5061' }).createRequest('BYE').headers.get('via')).toMatch(
      /^SIP\/2\.0\/TLS 192\.0\.2\.1:5061;branch=/,
    );
  });
});

describe('Dialog.fromNotify (RFC 6665 §4.1.2.4)', () => {
  const subscribe = createRequest({
    method: 'SUBSCRIBE',
    uri: FOCUS,
    headers: [
      ['Via', 'SIP/2.0/TLS 10.56.65.217:2308;branch=z9hG4bKsub'],
      ['From', '<sip:carol@contoso.com>;tag=d468b2a0c0;epid=dceed2edfb'],
      ['To', `<${FOCUS}>`],
      ['Call-ID', '87434074d1244e8d89881d1f8d243783'],
      ['CSeq', '1 SUBSCRIBE'],
      ['Contact', `<${CAROL_CONTACT}>`],
      ['Event', 'conference'],
    ],
  });

  it("creates Carol's roster dialog from the focus's BENOTIFY (seed msg 3)", () => {
    const benotify = seedRequest(3);
    const dialog = Dialog.fromNotify(subscribe, benotify);
    expect([dialog.localTag, dialog.remoteTag]).toEqual(['d468b2a0c0', '99000080']);
    expect([dialog.localCSeq, dialog.remoteCSeq]).toEqual([1, 3]);
    expect(dialog.remoteUri).toBe(FOCUS);
    const unsubscribe = dialog.createRequest('SUBSCRIBE', { headers: [['Expires', '0']] });
    expect(unsubscribe.headers.get('to')).toBe(`<${FOCUS}>;tag=99000080`);
    expect(unsubscribe.headers.get('cseq')).toBe('2 SUBSCRIBE');
  });

  it('refuses a NOTIFY of another subscription', () => {
    expect(() => Dialog.fromNotify(subscribe, seedRequest(6))).toThrow(/does not match/);
  });
});
