/**
 * The endpoint's MS-SIPAE NTLM client against a small front end over real TLS on loopback (the
 * server side is SipaeServerSession in front of a transaction layer): server signatures are
 * verified on every message, and a message whose rspauth does not verify is dropped and reported
 * as FH_AUTH instead of being acted on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SipaeServerSession } from '../../src/auth/index.js';
import { Endpoint } from '../../src/endpoint/index.js';
import { createResponse, type SipMessage } from '../../src/sip/index.js';
import { TransactionLayer } from '../../src/transaction/index.js';
import { listen, type SipListener } from '../../src/transport/index.js';
import { systemClock } from '../../src/util/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

let listener: SipListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

/** A registrar that speaks MS-SIPAE NTLM; `corrupt` flips one hex digit of every rspauth it sends. */
async function frontEnd(options: { corrupt: boolean }): Promise<{ port: number; ca: string; seen: string[] }> {
  const certs = await labCertificates();
  listener = await listen({ host: '127.0.0.1', port: 0, transport: 'tls', cert: certs.certPem, key: certs.keyPem });
  const seen: string[] = [];
  listener.onConnection((connection) => {
    const session = new SipaeServerSession({
      targetname: 'fe.lab.test',
      netbiosDomain: 'LAB',
      netbiosComputer: 'FE',
      clock: systemClock,
      passwordOf: (user) => (user === 'alice' ? 'alice-pw' : undefined),
    });
    const send = (message: SipMessage): void => {
      session.outbound(message);
      const info = message.headers.get('Authentication-Info');
      if (options.corrupt && info !== undefined) {
        message.headers.set('Authentication-Info', info.replace(/rspauth="01000000(.)/, (_m, c: string) => `rspauth="01000000${c === '0' ? '1' : '0'}`));
      }
      void connection.send(message);
    };
    const layer = new TransactionLayer({
      send,
      onMessage: (cb) => connection.onMessage((message) => {
        const verdict = session.inbound(message);
        if (verdict.kind === 'pass') cb(message);
        else if (verdict.kind === 'answer') send(verdict.response);
      }),
    });
    layer.onRequest((request, txn) => {
      seen.push(`${request.method} ${request.headers.get('cseq')} ${session.user ?? '-'}`);
      if (request.method === 'REGISTER') {
        const contact = `${request.headers.get('contact') ?? ''};expires=600;gruu="sip:alice@contoso.com;opaque=user:epid:AAA;gruu"`;
        txn.respond(createResponse(request, 200, 'OK', { toTag: 'srv', headers: [['Contact', contact], ['Expires', '600']] }));
        return;
      }
      txn.respond(createResponse(request, 403, 'Forbidden', { toTag: 'srv' }));
    });
  });
  return { port: listener.address.port, ca: certs.caCertPem, seen };
}

describe('Endpoint with authScheme ntlm', { timeout: 30_000 }, () => {
  it('registers through the handshake and keeps verifying the server signatures', async () => {
    const { port, ca, seen } = await frontEnd({ corrupt: false });
    const alice = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', password: 'alice-pw', authScheme: 'ntlm', server: { host: '127.0.0.1', port, transport: 'tls', ca, servername: 'localhost' } });
    try {
      await alice.connect();
      expect((await alice.register()).status).toBe(200);
      expect(alice.gruu).toBe('sip:alice@contoso.com;opaque=user:epid:AAA;gruu');
      // A signed SERVICE, a signed 403 back (verified, so it reaches the caller).
      await expect(alice.createConference()).rejects.toMatchObject({ code: 'FH_C3P', message: expect.stringMatching(/SIP 403/) });
      expect(seen).toEqual(['REGISTER 3 REGISTER alice', 'SERVICE 1 SERVICE alice']);
      expect(alice.authFailures).toEqual([]);
    } finally {
      await alice.close();
    }
  });

  it('drops a 200 OK whose rspauth does not verify and reports FH_AUTH', async () => {
    const { port, ca } = await frontEnd({ corrupt: true });
    const alice = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', password: 'alice-pw', authScheme: 'ntlm', t1: 20, server: { host: '127.0.0.1', port, transport: 'tls', ca, servername: 'localhost' } });
    try {
      await alice.connect();
      await expect(alice.register()).rejects.toMatchObject({
        code: 'FH_AUTH',
        message: expect.stringMatching(/REGISTER got no acceptable answer: dropped for MS-SIPAE signature — alice: 200 OK to REGISTER: rspauth 01000000\S+ \(snum 1\) does not verify/),
      });
      expect(alice.gruu).toBeUndefined();
      expect(alice.authFailures).toHaveLength(1);
    } finally {
      await alice.close();
    }
  });
});
