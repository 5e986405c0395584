import { describe, expect, it } from 'vitest';
import { normalizeConnectError } from '../../src/transport/index.js';

const target = { host: 'fe.contoso.com', port: 5061, transport: 'tls' as const, servername: 'fe.contoso.com', tcpConnected: true };
const platform = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('normalizeConnectError', () => {
  it.each([
    ['SELF_SIGNED_CERT_IN_CHAIN', 'FH_TLS_HANDSHAKE', /not issued by a trusted CA .*--ca FILE/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'FH_TLS_HANDSHAKE', /trusted CA/],
    ['CERT_NOT_YET_VALID', 'FH_TLS_HANDSHAKE', /validity period .*clock/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'FH_TLS_HANDSHAKE', /did not answer with TLS/],
    ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'FH_TLS_HANDSHAKE', /TLS 1\.2 or later/],
    ['ENOTFOUND', 'FH_TRANSPORT_CONNECT', /cannot resolve fe\.contoso\.com/],
    ['EHOSTUNREACH', 'FH_TRANSPORT_CONNECT', /unreachable/],
    ['ECONNRESET', 'FH_TLS_HANDSHAKE', /dropped the connection/],
  ])('%s → %s', (code, fhCode, pattern) => {
    const cause = platform(code);
    const error = normalizeConnectError(cause, target);
    expect(error.code).toBe(fhCode);
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain(code);
    expect(error.cause).toBe(cause);
    expect(error.where).toBe('fe.contoso.com:5061');
  });

  it('treats a reset before the TCP connection as a connect failure', () => {
    expect(normalizeConnectError(platform('ECONNRESET'), { ...target, tcpConnected: false }).code).toBe('FH_TRANSPORT_CONNECT');
  });
});
