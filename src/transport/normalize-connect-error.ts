/**
 * Turns platform socket and TLS errors into `FocusHarnessError`s that say what to do.
 */
import { FocusHarnessError } from '../errors.js';

export interface ConnectTarget {
  readonly host: string;
  readonly port: number;
  readonly transport: 'tls' | 'tcp';
  /** The name the certificate was checked against. */
  readonly servername: string;
  /** Whether the TCP connection was up when the error happened. */
  readonly tcpConnected: boolean;
}

/** OpenSSL verify results meaning "the chain does not end at a CA you trust". */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_REJECTED',
]);

const EXPIRY = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);

/** The peer does not talk TLS on this port (a plain TCP or HTTP listener answered). */
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST']);

const VERSION = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_VERSION_TOO_LOW',
]);

/**
 * Maps an error raised while connecting to `target` onto `FH_TRANSPORT_CONNECT` or
 * `FH_TLS_HANDSHAKE`, keeping the original as `cause` and naming the platform code.
 */
export function normalizeConnectError(error: Error, target: ConnectTarget): FocusHarnessError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const at = `${target.host}:${target.port}`;
  const fail = (kind: 'FH_TRANSPORT_CONNECT' | 'FH_TLS_HANDSHAKE', message: string) =>
    new FocusHarnessError(kind, message, { cause: error, where: at });

  if (UNTRUSTED.has(code)) {
    return fail('FH_TLS_HANDSHAKE',
      `TLS handshake with ${at} failed: the server certificate is not issued by a trusted CA (${code}); ` +
      'pass --ca FILE with the CA that issued it (for the lab focus: certs/generated/ca.pem)');
  }
  if (EXPIRY.has(code)) {
    return fail('FH_TLS_HANDSHAKE',
      `TLS handshake with ${at} failed: the server certificate is outside its validity period (${code}); ` +
      'renew it (lab: npx tsx certs/generate.ts --force) or check the system clock');
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const reason = (error as Error & { reason?: string }).reason ?? error.message;
    return fail('FH_TLS_HANDSHAKE',
      `TLS handshake with ${at} failed: the server certificate does not name "${target.servername}" ` +
      `(${code}: ${reason}); pass --servername NAME with a name the certificate lists, or connect by that name`);
  }
  if (NOT_TLS.has(code)) {
    return fail('FH_TLS_HANDSHAKE',
      `TLS handshake with ${at} failed: the peer did not answer with TLS (${code}); ` +
      'is this a plain TCP port? use --transport tcp or the TLS port');
  }
  if (VERSION.has(code)) {
    return fail('FH_TLS_HANDSHAKE',
      `TLS handshake with ${at} failed: no common protocol version (${code}); the harness requires TLS 1.2 or later`);
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return fail('FH_TLS_HANDSHAKE', `TLS handshake with ${at} failed (${code}): ${error.message}`);
  }
  if (code === 'ECONNREFUSED') {
    return fail('FH_TRANSPORT_CONNECT',
      `nothing is listening at ${at} (ECONNREFUSED); start the focus server or check --host and --port`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return fail('FH_TRANSPORT_CONNECT', `cannot resolve ${target.host} (${code}); check the host name or use an IP address`);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return fail('FH_TRANSPORT_CONNECT', `${at} is unreachable (${code}); check the address, routes and firewalls`);
  }
  if (target.transport === 'tls' && target.tcpConnected) {
    return fail('FH_TLS_HANDSHAKE',
      `TLS handshake with ${at} failed: the peer dropped the connection (${code || error.message}); ` +
      'check that the port speaks TLS 1.2+ and whether the server wants a client certificate');
  }
  return fail('FH_TRANSPORT_CONNECT', `cannot connect to ${at} (${code || 'no code'}): ${error.message}`);
}
