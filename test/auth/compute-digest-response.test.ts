import { describe, expect, it } from 'vitest';
import {
  computeDigestResponse,
  formatDigestAuthorization,
  parseDigestAuthorization,
  parseDigestChallenge,
  verifyDigest,
} from '../../src/auth/index.js';

describe('computeDigestResponse: published example vectors', () => {
  it('RFC 2617 §3.5 (MD5, qop=auth)', () => {
    const challenge = parseDigestChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    expect(challenge).toMatchObject({ realm: 'testrealm@host.com', algorithm: 'MD5', qop: ['auth', 'auth-int'], stale: false });
    const response = computeDigestResponse({
      algorithm: 'MD5',
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      password: 'Circle Of Life',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      method: 'GET',
      uri: '/dir/index.html',
      qop: 'auth',
      nc: 1,
      cnonce: '0a4f113b',
    });
    expect(response).toBe('6629fae49393a05397450978507c4ef1');
  });

  const rfc7616 = {
    username: 'Mufasa',
    realm: 'http-auth@example.org',
    password: 'Circle of Life',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    method: 'GET',
    uri: '/dir/index.html',
    qop: 'auth' as const,
    nc: 1,
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  };

  it('RFC 7616 §3.9.1 (MD5)', () => {
    expect(computeDigestResponse({ ...rfc7616, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('RFC 7616 §3.9.1 (SHA-256)', () => {
    expect(computeDigestResponse({ ...rfc7616, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('the RFC 7616 credentials line round-trips and verifies; a changed method does not', () => {
    const line = formatDigestAuthorization({
      ...rfc7616,
      algorithm: 'SHA-256',
      response: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    });
    expect(line).toContain('nc=00000001');
    expect(line).toContain('qop=auth,');
    const parsed = parseDigestAuthorization(line);
    expect(parsed).toMatchObject({ username: 'Mufasa', nc: 1, qop: 'auth', algorithm: 'SHA-256' });
    if (!parsed) throw new Error('unparsed');
    expect(verifyDigest(parsed, { method: 'GET', username: 'Mufasa', password: 'Circle of Life' })).toBe(true);
    expect(verifyDigest(parsed, { method: 'POST', username: 'Mufasa', password: 'Circle of Life' })).toBe(false);
    expect(verifyDigest(parsed, { method: 'GET', username: 'Mufasa', password: 'Circle Of Life' })).toBe(false);
  });

  it('RFC 2069 form without qop and the -sess and auth-int variants differ from plain MD5', () => {
    const base = { ...rfc7616, algorithm: 'MD5' as const };
    const noQop = { algorithm: base.algorithm, username: base.username, realm: base.realm, password: base.password, nonce: base.nonce, method: base.method, uri: base.uri };
    const plain = computeDigestResponse(noQop);
    expect(plain).toMatch(/^[0-9a-f]{32}$/);
    // RFC 2069: H(HA1:nonce:HA2) differs from the qop=auth digest of the same inputs.
    expect(plain).not.toBe(computeDigestResponse(base));
    expect(computeDigestResponse({ ...base, algorithm: 'MD5-sess' })).not.toBe(computeDigestResponse(base));
    const int1 = computeDigestResponse({ ...base, qop: 'auth-int', body: Buffer.from('a') });
    const int2 = computeDigestResponse({ ...base, qop: 'auth-int', body: Buffer.from('b') });
    expect(int1).not.toBe(int2);
  });
});

describe('challenge parsing', () => {
  it('reads Kamailio-style challenges, stale and SHA-256, and skips other schemes', () => {
    expect(parseDigestChallenge('Digest realm="localhost", nonce="Z2x1Y2s=", qop="auth", stale=true, algorithm=SHA-256'))
      .toMatchObject({ realm: 'localhost', nonce: 'Z2x1Y2s=', qop: ['auth'], stale: true, algorithm: 'SHA-256' });
    expect(parseDigestChallenge('NTLM realm="SIP Communications Service", targetname="fe.example"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA-512-256')).toBeUndefined();
    expect(parseDigestChallenge('Digest nonce="n"')).toBeUndefined();
  });

  it('rejects malformed parameter lists with FH_AUTH', () => {
    expect(() => parseDigestChallenge('Digest realm="unterminated')).toThrow(expect.objectContaining({ code: 'FH_AUTH' }));
    expect(() => parseDigestAuthorization('Digest username="a", realm="r", nonce="n", uri="u", response="x", nc=1'))
      .toThrow(/malformed nc/);
  });
});
