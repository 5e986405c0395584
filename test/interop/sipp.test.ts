/**
 * SIPp as a peer (issue 7): an independently written SIP implementation talks to the harness's
 * transport, transaction and dialog layers over TCP on loopback — SIPp as UAS with the harness as
 * UAC, then SIPp as UAC with the harness as UAS: REGISTER, INVITE/ACK/BYE and an out-of-dialog
 * NOTIFY. SIPp's exit code (0 = every call went as its scenario says) is one verdict; what the
 * harness saw is the other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Dialog } from '../../src/dialog/index.js';
import { createRequest, createResponse, getCSeq, newCallId, newTag, type SipRequest } from '../../src/sip/index.js';
import { TransactionLayer } from '../../src/transaction/index.js';
import { connect, listen, type SipConnection, type SipListener } from '../../src/transport/index.js';
import { describeWithTools } from './helpers/find-binary.js';
import { freePorts } from './helpers/free-port.js';
import { startSipp } from './helpers/sipp.js';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** SIPp opens its TCP listener a moment after it starts: retry the connect while it refuses. */
async function connectWhenListening(port: number): Promise<SipConnection> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await connect({ host: '127.0.0.1', port, transport: 'tcp', connectTimeoutMs: 2000 });
    } catch (error) {
      if (attempt >= 100) throw error;
      await delay(100);
    }
  }
}

function outOfDialog(connection: SipConnection, method: string, uri: string, extra: [string, string][] = [], body = ''): SipRequest {
  const local = `${connection.local.address}:${connection.local.port}`;
  return createRequest({
    method,
    uri,
    headers: [
      // The transaction layer writes the branch.
      ['Via', `SIP/2.0/TCP ${local}`],
      ['Max-Forwards', '70'],
      ['From', `<sip:harness@localhost>;tag=${newTag()}`],
      ['To', method === 'REGISTER' ? '<sip:harness@localhost>' : '<sip:sipp@localhost>'],
      ['Call-ID', newCallId()],
      ['CSeq', `1 ${method}`],
      ['Contact', `<sip:harness@${local};transport=tcp>`],
      ...extra,
    ],
    body,
  });
}

