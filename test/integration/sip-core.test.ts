/**
 * The transaction and dialog layers end to end over real TLS on 127.0.0.1 (lab certificates):
 * a client and a server exchange a dialog the way Carol and the focus do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Dialog, DialogTable, unknownDialogResponse } from '../../src/dialog/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import { createRequest, createResponse, newCallId, newTag, type SipMessage, type SipRequest } from '../../src/sip/index.js';
import { TransactionLayer, type ServerTransaction, type StrayInfo } from '../../src/transaction/index.js';
import { transportChannels, type MessageEvent } from '../../src/transport/index.js';
import { ManualClock } from '../../src/util/index.js';
import { connectionPair, type ConnectionPair } from '../helpers/connection-pair.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:SIPCORE';

let pair: ConnectionPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

/** Resolves with the next request a layer hands to its TU that satisfies `match`. */
function nextRequest(
  layer: TransactionLayer,
  match: (request: SipRequest) => boolean,
): Promise<{ request: SipRequest; txn: ServerTransaction }> {
  return new Promise((resolve) => {
    const off = layer.onRequest((request, txn) => {
      if (!match(request)) return;
      off();
      resolve({ request, txn });
    });
  });
}

describe('sip-core over TLS on 127.0.0.1', () => {
  it('INVITE/200/ACK, client INFO, server BENOTIFY (unanswered) and server BYE on the client connection', async () => {
    pair = await connectionPair('tls');
    const { client: clientConnection, server: serverConnection } = pair;
    const client = new TransactionLayer(clientConnection);
    const server = new TransactionLayer(serverConnection);
    const clientStrays: StrayInfo[] = [];
    const serverStrays: StrayInfo[] = [];
    client.onStrayResponse((_r, info) => clientStrays.push(info));
    server.onStrayResponse((_r, info) => serverStrays.push(info));
    const clientSent: SipMessage[] = [];
    const onSent = (event: unknown) => {
      const e = event as MessageEvent;
      if (e.connectionId === clientConnection.id) clientSent.push(e.message);
    };
    transportChannels.messageSent.subscribe(onSent);

    try {
      // --- the server (focus) side ---
      const serverDialogs = new DialogTable();
      const serverContact = `<sip:127.0.0.1:${pair.listener.address.port};transport=tls>`;
      server.onRequest((request, txn) => {
        if (request.method === 'INVITE') {
          const ok = createResponse(request, 200, undefined, { toTag: newTag(), headers: [['Contact', serverContact]] });
          serverDialogs.add(Dialog.asUas(request, ok, { localCSeqBase: 2147483640 }));
          txn.respond(ok);
          return;
        }
        if (request.method === 'ACK') return;
        const dialog = serverDialogs.find(request);
        if (!dialog) {
          txn.respond(unknownDialogResponse(request));
          return;
        }
        const verdict = dialog.receiveRequest(request);
        txn.respond(verdict.ok ? createResponse(request, 200) : createResponse(request, verdict.status));
      });

      // --- the client (Carol) side: an INVITE without Via; the layer writes it from the socket ---
      const clientContact = `<sip:127.0.0.1:${clientConnection.local.port};transport=tls>`;
      const invite = createRequest({
        method: 'INVITE',
        uri: FOCUS,
        headers: [
          ['Max-Forwards', '70'],
          ['From', `<sip:carol@contoso.com>;tag=${newTag()};epid=dceed2edfb`],
          ['To', `<${FOCUS}>`],
          ['Call-ID', newCallId()],
          ['CSeq', '1 INVITE'],
          ['Contact', clientContact],
        ],
      });
      const ackSeen = nextRequest(server, (r) => r.method === 'ACK');
      const ok = await client.sendRequest(invite);
      expect(ok.status).toBe(200);
      expect(invite.headers.get('via')).toMatch(new RegExp(`^SIP/2\\.0/TLS 127\\.0\\.0\\.1:${clientConnection.local.port};branch=z9hG4bK`));
      const carol = Dialog.asUac(invite, ok);
      client.sendAck(carol.createAck(1));
      const ack = await ackSeen;
      expect(ack.txn.kind).toBe('ack');
      expect(ack.request.headers.get('cseq')).toBe('1 ACK');
      const focus = serverDialogs.find(ack.request);
      expect(focus).toBeDefined();
      if (!focus) return;
      expect(focus.state).toBe('confirmed');

      // In-dialog INFO from the client.
      const info = carol.createRequest('INFO', { body: '<request/>', contentType: 'application/cccp+xml' });
      const infoOk = await client.sendRequest(info);
      expect(infoOk.status).toBe(200);
      expect(focus.remoteCSeq).toBe(2);

      // Server-initiated BENOTIFY: sent best-effort, the client's TU leaves it unanswered.
      const benotifySeen = nextRequest(client, (r) => r.method === 'BENOTIFY');
      const benotify = focus.createRequest('BENOTIFY', {
        headers: [['Event', 'conference']],
        body: '<conference-info/>',
        contentType: 'application/conference-info+xml',
      });
      server.sendBestEffort(benotify);
      const seen = await benotifySeen;
      expect(seen.txn.kind).toBe('best-effort');
      expect(() => seen.txn.respond(createResponse(seen.request, 200))).toThrow(FocusHarnessError);
      expect(carol.receiveRequest(seen.request)).toEqual({ ok: true });
      expect(carol.remoteCSeq).toBe(2147483641);

      // Server-initiated BYE on the client's own connection, answered 200 by the client.
      client.onRequest((request, txn) => {
        if (request.method !== 'BYE') return;
        const verdict = carol.receiveRequest(request);
        txn.respond(createResponse(request, verdict.ok ? 200 : verdict.status));
        carol.terminate('BYE received');
      });
      const bye = focus.createRequest('BYE');
      expect(bye.uri).toBe(`sip:127.0.0.1:${clientConnection.local.port};transport=tls`);
      expect(bye.headers.get('to')).toMatch(/;epid=dceed2edfb$/);
      const byeOk = await server.sendRequest(bye);
      expect(byeOk.status).toBe(200);
      expect(byeOk.headers.get('cseq')).toBe('2147483642 BYE');
      focus.terminate('BYE answered');
      expect(carol.state).toBe('terminated');

      // The client never answered the BENOTIFY; nothing was stray; no transactions linger.
      const clientResponses = clientSent.filter((m) => m.kind === 'response').map((m) => m.headers.get('cseq'));
      expect(clientResponses).toEqual(['2147483642 BYE']);
      expect(clientSent.filter((m) => m.kind === 'request').map((m) => m.kind === 'request' && m.method)).toEqual([
        'INVITE',
        'ACK',
        'INFO',
      ]);
      expect(clientStrays).toEqual([]);
      expect(serverStrays).toEqual([]);
      // Only the INVITE transactions linger, `accepted` for Timer M / L (64·T1, RFC 6026) to
      // absorb 2xx and INVITE retransmissions.
      expect([client.clientTransactionCount, client.serverTransactionCount]).toEqual([1, 0]);
      expect([server.clientTransactionCount, server.serverTransactionCount]).toEqual([0, 1]);
    } finally {
      transportChannels.messageSent.unsubscribe(onSent);
    }
  });

  it('fails an unanswered INFO with FH_TXN_TIMEOUT when Timer F fires on fake time', async () => {
    pair = await connectionPair('tls');
    const clock = new ManualClock(Date.now());
    const client = new TransactionLayer(pair.client, { clock, t1: 500 });
    const server = new TransactionLayer(pair.server);
    const arrived = nextRequest(server, (r) => r.method === 'INFO');
    const info = createRequest({
      method: 'INFO',
      uri: FOCUS,
      headers: [
        ['From', `<sip:carol@contoso.com>;tag=${newTag()}`],
        ['To', `<${FOCUS}>;tag=silent`],
        ['Call-ID', 'timer-f-call'],
        ['CSeq', '5 INFO'],
      ],
    });
    const outcome = client.sendRequest(info).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    const { txn } = await arrived;
    expect(txn.state).toBe('trying');
    clock.advance(64 * 500 - 1);
    expect(client.clientTransactionCount).toBe(1);
    clock.advance(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(FocusHarnessError);
    expect((error as FocusHarnessError).code).toBe('FH_TXN_TIMEOUT');
    expect((error as Error).message).toMatch(/INFO \(Call-ID timer-f-call\).*Timer F.*32000 ms/);
    expect(txn.respondedWith).toBeUndefined();
  });
});
