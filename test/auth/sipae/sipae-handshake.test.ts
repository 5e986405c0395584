/**
 * The MS-SIPAE client against the recorded OC 2007 R2 exchange, and a whole client↔server
 * handshake in memory (client SipaeClient, server SipaeServerSession over the NTLM verifier).
 */
import { describe, expect, it } from 'vitest';
import { SipaeClient, SipaeServerSession, parseSipaeParams } from '../../../src/auth/sipae/index.js';
import { parseChallengeMessage, verifyNtlmAuthenticate } from '../../../src/auth/ntlm/index.js';
import { createRequest, createResponse, parseMessage, serializeMessage, type SipMessage, type SipRequest, type SipResponse } from '../../../src/sip/index.js';
import { ManualClock } from '../../../src/util/index.js';
import { OC_REGISTER_200 } from './oc-2007-r2-messages.js';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

const TYPE2 = hex(`4E544C4D53535000020000000000000038000000F38298E2DD1BAAF4E7E218D1000000000000000096009600
  380000000502CE0E0000000F02000A0043004F0053004D004F000100180043004F0053004D004F002D004F00430053002D005200
  32000400160063006F0073006D006F002E006C006F00630061006C000300300063006F0073006D006F002D006F00630073002D00
  720032002E0063006F0073006D006F002E006C006F00630061006C000500160063006F0073006D006F002E006C006F0063006100
  6C0000000000`);
const TYPE3 = Buffer.from(
  'TlRMTVNTUAADAAAAGAAYAHIAAADGAMYAigAAAAoACgBIAAAACAAIAFIAAAAYABgAWgAAABAAEABQAQAAVYKYYgUCzg4AAAAPQwBPAFMATQBPAFUAcwBlAHIAQwBPAFMATQBPAC0ATwBDAFMALQBSADIAoeku/k4Hi/fFwASazGFmwtauh1yw/apBjcDIAK527KYG0rn769BHMQEBAAAAAAAAWVGaFye5ygHWrodcsP2qQQAAAAACAAoAQwBPAFMATQBPAAEAGABDAE8AUwBNAE8ALQBPAEMAUwAtAFIAMgAEABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAMAMABjAG8AcwBtAG8ALQBvAGMAcwAtAHIAMgAuAGMAbwBzAG0AbwAuAGwAbwBjAGEAbAAFABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAAAAAAAAAAAMctznhyoCkmFkeiueXEV5A==',
  'base64',
);

/** Returns queued values per requested size. */
function scripted(values: Record<number, Buffer[]>): (size: number) => Buffer {
  return (size) => {
    const next = values[size]?.shift();
    if (next === undefined) throw new Error(`no scripted random value of ${size} bytes left`);
    return next;
  };
}

function register(cseq: number, callId = '4037df9284354df39065195bd57a4b14'): SipRequest {
  return createRequest({
    method: 'REGISTER',
    uri: 'sip:cosmo.local',
    headers: [
      ['Via', 'SIP/2.0/TLS 192.168.172.6:12723'],
      ['Max-Forwards', '70'],
      ['From', '<sip:user@cosmo.local>;tag=3e49177a52;epid=c8ca638a15'],
      ['To', '<sip:user@cosmo.local>'],
      ['Call-ID', callId],
      ['CSeq', `${cseq} REGISTER`],
      ['Contact', '<sip:192.168.172.6:12723;transport=tls>'],
    ],
  });
}

