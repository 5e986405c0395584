import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from '../../src/endpoint/digest-auth.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('Digest (RFC 2617 / 7616)', () => {
  it('reproduces the RFC 2617 §3.5 example response', () => {
    const challenge = parseDigestChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    expect(challenge).toEqual({
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      algorithm: 'MD5',
      qop: ['auth', 'auth-int'],
      stale: false,
    });
    const line = digestAuthorization({
      method: 'GET',
      uri: '/dir/index.html',
      challenge: challenge!,
      credentials: { username: 'Mufasa', password: 'Circle Of Life' },
      cnonce: '0a4f113b',
    });
    expect(line).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(line).toContain('qop=auth, nc=00000001');
    expect(line).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('answers a qop-less challenge the RFC 2069 way and supports SHA-256', () => {
    const legacy = parseDigestChallenge('Digest realm="contoso.com", nonce="abc"')!;
    const line = digestAuthorization({ method: 'REGISTER', uri: 'sip:contoso.com', challenge: legacy, credentials: { username: 'alice', password: 'pw' } });
    expect(line).toContain(`response="${md5(`${md5('alice:contoso.com:pw')}:abc:${md5('REGISTER:sip:contoso.com')}`)}"`);
    expect(line).not.toContain('qop=');
    const sha = parseDigestChallenge('Digest realm="r", nonce="n", algorithm=SHA-256, qop="auth"')!;
    const shaLine = digestAuthorization({ method: 'INVITE', uri: 'sip:x', challenge: sha, credentials: { username: 'u', password: 'p' }, cnonce: 'c' });
    const h = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(shaLine).toContain(`response="${h(`${h('u:r:p')}:n:00000001:c:auth:${h('INVITE:sip:x')}`)}"`);
  });

  it('rejects other schemes and unknown algorithms', () => {
    expect(parseDigestChallenge('NTLM realm="SIP Communications Service", targetname="fe", version=4')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="r", nonce="n", algorithm=MD4')).toBeUndefined();
    expect(parseDigestChallenge('Digest nonce="n"')).toBeUndefined();
  });
});