describeWithTools('SIPp as a peer over TCP', ['sipp'], ({ sipp }) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'focus-harness-sipp-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('harness UAC → SIPp UAS: REGISTER, INVITE/100/200/ACK/BYE, out-of-dialog NOTIFY', async () => {
    const [regPort = 0, callPort = 0, notifyPort = 0] = await freePorts(3);
    const register = startSipp(sipp as string, 'uas-register.xml', regPort, dir);
    const call = startSipp(sipp as string, 'uas-call.xml', callPort, dir);
    const notify = startSipp(sipp as string, 'uas-notify.xml', notifyPort, dir);
    const connections: SipConnection[] = [];
    try {
      // REGISTER (RFC 3261 §10.2).
      const c1 = await connectWhenListening(regPort);
      connections.push(c1);
      const regLayer = new TransactionLayer(c1);
      const reg = await regLayer.sendRequest(outOfDialog(c1, 'REGISTER', `sip:127.0.0.1:${regPort};transport=tcp`, [['Expires', '300']]));
      expect(reg.status).toBe(200);
      expect(reg.headers.get('contact')).toMatch(/expires=300/);

      // INVITE dialog (§13, §15): the 100 is seen, the 2xx makes a dialog, ACK and BYE use it.
      const c2 = await connectWhenListening(callPort);
      connections.push(c2);
      const callLayer = new TransactionLayer(c2);
      const invite = outOfDialog(c2, 'INVITE', `sip:sipp@127.0.0.1:${callPort};transport=tcp`);
      const provisional: number[] = [];
      const ok = await callLayer.sendRequest(invite, { onProvisional: (r) => provisional.push(r.status) });
      expect(provisional).toContain(100);
      expect(ok.status).toBe(200);
      const dialog = Dialog.asUac(invite, ok);
      expect(dialog.remoteTarget).toContain(`127.0.0.1:${callPort}`);
      callLayer.sendAck(dialog.createAck(getCSeq(invite).seq));
      const bye = await callLayer.sendRequest(dialog.createRequest('BYE'));
      expect(bye.status).toBe(200);

      // An out-of-dialog NOTIFY (RFC 6665 §4.1.3 unsolicited, RFC 3842 message-summary).
      const c3 = await connectWhenListening(notifyPort);
      connections.push(c3);
      const notifyLayer = new TransactionLayer(c3);
      const summary = 'Messages-Waiting: yes\r\nVoice-Message: 2/8 (0/2)\r\n';
      const ntf = await notifyLayer.sendRequest(outOfDialog(c3, 'NOTIFY', `sip:sipp@127.0.0.1:${notifyPort};transport=tcp`, [
        ['Event', 'message-summary'],
        ['Subscription-State', 'active'],
        ['Content-Type', 'application/simple-message-summary'],
      ], summary));
      expect(ntf.status).toBe(200);

      await Promise.all([register.succeeded(), call.succeeded(), notify.succeeded()]);
    } finally {
      for (const c of connections) c.close();
      await Promise.all([register, call, notify].map((s) => s.handle.stop('SIGTERM', 2000)));
    }
  }, 60_000);

  it('SIPp UAC → harness UAS: REGISTER, INVITE/200/ACK/BYE, out-of-dialog NOTIFY', async () => {
    const listener: SipListener = await listen({ host: '127.0.0.1', port: 0, transport: 'tcp' });
    const seen: string[] = [];
    const dialogs = new Map<string, Dialog>();
    const problems: string[] = [];
    listener.onConnection((connection) => {
      const layer = new TransactionLayer(connection);
      layer.onRequest((request, txn) => {
        seen.push(request.method);
        const callId = request.headers.get('call-id') ?? '';
        switch (request.method) {
          case 'REGISTER':
            txn.respond(createResponse(request, 200, undefined, {
              toTag: newTag(),
              headers: [['Contact', `${request.headers.get('contact') ?? ''};expires=300`]],
            }));
            return;
          case 'INVITE': {
            const local = `${connection.local.address}:${connection.local.port}`;
            const response = createResponse(request, 200, undefined, {
              toTag: newTag(),
              headers: [['Contact', `<sip:harness@${local};transport=tcp>`]],
            });
            dialogs.set(callId, Dialog.asUas(request, response));
            txn.respond(response);
            return;
          }
          case 'ACK':
          case 'BYE': {
            const dialog = dialogs.get(callId);
            const verdict = dialog?.receiveRequest(request);
            if (!verdict?.ok) problems.push(`${request.method} did not match the INVITE dialog: ${verdict?.detail ?? 'no dialog'}`);
            if (request.method === 'BYE') txn.respond(createResponse(request, verdict?.ok ? 200 : 481));
            return;
          }
          case 'NOTIFY':
            if (request.headers.get('event') !== 'message-summary' || !request.body.toString().includes('Messages-Waiting: yes')) {
              problems.push('NOTIFY lost its Event or body');
            }
            txn.respond(createResponse(request, 200, undefined, { toTag: newTag() }));
            return;
          default:
            txn.respond(createResponse(request, 501));
        }
      });
    });
    const harness = `127.0.0.1:${listener.address.port}`;
    try {
      const [p1 = 0, p2 = 0, p3 = 0] = await freePorts(3);
      await startSipp(sipp as string, 'uac-register.xml', p1, dir, harness).succeeded();
      await startSipp(sipp as string, 'uac-call.xml', p2, dir, harness).succeeded();
      await startSipp(sipp as string, 'uac-notify.xml', p3, dir, harness).succeeded();
      expect(seen).toEqual(['REGISTER', 'INVITE', 'ACK', 'BYE', 'NOTIFY']);
      expect(problems).toEqual([]);
    } finally {
      await listener.close();
    }
  }, 60_000);
});
