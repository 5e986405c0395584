/**
 * The client rules of a real Lync client, checked against a scripted server over TLS on loopback:
 * NOTIFY → 200, BENOTIFY never answered, unknown dialogs → 481, OPTIONS → 200, 2xx to INVITE ACKed,
 * a server BYE on D1 → 200 and the dialog ends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../src/capture/index.js';
import { Endpoint } from '../../src/endpoint/index.js';
import { createRequest, createResponse, type SipRequest, type SipResponse } from '../../src/sip/index.js';
import { TransactionLayer } from '../../src/transaction/index.js';
import { listen, type SipListener } from '../../src/transport/index.js';
import { ManualClock } from '../../src/util/index.js';
import { labCertificates } from '../helpers/lab-certs.js';
import { waitUntil } from './lab-conference.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:0123456789ABCDEF';
const DOC = (version: number, state: string, users: string) =>
  `<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="${FOCUS}" state="${state}" version="${version}"><users>${users}</users></conference-info>`;

interface Scripted {
  updates: SipRequest[];
  /** Status for the next UPDATEs (session refreshes). */
  updateStatus: number;
  port: number;
  ca: string;
  layer: () => TransactionLayer;
  invites: SipRequest[];
  subscribes: SipRequest[];
  acks: SipRequest[];
  strays: string[];
}

let listener: SipListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

async function scriptedServer(): Promise<Scripted> {
  const certs = await labCertificates();
  listener = await listen({ host: '127.0.0.1', port: 0, transport: 'tls', cert: certs.certPem, key: certs.keyPem });
  const state: Scripted = { updates: [], updateStatus: 200, port: listener.address.port, ca: certs.caCertPem, layer: () => { throw new Error('no connection yet'); }, invites: [], subscribes: [], acks: [], strays: [] };
  listener.onConnection((connection) => {
    const layer = new TransactionLayer(connection, {});
    state.layer = () => layer;
    layer.onStrayResponse((response) => state.strays.push(`${response.status} ${response.headers.get('cseq')}`));
    layer.onRequest((request, txn) => {
      if (request.method === 'ACK') {
        state.acks.push(request);
        return;
      }
      if (request.method === 'UPDATE') {
        state.updates.push(request);
        txn.respond(createResponse(request, state.updateStatus, state.updateStatus === 200 ? 'OK' : 'Call Leg/Transaction Does Not Exist', { headers: [['Session-Expires', '90;refresher=uac']] }));
        return;
      }
      if (request.method === 'INVITE') state.invites.push(request);
      if (request.method === 'SUBSCRIBE') state.subscribes.push(request);
      const timer: [string, string][] = request.method === 'INVITE' ? [['Session-Expires', '90;refresher=uac'], ['Require', 'timer']] : [];
      txn.respond(createResponse(request, 200, 'OK', { toTag: `srv${state.invites.length}${state.subscribes.length}`, headers: [['Contact', `<${FOCUS}>`], ...timer] }));
    });
  });
  return state;
}

/** A request from the "focus" in the dialog our request created. */
function inDialog(method: string, ours: SipRequest, theirTag: string, cseq: number, headers: [string, string][] = [], body = ''): SipRequest {
  return createRequest({
    method,
    uri: 'sip:127.0.0.1;transport=tls',
    headers: [
      ['Via', 'SIP/2.0/TLS 127.0.0.1:5061'],
      ['Max-Forwards', '70'],
      ['From', `<${FOCUS}>;tag=${theirTag}`],
      ['To', ours.headers.get('from') ?? ''],
      ['Call-ID', ours.headers.get('call-id') ?? ''],
      ['CSeq', `${cseq} ${method}`],
      ...headers,
    ],
    body,
  });
}

