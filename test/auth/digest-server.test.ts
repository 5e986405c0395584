import { describe, expect, it } from 'vitest';
import { DigestClient, DigestServer, parseDigestUsers } from '../../src/auth/index.js';
import { createRequest, type SipRequest } from '../../src/sip/index.js';
import { ManualClock } from '../../src/util/index.js';

function request(method = 'REGISTER', uri = 'sip:localhost', cseq = 1): SipRequest {
  return createRequest({
    method,
    uri,
    headers: [
      ['Via', 'SIP/2.0/TLS 127.0.0.1:5;branch=z9hG4bKa'],
      ['From', '<sip:alice@localhost>;tag=1'],
      ['To', '<sip:alice@localhost>'],
      ['Call-ID', 'c'],
      ['CSeq', `${cseq} ${method}`],
    ],
  });
}

function lab(clock = new ManualClock(1_000_000)): DigestServer {
  return new DigestServer({ realm: 'lab', users: { alice: 'alice-secret', bob: 'bob-secret' }, clock, nonceLifetimeMs: 60_000 });
}

describe('DigestServer with DigestClient', () => {
  it('challenges, then accepts the answer; SHA-256 is offered first and chosen', () => {
    const server = lab();
    const first = request();
    expect(server.verify(first)).toMatchObject({ ok: false, reason: 'missing' });
    const challenge = server.challenge(first, { toTag: 'x' });
    expect(challenge.status).toBe(401);
    expect(challenge.headers.getAll('www-authenticate')).toHaveLength(2);
    const retry = new DigestClient({ username: 'alice', password: 'alice-secret' }).retry(first, challenge);
    expect(retry.headers.get('authorization')).toContain('algorithm=SHA-256');
    expect(server.verify(retry)).toEqual({ ok: true, username: 'alice', realm: 'lab' });
  });

  it('407 for proxies; refuses a wrong password, an unknown user and a forged nonce', () => {
    const server = lab();
    const first = request('INVITE', 'sip:focus@lab');
    const challenge = server.challenge(first, { proxy: true });
    expect(challenge.status).toBe(407);
    const good = new DigestClient({ username: 'bob', password: 'bob-secret' }).retry(first, challenge);
    expect(server.verify(good, { proxy: true }).ok).toBe(true);
    const wrong = new DigestClient({ username: 'bob', password: 'nope' }).retry(first, challenge);
    expect(server.verify(wrong, { proxy: true })).toMatchObject({ ok: false, reason: 'bad-response', detail: expect.stringContaining('"bob"') });
    const stranger = new DigestClient({ username: 'mallory', password: 'x' }).retry(first, challenge);
    expect(server.verify(stranger, { proxy: true })).toMatchObject({ reason: 'unknown-user' });
    const forged = good.headers.get('proxy-authorization')?.replace(/nonce="([^"]*)"/, 'nonce="$1x"') ?? '';
    good.headers.set('Proxy-Authorization', forged);
    expect(server.verify(good, { proxy: true })).toMatchObject({ reason: 'bad-nonce' });
  });

  it('accepts nonce reuse with a rising nc and refuses a replayed nc', () => {
    const server = lab();
    const client = new DigestClient({ username: 'alice', password: 'alice-secret' });
    const first = request();
    const r1 = client.retry(first, server.challenge(first));
    expect(server.verify(r1).ok).toBe(true);
    const r2 = client.authorizeRequest(request('REGISTER', 'sip:localhost', 3));
    expect(server.verify(r2).ok).toBe(true);
    expect(server.verify(r2)).toMatchObject({ ok: false, reason: 'nc-replay' });
  });

  it('an expired nonce with the right password is stale, and the client answers the stale challenge', () => {
    const clock = new ManualClock(1_000_000);
    const server = lab(clock);
    const client = new DigestClient({ username: 'alice', password: 'alice-secret' });
    const first = request();
    expect(server.verify(client.retry(first, server.challenge(first))).ok).toBe(true);
    clock.advance(61_000);
    const late = client.authorizeRequest(request('REGISTER', 'sip:localhost', 3));
    const verdict = server.verify(late);
    expect(verdict).toMatchObject({ ok: false, reason: 'stale-nonce', stale: true });
    const again = client.retry(late, server.challenge(late, { stale: true }));
    expect(server.verify(again).ok).toBe(true);
  });

  it('refuses credentials computed for another Request-URI', () => {
    const server = lab();
    const first = request();
    const retry = new DigestClient({ username: 'alice', password: 'alice-secret' }).retry(first, server.challenge(first));
    retry.uri = 'sip:elsewhere';
    expect(server.verify(retry)).toMatchObject({ reason: 'uri-mismatch' });
  });
});

describe('parseDigestUsers', () => {
  it('reads username:password lines and feeds a DigestServer', () => {
    const users = parseDigestUsers('# lab users\nalice:alice-secret\n\n bob : b:with:colons \n');
    expect([...users]).toEqual([['alice', 'alice-secret'], ['bob', 'b:with:colons']]);
    const server = new DigestServer({ realm: 'lab', users });
    const first = request();
    const retry = new DigestClient({ username: 'alice', password: 'alice-secret' }).retry(first, server.challenge(first));
    expect(server.verify(retry).ok).toBe(true);
  });

  it('names the file and line of a bad or repeated entry', () => {
    expect(() => parseDigestUsers('alice:x\nbob\n', 'users.txt')).toThrow(/users\.txt:2: expected username:password/);
    expect(() => parseDigestUsers('alice:x\nalice:y\n', 'users.txt')).toThrow(/users\.txt:2: user "alice" is listed twice/);
  });
});
