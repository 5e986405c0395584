import { describe, expect, it } from 'vitest';
import {
  formatSipaeAuthenticationInfo,
  formatSipaeChallenge,
  formatSipaeCredentials,
  isSipaeLine,
  parseSipaeParams,
} from '../../../src/auth/sipae/index.js';

describe('MS-SIPAE auth header parameters', () => {
  it('first challenge: parse and format round trip', () => {
    const line = 'NTLM realm="SIP Communications Service", targetname="server.contoso.com", version=3';
    const params = parseSipaeParams(line);
    expect(params).toEqual({ scheme: 'NTLM', realm: 'SIP Communications Service', targetname: 'server.contoso.com', version: 3 });
    expect(formatSipaeChallenge(params)).toBe(line);
  });

  it('second challenge with opaque and gssapi-data', () => {
    const line = 'NTLM opaque="2BDBAC9D", gssapi-data="TlRMTVNTUAACAAAA", realm="SIP Communications Service", targetname="fe.lab", version=4';
    const params = parseSipaeParams(line);
    expect(params).toMatchObject({ opaque: '2BDBAC9D', gssapiData: 'TlRMTVNTUAACAAAA', version: 4 });
    expect(formatSipaeChallenge(params)).toBe(line);
  });

  it('signed credentials as Office Communicator writes them', () => {
    const line = 'NTLM qop="auth", realm="SIP Communications Service", opaque="2BDBAC9D", targetname="cosmo-ocs-r2.cosmo.local", '
      + 'version=4, gssapi-data="", crand="13317733", cnum="1", response="0100000029618e9651b65a7764000000"';
    const params = parseSipaeParams(line);
    expect(params).toEqual({
      scheme: 'NTLM',
      qop: 'auth',
      realm: 'SIP Communications Service',
      opaque: '2BDBAC9D',
      targetname: 'cosmo-ocs-r2.cosmo.local',
      version: 4,
      gssapiData: '',
      crand: '13317733',
      cnum: '1',
      response: '0100000029618e9651b65a7764000000',
    });
    expect(formatSipaeCredentials(params)).toBe(line);
  });

  it('Authentication-Info of a server', () => {
    const line = 'NTLM rspauth="01000000E615438A917661BE64000000", srand="9616454F", snum="1", opaque="2BDBAC9D", qop="auth", '
      + 'targetname="cosmo-ocs-r2.cosmo.local", realm="SIP Communications Service"';
    const params = parseSipaeParams(line);
    expect(params).toMatchObject({ rspauth: '01000000E615438A917661BE64000000', srand: '9616454F', snum: '1' });
    expect(formatSipaeAuthenticationInfo(params)).toBe(line);
  });

  it('tells MS-SIPAE lines from Digest and refuses other schemes or a bad version', () => {
    expect(isSipaeLine('NTLM realm="x"')).toBe(true);
    expect(isSipaeLine('Kerberos realm="x"')).toBe(true);
    expect(isSipaeLine('TLS-DSK realm="x"')).toBe(true);
    expect(isSipaeLine('Digest realm="x", nonce="y"')).toBe(false);
    expect(() => parseSipaeParams('Digest realm="x"')).toThrow(/Not an MS-SIPAE scheme/);
    expect(() => parseSipaeParams('NTLM version=four')).toThrow(/version/);
    expect(() => parseSipaeParams('NTLM realm="x')).toThrow(/unterminated/);
  });
});
