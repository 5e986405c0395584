import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { connect, listen, type SipListener } from '../../src/transport/index.js';
import { createCertificateAuthority, issueLeaf } from '../../src/pki/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import { labCertificates } from '../helpers/lab-certs.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function labListener(): Promise<SipListener> {
  const certs = await labCertificates();
  const listener = await listen({ transport: 'tls', cert: certs.certPem, key: certs.keyPem });
  cleanups.push(() => listener.close());
  return listener;
}

async function failure(promise: Promise<unknown>): Promise<FocusHarnessError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FocusHarnessError);
  return error as FocusHarnessError;
}

/** A TCP server that accepts and never says a word (no TLS ServerHello ever comes). */
async function silentServer(): Promise<Server> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  }));
  return server;
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

describe('connect() failures', () => {
  it('rejects a server whose certificate comes from another CA, naming the verify error', async () => {
    const listener = await labListener();
    const wrongCa = await createCertificateAuthority({ subject: 'CN=some other CA' });
    const error = await failure(connect({ host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: wrongCa.certPem }));
    expect(error.code).toBe('FH_TLS_HANDSHAKE');
    expect(error.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    expect(error.message).toContain('--ca FILE');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.where).toBe(`127.0.0.1:${listener.address.port}`);
  });

  it('rejects the lab certificate when trusting only the system store', async () => {
    const listener = await labListener();
    const error = await failure(connect({ host: 'localhost', port: listener.address.port, transport: 'tls' }));
    expect(error.code).toBe('FH_TLS_HANDSHAKE');
    expect(error.message).toMatch(/not issued by a trusted CA/);
  });

  it('rejects a certificate that does not name the SNI host', async () => {
    const listener = await labListener();
    const certs = await labCertificates();
    const error = await failure(connect({
      host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: certs.caCertPem, servername: 'focus.contoso.com',
    }));
    expect(error.code).toBe('FH_TLS_HANDSHAKE');
    expect(error.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(error.message).toContain('"focus.contoso.com"');
    expect(error.message).toContain('--servername');
  });

  it('checks the IP when connecting by IP without a servername, and the name when connecting by name', async () => {
    const ca = await createCertificateAuthority();
    const onlyName = await issueLeaf(ca, { dnsNames: ['localhost'], ipAddresses: [] });
    const listener = await listen({ transport: 'tls', cert: onlyName.certPem, key: onlyName.keyPem });
    cleanups.push(() => listener.close());
    const byIp = await failure(connect({ host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: ca.certPem }));
    expect(byIp.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    const byName = await connect({ host: 'localhost', port: listener.address.port, transport: 'tls', ca: ca.certPem });
    byName.destroy();
  });

  it('rejects an expired server certificate', async () => {
    const past = new Date(Date.now() - 400 * 86_400_000);
    const ca = await createCertificateAuthority({ now: past, validityDays: 3650 });
    const leaf = await issueLeaf(ca, { now: past, validityDays: 30 });
    const listener = await listen({ transport: 'tls', cert: leaf.certPem, key: leaf.keyPem });
    cleanups.push(() => listener.close());
    const error = await failure(connect({ host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: ca.certPem }));
    expect(error.code).toBe('FH_TLS_HANDSHAKE');
    expect(error.message).toContain('CERT_HAS_EXPIRED');
  });

  it('times out when the peer accepts TCP but never completes the TLS handshake', async () => {
    const server = await silentServer();
    const started = Date.now();
    const error = await failure(connect({ host: '127.0.0.1', port: portOf(server), transport: 'tls', connectTimeoutMs: 200 }));
    expect(error.code).toBe('FH_TRANSPORT_CONNECT_TIMEOUT');
    expect(error.message).toMatch(/TLS handshake .* did not complete within 200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports connection refused as nothing listening', async () => {
    const server = await silentServer();
    const port = portOf(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await failure(connect({ host: '127.0.0.1', port, transport: 'tls' }));
    expect(error.code).toBe('FH_TRANSPORT_CONNECT');
    expect(error.message).toContain(`nothing is listening at 127.0.0.1:${port} (ECONNREFUSED)`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('says when the port does not speak TLS', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => socket.write('SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }));
    const error = await failure(connect({ host: '127.0.0.1', port: portOf(server), transport: 'tls', connectTimeoutMs: 2000 }));
    expect(error.code).toBe('FH_TLS_HANDSHAKE');
    expect(error.message).toMatch(/did not answer with TLS|dropped the connection/);
  });

  it('accepts an untrusted certificate only with insecureSkipVerify, and warns why', async () => {
    const listener = await labListener();
    const warnings: string[] = [];
    const connection = await connect({
      host: '127.0.0.1', port: listener.address.port, transport: 'tls', insecureSkipVerify: true,
      onWarning: (w) => warnings.push(w),
    });
    connection.destroy();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/verification is OFF .* would have been rejected: .*(UNABLE_TO_VERIFY|unable to verify)/i);
  });

  it('tells the listener when a client rejects its certificate', async () => {
    const listener = await labListener();
    const reported = new Promise<[FocusHarnessError, { address: string; port: number }]>((resolve) => {
      listener.onClientError((error, remote) => resolve([error, remote]));
    });
    const wrongCa = await createCertificateAuthority();
    await failure(connect({ host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: wrongCa.certPem }));
    const [error, remote] = await reported;
    expect(error.code).toBe('FH_TLS_HANDSHAKE');
    expect(error.message).toContain('give it the lab CA');
    expect(remote.address).toBe('127.0.0.1');
    expect(remote.port).toBeGreaterThan(0);
    expect(listener.connectionCount).toBe(0);
  });

  it('validates the port and refuses TLS listeners without a key', async () => {
    expect((await failure(connect({ host: '127.0.0.1', port: 0, transport: 'tcp' }))).code).toBe('FH_USAGE');
    expect((await failure(listen({ transport: 'tls' }))).code).toBe('FH_USAGE');
    const notPem = await failure(connect({ host: '127.0.0.1', port: 5061, transport: 'tls', ca: 'certs/generated/ca.pem' }));
    expect(notPem.code).toBe('FH_USAGE');
    expect(notPem.message).toContain('not a file name');
  });
});
