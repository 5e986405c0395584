import { describe, expect, it } from 'vitest';
import { FocusHarnessError } from '../../src/errors.js';
import { createResponse, type SipRequest, type SipResponse } from '../../src/sip/index.js';
import {
  createLinkedChannels,
  TransactionLayer,
  type ServerTransaction,
  type StrayInfo,
} from '../../src/transaction/index.js';
import { ManualClock } from '../../src/util/index.js';
import { flush, testRequest } from './requests.js';

function pair(t1 = 500) {
  const clock = new ManualClock();
  const [a, b] = createLinkedChannels({ names: ['client', 'server'] });
  const client = new TransactionLayer(a, { clock, t1 });
  const server = new TransactionLayer(b, { clock, t1 });
  const inbound: { request: SipRequest; txn: ServerTransaction }[] = [];
  server.onRequest((request, txn) => inbound.push({ request, txn }));
  const strays: { response: SipResponse; info: StrayInfo }[] = [];
  client.onStrayResponse((response, info) => strays.push({ response, info }));
  return { clock, a, b, client, server, inbound, strays };
}

describe('TransactionLayer over linked channels', () => {
  it('runs a non-INVITE transaction: provisional then final, and forgets it', async () => {
    const { client, server, inbound } = pair();
    const provisionals: number[] = [];
    const pending = client.sendRequest(testRequest({ method: 'INFO' }), { onProvisional: (r) => provisionals.push(r.status) });
    await flush();
    expect(inbound).toHaveLength(1);
    const { request, txn } = inbound[0]!;
    expect(txn.kind).toBe('non-invite');
    expect(txn.state).toBe('trying');
    txn.respond(createResponse(request, 100));
    expect(txn.state).toBe('proceeding');
    txn.respond(createResponse(request, 200, undefined, { toTag: 't1' }));
    // Timer J = 0 on reliable transports: the transaction ends at once.
    expect(txn.state).toBe('terminated');
    expect(txn.respondedWith?.status).toBe(200);
    expect(server.serverTransactionCount).toBe(0);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(provisionals).toEqual([100]);
    expect(client.clientTransactionCount).toBe(0);
  });

  it('fills a missing Via branch with the magic cookie', async () => {
    const { client, inbound } = pair();
    void client.sendRequest(testRequest({ method: 'OPTIONS', branch: null }));
    await flush();
    expect(inbound[0]?.request.headers.get('via')).toMatch(/;branch=z9hG4bK[0-9a-f]+$/);
  });

  it('refuses a second final response and a response with a foreign branch', async () => {
    const { client, inbound } = pair();
    const pending = client.sendRequest(testRequest({ method: 'INFO' }));
    await flush();
    const { request, txn } = inbound[0]!;
    const foreign = createResponse(testRequest({ method: 'INFO' }), 200);
    expect(() => txn.respond(foreign)).toThrow(/top Via branch/);
    txn.respond(createResponse(request, 202));
    let error: unknown;
    try {
      txn.respond(createResponse(request, 500));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FocusHarnessError);
    expect((error as FocusHarnessError).code).toBe('FH_USAGE');
    expect((error as Error).message).toMatch(/already answered 202/);
    expect((await pending).status).toBe(202);
  });

  it('leaves an unanswered request open (no automatic response)', async () => {
    const { client, server, inbound, b } = pair();
    void client.sendRequest(testRequest({ method: 'INFO' })).catch(() => undefined);
    await flush();
    expect(inbound[0]?.txn.state).toBe('trying');
    expect(inbound[0]?.txn.respondedWith).toBeUndefined();
    expect(b.sent).toHaveLength(0);
    expect(server.serverTransactionCount).toBe(1);
  });

  it('rejects with FH_TXN_TIMEOUT naming method, Call-ID and Timer F after 64·T1 of fake time', async () => {
    const { client, clock, a } = pair(500);
    a.dropNext();
    const pending = client.sendRequest(testRequest({ method: 'INFO', callId: 'lost-call' }));
    const settled = pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    clock.advance(31_999);
    await flush();
    expect(client.clientTransactionCount).toBe(1);
    clock.advance(1);
    const error = await settled;
    expect(error).toBeInstanceOf(FocusHarnessError);
    expect((error as FocusHarnessError).code).toBe('FH_TXN_TIMEOUT');
    expect((error as Error).message).toMatch(/INFO/);
    expect((error as Error).message).toMatch(/lost-call/);
    expect((error as Error).message).toMatch(/Timer F/);
    expect(client.clientTransactionCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('times an INVITE out with Timer B only while calling', async () => {
    const { client, clock, a, inbound } = pair(100);
    a.dropNext();
    const lost = client.sendRequest(testRequest({ method: 'INVITE', callId: 'inv-lost' })).catch((e: unknown) => e);
    clock.advance(6400);
    const error = (await lost) as FocusHarnessError;
    expect(error.code).toBe('FH_TXN_TIMEOUT');
    expect(error.message).toMatch(/INVITE.*inv-lost.*Timer B/);

    // After a 180 the transaction is `proceeding`: Timer B no longer applies (§17.1.1.2).
    const ringing = client.sendRequest(testRequest({ method: 'INVITE', callId: 'inv-ring' }));
    await flush();
    const { request, txn } = inbound[0]!;
    txn.respond(createResponse(request, 180, undefined, { toTag: 'x' }));
    await flush();
    clock.advance(60_000);
    txn.respond(createResponse(request, 200, undefined, { toTag: 'x' }));
    expect((await ringing).status).toBe(200);
  });

  it('ACKs a non-2xx final to INVITE itself, in the INVITE transaction (§17.1.1.3)', async () => {
    const { client, server, inbound, a } = pair();
    const pending = client.sendRequest(
      testRequest({ method: 'INVITE', cseq: 7, extra: [['Route', '<sip:proxy.contoso.com;lr>']] }),
    );
    await flush();
    const { request, txn } = inbound[0]!;
    expect(txn.kind).toBe('invite');
    txn.respond(createResponse(request, 486, undefined, { toTag: 'busy' }));
    expect(txn.state).toBe('completed');
    expect((await pending).status).toBe(486);
    await flush();
    const ack = a.sent.at(-1) as SipRequest;
    expect(ack.method).toBe('ACK');
    expect(ack.uri).toBe(request.uri);
    expect(ack.headers.get('cseq')).toBe('7 ACK');
    expect(ack.headers.get('to')).toMatch(/tag=busy/);
    expect(ack.headers.getAll('via')).toEqual([request.headers.get('via')]);
    expect(ack.headers.get('route')).toBe('<sip:proxy.contoso.com;lr>');
    // The ACK matched the server transaction: completed → confirmed → (Timer I = 0) terminated.
    expect(txn.state).toBe('terminated');
    expect(server.serverTransactionCount).toBe(0);
    expect(inbound).toHaveLength(1);
  });

  it('reports Timer H when the ACK for a non-2xx never comes', async () => {
    const { client, server, inbound, a, clock } = pair(10);
    const errors: FocusHarnessError[] = [];
    server.onError((e) => errors.push(e));
    const pending = client.sendRequest(testRequest({ method: 'INVITE' }));
    await flush();
    a.dropNext();
    const { request, txn } = inbound[0]!;
    txn.respond(createResponse(request, 603, undefined, { toTag: 'd' }));
    await pending;
    await flush();
    expect(txn.state).toBe('completed');
    clock.advance(640);
    expect(txn.state).toBe('terminated');
    expect(errors.map((e) => e.code)).toEqual(['FH_TXN_TIMEOUT']);
    expect(errors[0]?.message).toMatch(/Timer H/);
  });

  it('hands the ACK for a 2xx to the TU and re-sends it for a retransmitted 2xx', async () => {
    const { client, inbound, b, a } = pair();
    const invite = testRequest({ method: 'INVITE', cseq: 3 });
    const pending = client.sendRequest(invite);
    await flush();
    const { request, txn } = inbound[0]!;
    const ok = createResponse(request, 200, undefined, { toTag: 'ok' });
    txn.respond(ok);
    expect(txn.state).toBe('accepted');
    const response = await pending;
    const ack = testRequest({ method: 'ACK', cseq: 3, toTag: 'ok' });
    client.sendAck(ack);
    await flush();
    expect(inbound[1]?.request.method).toBe('ACK');
    expect(inbound[1]?.txn.kind).toBe('ack');
    expect(() => inbound[1]?.txn.respond(createResponse(inbound[1]!.request, 200))).toThrow(/never answered/);
    // RFC 6026: the server TU passes a 2xx retransmission through the `accepted` transaction.
    txn.respond(ok);
    await flush();
    const acks = a.sent.filter((m) => m.kind === 'request' && m.method === 'ACK');
    expect(acks).toHaveLength(2);
    expect(b.sent.filter((m) => m.kind === 'response')).toHaveLength(2);
    expect(response.status).toBe(200);
  });

  it('absorbs a retransmitted request and re-sends the last response', async () => {
    const { client, inbound, a, b } = pair();
    const request = testRequest({ method: 'INFO', branch: 'z9hG4bKretrans' });
    const pending = client.sendRequest(request);
    await flush();
    const { txn } = inbound[0]!;
    txn.respond(createResponse(inbound[0]!.request, 100));
    a.send(request);
    await flush();
    expect(inbound).toHaveLength(1);
    expect(b.sent.map((m) => (m.kind === 'response' ? m.status : 0))).toEqual([100, 100]);
    txn.respond(createResponse(inbound[0]!.request, 200));
    expect((await pending).status).toBe(200);
  });

  it('links a CANCEL to the INVITE server transaction it targets (§9.2)', async () => {
    const { client, inbound } = pair();
    const invite = testRequest({ method: 'INVITE', branch: 'z9hG4bKcancelme' });
    const pending = client.sendRequest(invite);
    await flush();
    const cancel = testRequest({ method: 'CANCEL', branch: 'z9hG4bKcancelme' });
    const cancelled = client.sendRequest(cancel);
    await flush();
    expect(inbound.map((i) => i.request.method)).toEqual(['INVITE', 'CANCEL']);
    const [inv, can] = inbound as [(typeof inbound)[0], (typeof inbound)[0]];
    expect(can.txn.cancels).toBe(inv.txn);
    can.txn.respond(createResponse(can.request, 200));
    inv.txn.respond(createResponse(inv.request, 487, undefined, { toTag: 'c' }));
    expect((await cancelled).status).toBe(200);
    expect((await pending).status).toBe(487);
  });

  it('reports responses that match no transaction as stray', async () => {
    const { b, strays } = pair();
    b.send(createResponse(testRequest({ method: 'INFO' }), 200));
    const noVia = createResponse(testRequest({ method: 'INFO' }), 200);
    noVia.headers.delete('via');
    b.send(noVia);
    await flush();
    expect(strays.map((s) => s.info.reason)).toEqual(['no-transaction', 'unmatchable']);
  });

  it('reports a provisional after the final as unexpected-in-state', async () => {
    const { client, inbound, b, strays } = pair();
    const pending = client.sendRequest(testRequest({ method: 'INVITE' }));
    await flush();
    const { request, txn } = inbound[0]!;
    txn.respond(createResponse(request, 200, undefined, { toTag: 'q' }));
    await pending;
    b.send(createResponse(request, 180, undefined, { toTag: 'q' }));
    await flush();
    expect(strays.map((s) => s.info.reason)).toEqual(['unexpected-in-state']);
  });

  it('rejects pending requests with FH_TRANSPORT_CLOSED when the channel closes', async () => {
    const { client, a } = pair();
    const pending = client.sendRequest(testRequest({ method: 'INFO' })).catch((e: unknown) => e);
    a.close();
    expect(((await pending) as FocusHarnessError).code).toBe('FH_TRANSPORT_CLOSED');
    await expect(client.sendRequest(testRequest({ method: 'INFO' }))).rejects.toMatchObject({ code: 'FH_TRANSPORT_CLOSED' });
  });

  it('never throws out of the channel callback, even when the TU handler throws', async () => {
    const { client, server, a } = pair();
    const errors: string[] = [];
    server.onError((e) => errors.push(e.code));
    server.onRequest(() => {
      throw new Error('TU bug');
    });
    void client.sendRequest(testRequest({ method: 'INFO' })).catch(() => undefined);
    const broken = testRequest({ method: 'INFO' });
    broken.headers.delete('cseq');
    a.send(broken);
    await flush();
    expect(errors.sort()).toEqual(['FH_INTERNAL', 'FH_SIP_PARSE']);
  });
});

describe('BENOTIFY (MS-SIP best-effort NOTIFY)', () => {
  it('gives an inbound BENOTIFY a transaction that never responds', async () => {
    const { client, inbound, b } = pair();
    client.sendBestEffort(testRequest({ method: 'BENOTIFY', extra: [['Event', 'conference']] }));
    await flush();
    const { request, txn } = inbound[0]!;
    expect(txn.kind).toBe('best-effort');
    expect(txn.respondedWith).toBeUndefined();
    let error: unknown;
    try {
      txn.respond(createResponse(request, 200));
    } catch (e) {
      error = e;
    }
    expect((error as FocusHarnessError).code).toBe('FH_USAGE');
    expect((error as Error).message).toMatch(/BENOTIFY.*never answered/);
    expect(b.sent).toHaveLength(0);
  });

  it('sends a BENOTIFY without waiting and flags a response to it as stray', async () => {
    const { client, b, a, strays, clock } = pair();
    const benotify = testRequest({ method: 'BENOTIFY', branch: null });
    expect(client.sendBestEffort(benotify)).toBeUndefined();
    expect(client.clientTransactionCount).toBe(0);
    await flush();
    const sent = a.sent[0] as SipRequest;
    expect(sent.headers.get('via')).toMatch(/branch=z9hG4bK/);
    b.send(createResponse(sent, 200));
    await flush();
    expect(strays.map((s) => s.info.reason)).toEqual(['response-to-best-effort']);
    clock.advance(64 * 500);
    b.send(createResponse(sent, 200));
    await flush();
    expect(strays.map((s) => s.info.reason)).toEqual(['response-to-best-effort', 'no-transaction']);
  });

  it('refuses BENOTIFY and ACK through sendRequest', async () => {
    const { client, a } = pair();
    await expect(client.sendRequest(testRequest({ method: 'BENOTIFY' }))).rejects.toThrow(/sendBestEffort/);
    await expect(client.sendRequest(testRequest({ method: 'ACK' }))).rejects.toThrow(/sendAck/);
    expect(a.sent).toHaveLength(0);
  });
});

describe('focus-harness:transaction:state', () => {
  it('publishes every state change of a transaction', async () => {
    const { transactionStateChannel } = await import('../../src/transaction/index.js');
    const seen: string[] = [];
    const listener = (message: unknown) => {
      const change = message as { kind: string; from: string; to: string; event: string; callId?: string };
      if (change.callId === 'diag-call') seen.push(`${change.kind}:${change.from}->${change.to}:${change.event}`);
    };
    transactionStateChannel.subscribe(listener);
    try {
      const { client, inbound } = pair();
      const pending = client.sendRequest(testRequest({ method: 'INFO', callId: 'diag-call' }));
      await flush();
      inbound[0]!.txn.respond(createResponse(inbound[0]!.request, 200));
      await pending;
    } finally {
      transactionStateChannel.unsubscribe(listener);
    }
    expect(seen).toEqual([
      'non-invite-client:trying->trying:start',
      'non-invite-server:trying->trying:start',
      'non-invite-server:trying->completed:tu-response',
      'non-invite-server:completed->terminated:timer J',
      'non-invite-client:trying->completed:response 200',
      'non-invite-client:completed->terminated:timer K',
    ]);
  });
});

describe('INVITE extras', () => {
  it('sends 100 Trying after 200 ms of TU silence when inviteTrying is on (§17.2.1)', async () => {
    const clock = new ManualClock();
    const [a, b] = createLinkedChannels();
    const client = new TransactionLayer(a, { clock });
    const server = new TransactionLayer(b, { clock, inviteTrying: true });
    const inbound: ServerTransaction[] = [];
    server.onRequest((_request, txn) => inbound.push(txn));
    const provisionals: number[] = [];
    const pending = client.sendRequest(testRequest({ method: 'INVITE' }), { onProvisional: (r) => provisionals.push(r.status) });
    void client.sendRequest(testRequest({ method: 'INVITE', callId: 'quick' }));
    await flush();
    const [slow, quick] = inbound as [ServerTransaction, ServerTransaction];
    quick.respond(createResponse(quick.request, 180, undefined, { toTag: 'q' }));
    clock.advance(199);
    expect(slow.responses).toHaveLength(0);
    clock.advance(1);
    expect(slow.responses.map((r) => r.status)).toEqual([100]);
    expect(quick.responses.map((r) => r.status)).toEqual([180]);
    await flush();
    expect(provisionals).toEqual([100]);
    slow.respond(createResponse(slow.request, 200, undefined, { toTag: 's' }));
    expect((await pending).status).toBe(200);
  });

  it('builds a CANCEL that matches the INVITE server transaction (§9.1)', async () => {
    const { createCancel } = await import('../../src/transaction/index.js');
    const { client, inbound } = pair();
    const invite = testRequest({ method: 'INVITE', cseq: 4, extra: [['Route', '<sip:p.contoso.com;lr>']] });
    const pending = client.sendRequest(invite);
    await flush();
    const cancel = createCancel(invite);
    expect(cancel.uri).toBe(invite.uri);
    expect(cancel.headers.get('cseq')).toBe('4 CANCEL');
    expect(cancel.headers.getAll('via')).toEqual(invite.headers.getAll('via'));
    expect(cancel.headers.get('route')).toBe('<sip:p.contoso.com;lr>');
    const cancelled = client.sendRequest(cancel);
    await flush();
    const can = inbound[1]!;
    expect(can.txn.cancels).toBe(inbound[0]!.txn);
    can.txn.respond(createResponse(can.request, 200));
    inbound[0]!.txn.respond(createResponse(inbound[0]!.request, 487, undefined, { toTag: 'z' }));
    expect((await cancelled).status).toBe(200);
    expect((await pending).status).toBe(487);
  });
});

describe('closing with open server transactions', () => {
  it('ends them quietly and refuses later responses', async () => {
    const { client, server, inbound, b } = pair();
    const errors: string[] = [];
    server.onError((e) => errors.push(e.code));
    void client.sendRequest(testRequest({ method: 'INFO' })).catch(() => undefined);
    await flush();
    const { request, txn } = inbound[0]!;
    b.close();
    expect(txn.state).toBe('terminated');
    expect(server.serverTransactionCount).toBe(0);
    expect(errors).toEqual([]);
    expect(() => txn.respond(createResponse(request, 200))).toThrow(/terminated/);
  });
});
