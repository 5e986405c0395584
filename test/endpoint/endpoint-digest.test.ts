/**
 * Digest retry against a small challenging registrar over real TLS on loopback (the Kamailio lab
 * path, brief §2 item 12): 401 for REGISTER, 407 for SERVICE, and a wrong password is not retried forever.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Endpoint } from '../../src/endpoint/index.js';
import { createResponse, getCSeq, type SipRequest } from '../../src/sip/index.js';
import { TransactionLayer } from '../../src/transaction/index.js';
import { listen, type SipListener } from '../../src/transport/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const PASSWORD = 'lab-secret';

function params(header: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/([\w-]+)=("([^"]*)"|[^,\s]*)/g)) map.set(m[1] ?? '', m[3] ?? m[2] ?? '');
  return map;
}

/** Checks a qop=auth Digest answer the way a proxy does (RFC 2617 §3.2.2). */
function valid(request: SipRequest, header: string | undefined, nonce: string): boolean {
  if (header === undefined) return false;
  const p = params(header);
  const ha1 = md5(`${p.get('username')}:lab:${PASSWORD}`);
  const ha2 = md5(`${request.method}:${p.get('uri')}`);
  return p.get('nonce') === nonce && p.get('response') === md5(`${ha1}:${nonce}:${p.get('nc')}:${p.get('cnonce')}:auth:${ha2}`);
}

let listener: SipListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

async function challengingServer(): Promise<{ port: number; ca: string; seen: string[] }> {
  const certs = await labCertificates();
  listener = await listen({ host: '127.0.0.1', port: 0, transport: 'tls', cert: certs.certPem, key: certs.keyPem });
  const seen: string[] = [];
  listener.onConnection((connection) => {
    const layer = new TransactionLayer(connection, {});
    layer.onRequest((request, txn) => {
      seen.push(`${request.method} ${request.headers.get('cseq')}`);
      const nonce = `n-${request.method}`;
      if (request.method === 'REGISTER') {
        if (!valid(request, request.headers.get('authorization'), nonce)) {
          txn.respond(createResponse(request, 401, 'Unauthorized', { toTag: 'srv', headers: [['WWW-Authenticate', `Digest realm="lab", nonce="${nonce}", qop="auth", algorithm=MD5`]] }));
          return;
        }
        const contact = `${request.headers.get('contact') ?? ''};expires=600;gruu="sip:alice@contoso.com;opaque=user:epid:AAA;gruu"`;
        txn.respond(createResponse(request, 200, 'OK', { toTag: 'srv', headers: [['Contact', contact], ['Expires', '600']] }));
        return;
      }
      if (!valid(request, request.headers.get('proxy-authorization'), nonce)) {
        txn.respond(createResponse(request, 407, 'Proxy Authentication Required', { toTag: 'srv', headers: [['Proxy-Authenticate', `Digest realm="lab", nonce="${nonce}", qop="auth"`]] }));
        return;
      }
      txn.respond(createResponse(request, 403, 'Forbidden', { toTag: 'srv' }));
    });
  });
  return { port: listener.address.port, ca: certs.caCertPem, seen };
}

describe('Endpoint Digest retry', { timeout: 20_000 }, () => {
  it('answers 401 and 407 challenges with CSeq + 1 and gets the GRUU', async () => {
    const { port, ca, seen } = await challengingServer();
    const alice = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', password: PASSWORD, server: { host: '127.0.0.1', port, transport: 'tls', ca, servername: 'localhost' } });
    try {
      await alice.connect();
      const response = await alice.register();
      expect(response.status).toBe(200);
      expect(alice.gruu).toBe('sip:alice@contoso.com;opaque=user:epid:AAA;gruu');
      await expect(alice.createConference()).rejects.toMatchObject({ code: 'FH_C3P' });
      expect(seen).toEqual(['REGISTER 1 REGISTER', 'REGISTER 2 REGISTER', 'SERVICE 1 SERVICE', 'SERVICE 2 SERVICE']);
      const again = await alice.register({ expires: 0 });
      expect(getCSeq(again).seq).toBeGreaterThanOrEqual(3);
    } finally {
      await alice.close();
    }
  });

  it('returns the 401 without a password, and reports refused credentials as FH_AUTH after one answer', async () => {
    const { port, ca, seen } = await challengingServer();
    const server = { host: '127.0.0.1', port, transport: 'tls' as const, ca, servername: 'localhost' };
    const anonymous = new Endpoint({ role: 'bob', aor: 'sip:bob@contoso.com', server });
    const wrong = new Endpoint({ role: 'carol', aor: 'sip:carol@contoso.com', password: 'nope', server });
    try {
      await anonymous.connect();
      expect((await anonymous.register()).status).toBe(401);
      await wrong.connect();
      await expect(wrong.register()).rejects.toMatchObject({ code: 'FH_AUTH' });
      expect(seen).toEqual(['REGISTER 1 REGISTER', 'REGISTER 1 REGISTER', 'REGISTER 2 REGISTER']);
    } finally {
      await anonymous.close();
      await wrong.close();
    }
  });
});