describe('SipaeClient against the recorded OC 2007 R2 registration', () => {
  it('signs the REGISTER carrying the AUTHENTICATE and verifies the server 200 OK', () => {
    // The exported session key the real client chose, recovered with the password.
    const verdict = verifyNtlmAuthenticate(parseChallengeMessage(TYPE2), TYPE3, () => 'Pa$$word');
    if (!verdict.ok) throw new Error(verdict.detail);
    const client = new SipaeClient({
      credentials: { user: 'User', domain: 'COSMO', password: 'Pa$$word' },
      clock: new ManualClock(1_267_438_088_000),
      random: scripted({ 8: [hex('D6AE875CB0FDAA41')], 16: [verdict.exportedSessionKey], 4: [hex('13317733')] }),
    });
    const first = register(2);
    const challenge = createResponse(first, 407, undefined, {
      toTag: 'x',
      headers: [['Proxy-Authenticate', `NTLM realm="SIP Communications Service", targetname="cosmo-ocs-r2.cosmo.local", version=4, opaque="2BDBAC9D", gssapi-data="${TYPE2.toString('base64')}"`]],
    });
    client.acceptChallenge(first, challenge);
    const request = register(3);
    client.prepareRequest(request);
    const line = request.headers.get('Proxy-Authorization') ?? '';
    const params = parseSipaeParams(line);
    expect(params).toMatchObject({ opaque: '2BDBAC9D', version: 4, crand: '13317733', cnum: '1', response: '0100000029618e9651b65a7764000000' });
    expect(client.established).toBe(false);
    expect(client.verifyIncoming(parseMessage(OC_REGISTER_200))).toEqual({ ok: true, signed: true });
    expect(client.established).toBe(true);
    const tampered = parseMessage(Buffer.from(OC_REGISTER_200.toString('latin1').replace('Expires: 7200', 'Expires: 3600'), 'latin1'));
    expect(client.verifyIncoming(tampered)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });
});

/** Carries a message through the wire format, as a connection would. */
function wire<T extends SipMessage>(message: T): T {
  return parseMessage(serializeMessage(message)) as T;
}

function lab(clock: ManualClock, version = 4): SipaeServerSession {
  return new SipaeServerSession({
    targetname: 'fe.lab.test',
    version,
    netbiosDomain: 'LAB',
    netbiosComputer: 'FE',
    clock,
    passwordOf: (user) => ({ alice: 'alice-pw', bob: 'bob-pw' } as Record<string, string | undefined>)[user.toLowerCase()],
    refuseUser: (user, _domain, request) =>
      (request.headers.get('From')?.includes(`sip:${user.toLowerCase()}@`) ? undefined : `user ${user} may not register this AOR`),
  });
}

function aliceRegister(cseq: number): SipRequest {
  return createRequest({
    method: 'REGISTER',
    uri: 'sip:lab.test',
    headers: [
      ['Via', 'SIP/2.0/TLS 127.0.0.1:5555;branch=z9hG4bK' + String(cseq)],
      ['From', '<sip:alice@lab.test>;tag=a1;epid=0123456789'],
      ['To', '<sip:alice@lab.test>'],
      ['Call-ID', 'reg-1'],
      ['CSeq', `${cseq} REGISTER`],
      ['Contact', '<sip:127.0.0.1:5555;transport=tls>'],
      ['Expires', '900'],
    ],
  });
}

/** One client request through prepare → wire → server; returns the server's answer, if any. */
function send(client: SipaeClient, server: SipaeServerSession, request: SipRequest): SipResponse | 'pass' {
  client.prepareRequest(request);
  const verdict = server.inbound(wire(request));
  if (verdict.kind === 'pass') return 'pass';
  if (verdict.kind === 'drop') throw new Error(verdict.reason);
  server.outbound(verdict.response);
  return wire(verdict.response);
}

function handshake(client: SipaeClient, server: SipaeServerSession): SipRequest {
  const r1 = aliceRegister(1);
  const c1 = send(client, server, r1);
  if (c1 === 'pass') throw new Error('not challenged');
  expect(c1.status).toBe(401);
  expect(parseSipaeParams(c1.headers.get('WWW-Authenticate') ?? '')).toMatchObject({ realm: 'SIP Communications Service', targetname: 'fe.lab.test' });
  expect(c1.headers.get('Date')).toMatch(/GMT$/);
  client.acceptChallenge(r1, c1);
  const r2 = aliceRegister(2);
  const c2 = send(client, server, r2);
  if (c2 === 'pass') throw new Error('empty token accepted');
  expect(parseSipaeParams(r2.headers.get('Authorization') ?? '').gssapiData).toBe('');
  client.acceptChallenge(r2, c2);
  const r3 = aliceRegister(3);
  expect(send(client, server, r3)).toBe('pass');
  return r3;
}

/** The first two REGISTER legs (scheme offer, then the CHALLENGE to the empty token), unchecked. */
function reachAuthenticate(client: SipaeClient, server: SipaeServerSession): void {
  for (const cseq of [1, 2]) {
    const request = aliceRegister(cseq);
    client.acceptChallenge(request, send(client, server, request) as SipResponse);
  }
}

describe('SipaeClient ↔ SipaeServerSession', () => {
  it('version 4: handshake, signed 200 OK, then signed requests both ways', () => {
    const clock = new ManualClock(1_765_000_000_000);
    const client = new SipaeClient({ credentials: { user: 'alice', domain: 'LAB', password: 'alice-pw' }, clock });
    const server = lab(clock);
    const r3 = handshake(client, server);
    expect(parseSipaeParams(r3.headers.get('Authorization') ?? '')).toMatchObject({ cnum: '1', version: 4 });
    expect(server.user).toBe('alice');

    const ok = createResponse(wire(r3), 200, undefined, { toTag: 't', headers: [['Expires', '900']] });
    server.outbound(ok);
    expect(parseSipaeParams(ok.headers.get('Authentication-Info') ?? '')).toMatchObject({ snum: '1', realm: 'SIP Communications Service' });
    expect(client.verifyIncoming(wire(ok))).toEqual({ ok: true, signed: true });
    expect(client.established).toBe(true);

    // An in-dialog request from the client: signed with the next cnum, verified by the server.
    const info = createRequest({
      method: 'INFO',
      uri: 'sip:focus@lab.test;gruu',
      headers: [
        ['Via', 'SIP/2.0/TLS 127.0.0.1:5555;branch=z9hG4bKi'],
        ['From', '<sip:alice@lab.test>;tag=a2'],
        ['To', '<sip:focus@lab.test>;tag=f1'],
        ['Call-ID', 'd1'],
        ['CSeq', '5 INFO'],
      ],
    });
    expect(send(client, server, info)).toBe('pass');
    expect(parseSipaeParams(info.headers.get('Authorization') ?? '').cnum).toBe('2');

    // A server-originated request (a BENOTIFY) verifies on the client; a changed one does not.
    const benotify = createRequest({
      method: 'BENOTIFY',
      uri: 'sip:127.0.0.1:5555;transport=tls',
      headers: [
        ['Via', 'SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKn'],
        ['From', '<sip:focus@lab.test>;tag=f1'],
        ['To', '<sip:alice@lab.test>;tag=a2'],
        ['Call-ID', 'd2'],
        ['CSeq', '3 BENOTIFY'],
      ],
    });
    server.outbound(benotify);
    expect(client.verifyIncoming(wire(benotify))).toEqual({ ok: true, signed: true });
    const forged = wire(benotify);
    forged.headers.set('CSeq', '4 BENOTIFY');
    expect(client.verifyIncoming(forged)).toMatchObject({ ok: false, reason: 'bad-signature' });
    const unsigned = wire(benotify);
    unsigned.headers.delete('Authentication-Info');
    expect(client.verifyIncoming(unsigned)).toMatchObject({ ok: false, reason: 'unsigned' });

    // Unsigned or tampered client requests are challenged once the SA is up.
    const bare = wire(info);
    bare.headers.delete('Authorization');
    expect(server.inbound(bare)).toMatchObject({ kind: 'answer', reason: 'unsigned INFO' });
    const tampered = wire(info);
    tampered.headers.set('CSeq', '6 INFO');
    expect(server.inbound(tampered)).toMatchObject({ kind: 'answer' });
    // ACK is never challenged.
    const ack = wire(info);
    ack.method = 'ACK';
    ack.headers.delete('Authorization');
    expect(server.inbound(ack)).toEqual({ kind: 'pass' });
  });

  it('version 3: the AUTHENTICATE REGISTER is unsigned; the SA comes up with the signed 200', () => {
    const clock = new ManualClock(1_765_000_000_000);
    const client = new SipaeClient({ credentials: { user: 'bob', domain: '', password: 'bob-pw' }, clock });
    const server = new SipaeServerSession({
      targetname: 'fe.lab.test',
      version: 3,
      netbiosDomain: 'LAB',
      netbiosComputer: 'FE',
      clock,
      passwordOf: (user) => (user === 'bob' ? 'bob-pw' : undefined),
    });
    const r1 = createRequest({ method: 'REGISTER', uri: 'sip:lab.test', headers: [
      ['Via', 'SIP/2.0/TLS 127.0.0.1:1;branch=z9hG4bKb'], ['From', '<sip:bob@lab.test>;tag=b'], ['To', '<sip:bob@lab.test>'], ['Call-ID', 'r'], ['CSeq', '1 REGISTER'],
    ] });
    for (let cseq = 1; cseq <= 2; cseq++) {
      const request = wire(r1);
      request.headers.set('CSeq', `${cseq} REGISTER`);
      const answer = send(client, server, request);
      if (answer === 'pass') throw new Error('passed early');
      client.acceptChallenge(request, answer);
    }
    const r3 = wire(r1);
    r3.headers.set('CSeq', '3 REGISTER');
    expect(send(client, server, r3)).toBe('pass');
    expect(parseSipaeParams(r3.headers.get('Authorization') ?? '').response).toBeUndefined();
    const ok = createResponse(wire(r3), 200, undefined, { toTag: 't' });
    server.outbound(ok);
    expect(client.verifyIncoming(wire(ok))).toEqual({ ok: true, signed: true });
    expect(client.established).toBe(true);
  });

  it('a wrong password is refused once with FH_AUTH naming the user', () => {
    const clock = new ManualClock(1_765_000_000_000);
    const client = new SipaeClient({ credentials: { user: 'alice', domain: 'LAB', password: 'wrong' }, clock });
    const server = lab(clock);
    reachAuthenticate(client, server);
    const r3 = aliceRegister(3);
    const refused = send(client, server, r3);
    expect(refused).not.toBe('pass');
    expect(() => client.acceptChallenge(r3, refused as SipResponse)).toThrow(
      /NTLM credentials of user "LAB\\alice" were refused by "fe\.lab\.test".*not retrying/,
    );
    expect(server.user).toBeUndefined();
  });

  it('the right password for another user is answered 403', () => {
    const clock = new ManualClock(1_765_000_000_000);
    const client = new SipaeClient({ credentials: { user: 'bob', domain: 'LAB', password: 'bob-pw' }, clock });
    const server = lab(clock);
    reachAuthenticate(client, server);
    const refused = send(client, server, aliceRegister(3));
    expect(refused).toMatchObject({ status: 403 });
  });

  it('repeats version= only when the server advertised one', () => {
    const client = new SipaeClient({ credentials: { user: 'alice', domain: '', password: 'x' }, clock: new ManualClock() });
    const r1 = aliceRegister(1);
    client.acceptChallenge(r1, createResponse(r1, 401, undefined, {
      toTag: 'x',
      headers: [['WWW-Authenticate', 'NTLM realm="SIP Communications Service", targetname="old.lab"']],
    }));
    const r2 = aliceRegister(2);
    client.prepareRequest(r2);
    expect(r2.headers.get('Authorization')).toBe('NTLM qop="auth", realm="SIP Communications Service", targetname="old.lab", gssapi-data=""');
  });

  it('a 401 offering only Digest is FH_AUTH', () => {
    const client = new SipaeClient({ credentials: { user: 'alice', domain: '', password: 'x' }, clock: new ManualClock() });
    const r1 = aliceRegister(1);
    const digest = createResponse(r1, 401, undefined, { toTag: 'x', headers: [['WWW-Authenticate', 'Digest realm="lab", nonce="n"']] });
    expect(SipaeClient.isChallenge(digest)).toBe(false);
    expect(() => client.acceptChallenge(r1, digest)).toThrow(/offers no NTLM challenge \(offered: Digest\)/);
  });
});