describe('Lync client rules', { timeout: 20_000 }, () => {
  it('answers NOTIFY, never BENOTIFY, 481s unknown dialogs, 200s OPTIONS and a focus BYE', async () => {
    const server = await scriptedServer();
    const recorder = new TraceRecorder();
    const alice = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', recorder, server: { host: '127.0.0.1', port: server.port, transport: 'tls', ca: server.ca, servername: 'localhost' } });
    try {
      await alice.connect();
      const joined = await alice.join(FOCUS, { im: false });
      expect(joined.focus.sipStatus).toBe(200);
      expect(joined.focus.carriedBy).toBe('none');
      await waitUntil('the ACK', () => server.acks.length === 1);
      expect(server.acks[0]?.headers.get('cseq')).toBe('1 ACK');
      expect(alice.dialogState()).toEqual({ focus: 'active', roster: 'active', im: 'none' });
      const subscribe = server.subscribes[0];
      expect(subscribe?.headers.getAll('supported')).toEqual(expect.arrayContaining(['ms-benotify', 'ms-piggyback-first-notify']));
      expect(subscribe?.headers.get('proxy-require')).toBe('ms-benotify');
      const layer = server.layer();

      const notify = await layer.sendRequest(
        inDialog('NOTIFY', subscribe!, 'srv01', 1, [['Event', 'conference'], ['Subscription-State', 'active;expires=3600'], ['Content-Type', 'application/conference-info+xml']], DOC(1, 'full', '<user entity="sip:alice@contoso.com"><roles><entry>presenter</entry></roles></user>')),
      );
      expect(notify.status).toBe(200);
      expect(alice.roster.roles('sip:alice@contoso.com')).toEqual(['presenter']);

      layer.sendBestEffort(
        inDialog('BENOTIFY', subscribe!, 'srv01', 2, [['Event', 'conference'], ['Subscription-State', 'active;expires=3600'], ['Content-Type', 'application/conference-info+xml']], DOC(2, 'partial', '<user entity="sip:bob@contoso.com" state="full"/>')),
      );
      await waitUntil("Bob in Alice's roster", () => alice.roster.has('sip:bob@contoso.com'));

      const stranger = createRequest({ method: 'INFO', uri: 'sip:127.0.0.1', headers: [['Via', 'SIP/2.0/TLS 127.0.0.1:5061'], ['From', '<sip:x@contoso.com>;tag=a'], ['To', '<sip:alice@contoso.com>;tag=b'], ['Call-ID', 'unknown-call'], ['CSeq', '5 INFO']] });
      expect((await layer.sendRequest(stranger)).status).toBe(481);
      const options = createRequest({ method: 'OPTIONS', uri: 'sip:127.0.0.1', headers: [['Via', 'SIP/2.0/TLS 127.0.0.1:5061'], ['From', '<sip:x@contoso.com>;tag=a'], ['To', '<sip:alice@contoso.com>'], ['Call-ID', 'opt-call'], ['CSeq', '1 OPTIONS']] });
      expect((await layer.sendRequest(options)).status).toBe(200);

      const invite = server.invites[0]!;
      const bye: SipResponse = await layer.sendRequest(inDialog('BYE', invite, 'srv10', 2147483645, [['Reason', 'SIP;cause=481;text="Participant Removed"']]));
      expect(bye.status).toBe(200);
      expect(alice.dialogState().focus).toBe('terminated');
      const late = await layer.sendRequest(inDialog('INFO', invite, 'srv10', 2147483646));
      expect(late.status).toBe(481);

      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.strays).toEqual([]);
      expect(recorder.records.filter((r) => r.direction === 'out' && r.cseq.endsWith('BENOTIFY'))).toEqual([]);
      const benotify = alice.received.find((m) => m.message.kind === 'request' && m.message.method === 'BENOTIFY');
      expect(benotify?.dialog).toBe('D2');
      expect(alice.rosterIssues).toEqual([]);
    } finally {
      await alice.close();
    }
  });

  it('refreshes the focus session with UPDATE at half the Session-Expires interval (RFC 4028)', async () => {
    const server = await scriptedServer();
    const clock = new ManualClock(Date.now());
    const alice = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', clock, server: { host: '127.0.0.1', port: server.port, transport: 'tls', ca: server.ca, servername: 'localhost' } });
    try {
      await alice.connect();
      await alice.join(FOCUS, { subscribe: false, im: false });
      clock.advance(44_999);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(server.updates).toHaveLength(0);
      clock.advance(1);
      await waitUntil('the first refresh', () => server.updates.length === 1);
      const first = server.updates[0];
      expect(first?.headers.get('cseq')).toBe('2 UPDATE');
      expect(first?.headers.get('call-id')).toBe(server.invites[0]?.headers.get('call-id'));
      expect(first?.headers.get('session-expires')).toBe('90;refresher=uac');
      await new Promise((resolve) => setTimeout(resolve, 30));
      server.updateStatus = 481;
      clock.advance(45_000);
      await waitUntil('the second refresh', () => server.updates.length === 2);
      await waitUntil('the session to end on 481', () => alice.dialogState().focus === 'terminated');
      clock.advance(90_000);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(server.updates).toHaveLength(2);
    } finally {
      await alice.close();
    }
  });
});
