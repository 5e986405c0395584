import { describe, expect, it } from 'vitest';
import {
  DigestClient,
  computeDigestResponse,
  parseDigestAuthorization,
  type DigestAuthorization,
} from '../../src/auth/index.js';
import { createRequest, createResponse, getCSeq, type SipRequest, type SipResponse } from '../../src/sip/index.js';

function register(cseq = 1): SipRequest {
  return createRequest({
    method: 'REGISTER',
    uri: 'sip:localhost',
    headers: [
      ['Via', 'SIP/2.0/TLS 127.0.0.1:50000;branch=z9hG4bKfirst;alias'],
      ['From', '<sip:alice@localhost>;tag=a1'],
      ['To', '<sip:alice@localhost>'],
      ['Call-ID', 'reg-1'],
      ['CSeq', `${cseq} REGISTER`],
      ['Contact', '<sip:127.0.0.1:50000;transport=tls>'],
      ['Content-Length', '0'],
    ],
  });
}

function challenge(request: SipRequest, status: 401 | 407, ...lines: string[]): SipResponse {
  const name = status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
  return createResponse(request, status, undefined, { toTag: 't', headers: lines.map((l) => [name, l] as const) });
}

function authOf(request: SipRequest, name = 'Authorization'): DigestAuthorization {
  const line = request.headers.get(name);
  const auth = line === undefined ? undefined : parseDigestAuthorization(line);
  if (!auth) throw new Error(`no ${name}`);
  return auth;
}

let cnonces = 0;
const client = (): DigestClient =>
  new DigestClient({ username: 'alice', password: 'alice-secret' }, { cnonce: () => `cn${++cnonces}` });

describe('DigestClient', () => {
  it('answers a 401 with Authorization, CSeq + 1, a fresh branch and a correct MD5 digest', () => {
    const c = client();
    const first = register();
    const retry = c.retry(first, challenge(first, 401, 'Digest realm="localhost", nonce="abc", qop="auth"'));
    expect(getCSeq(retry).seq).toBe(2);
    expect(retry.headers.get('via')).toBe('SIP/2.0/TLS 127.0.0.1:50000;alias');
    expect([...retry.headers].map((f) => f.key).indexOf('authorization'))
      .toBeLessThan([...retry.headers].map((f) => f.key).indexOf('content-length'));
    const auth = authOf(retry);
    expect(auth).toMatchObject({ username: 'alice', realm: 'localhost', nonce: 'abc', uri: 'sip:localhost', qop: 'auth', nc: 1 });
    expect(auth.response).toBe(computeDigestResponse({
      algorithm: 'MD5', username: 'alice', realm: 'localhost', password: 'alice-secret', nonce: 'abc',
      method: 'REGISTER', uri: 'sip:localhost', qop: 'auth', nc: 1, cnonce: auth.cnonce ?? '',
    }));
  });

  it('answers a 407 with Proxy-Authorization and keeps it next to a later Authorization', () => {
    const c = client();
    const invite = createRequest({ method: 'INVITE', uri: 'sip:focus@localhost', headers: [['CSeq', '1 INVITE'], ['Via', 'SIP/2.0/TLS h;branch=z9hG4bKx']] });
    const r1 = c.retry(invite, challenge(invite, 407, 'Digest realm="proxy", nonce="p1", qop="auth"'));
    expect(authOf(r1, 'Proxy-Authorization').realm).toBe('proxy');
    expect(r1.headers.get('authorization')).toBeUndefined();
    const r2 = c.retry(r1, challenge(r1, 401, 'Digest realm="focus", nonce="f1", qop="auth"'));
    expect(authOf(r2, 'Proxy-Authorization')).toMatchObject({ nonce: 'p1', nc: 2 });
    expect(authOf(r2, 'Authorization')).toMatchObject({ nonce: 'f1', nc: 1 });
    expect(getCSeq(r2).seq).toBe(3);
  });

  it('reuses the nonce with a rising nc on later requests', () => {
    const c = client();
    const first = register();
    c.retry(first, challenge(first, 401, 'Digest realm="localhost", nonce="abc", qop="auth"'));
    const next = c.authorizeRequest(register(3));
    const again = c.authorizeRequest(register(4));
    expect(authOf(next)).toMatchObject({ nonce: 'abc', nc: 2 });
    expect(authOf(again)).toMatchObject({ nonce: 'abc', nc: 3 });
    expect(authOf(next).cnonce).not.toBe(authOf(again).cnonce);
  });

  it('answers stale=true again, with the new nonce and nc restarting at 1', () => {
    const c = client();
    const first = register();
    const r1 = c.retry(first, challenge(first, 401, 'Digest realm="localhost", nonce="old", qop="auth"'));
    const r2 = c.retry(r1, challenge(r1, 401, 'Digest realm="localhost", nonce="new", qop="auth", stale=true'));
    expect(authOf(r2)).toMatchObject({ nonce: 'new', nc: 1 });
  });

  it('a refused password is an FH_AUTH error naming the user and the realm, with no second retry', () => {
    const c = client();
    const first = register();
    const r1 = c.retry(first, challenge(first, 401, 'Digest realm="localhost", nonce="n1", qop="auth"'));
    const refusal = challenge(r1, 401, 'Digest realm="localhost", nonce="n2", qop="auth"');
    expect(() => c.retry(r1, refusal)).toThrow(
      expect.objectContaining({ code: 'FH_AUTH', message: expect.stringMatching(/user "alice".*realm "localhost"/) }),
    );
  });

  it('a reused nonce that the server no longer takes gets one fresh answer, then the refusal is reported', () => {
    const c = client();
    const first = register();
    c.retry(first, challenge(first, 401, 'Digest realm="localhost", nonce="n1", qop="auth"'));
    const reused = c.authorizeRequest(register(3));
    expect(authOf(reused).nc).toBe(2);
    const fresh = c.retry(reused, challenge(reused, 401, 'Digest realm="localhost", nonce="n2", qop="auth"'));
    expect(authOf(fresh)).toMatchObject({ nonce: 'n2', nc: 1 });
    expect(() => c.retry(fresh, challenge(fresh, 401, 'Digest realm="localhost", nonce="n3", qop="auth"'))).toThrow(/refused/);
  });

  it('prefers SHA-256 when both are offered, and reports a response with no Digest challenge', () => {
    const c = client();
    const first = register();
    const r1 = c.retry(first, challenge(first, 401,
      'NTLM realm="SIP Communications Service"',
      'Digest realm="localhost", nonce="x", qop="auth", algorithm=MD5',
      'Digest realm="localhost", nonce="x", qop="auth", algorithm=SHA-256'));
    expect(authOf(r1).algorithm).toBe('SHA-256');
    expect(() => client().retry(first, challenge(first, 401, 'NTLM realm="SIP Communications Service"')))
      .toThrow(expect.objectContaining({ code: 'FH_AUTH', message: expect.stringContaining('NTLM') }));
  });

  it('keeps to a configured realm and writes userhash usernames when asked', () => {
    const scoped = new DigestClient({ username: 'alice', password: 'pw', realm: 'lab' });
    const first = register();
    expect(() => scoped.retry(first, challenge(first, 401, 'Digest realm="other", nonce="x"'))).toThrow(/realm "lab"/);
    const hashed = client().retry(first, challenge(first, 401, 'Digest realm="localhost", nonce="x", qop="auth", algorithm=SHA-256, userhash=true'));
    const auth = authOf(hashed);
    expect(auth.userhash).toBe(true);
    expect(auth.username).toMatch(/^[0-9a-f]{64}$/);
  });
});
