import { afterEach, describe, expect, it } from 'vitest';
import diagnosticsChannel from 'node:diagnostics_channel';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connect, keyLogFileWriter, listen, secureContextCacheSize,
  type ClosedEvent, type ConnectedEvent, type MessageEvent, type SipConnection,
} from '../../src/transport/index.js';
import { parseMessage } from '../../src/sip/index.js';
import { labCertificates } from '../helpers/lab-certs.js';
import { connectionPair, messageQueue, type ConnectionPair } from '../helpers/connection-pair.js';
import { inviteText } from './sip-text.js';

let pair: ConnectionPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

// NSS key log format: LABEL <64 hex client random> <hex secret>
const KEY_LOG_LINE = /^(CLIENT_RANDOM|CLIENT_HANDSHAKE_TRAFFIC_SECRET|SERVER_HANDSHAKE_TRAFFIC_SECRET|CLIENT_TRAFFIC_SECRET_0|SERVER_TRAFFIC_SECRET_0|EXPORTER_SECRET) [0-9a-f]{64} [0-9a-f]+$/;

describe('TLS key log', () => {
  it('hands out SSLKEYLOGFILE lines on both sides and writes them to a file', async () => {
    const certs = await labCertificates();
    const serverLines: string[] = [];
    const listener = await listen({ transport: 'tls', cert: certs.certPem, key: certs.keyPem, keyLog: (l) => serverLines.push(l) });
    const dir = await mkdtemp(join(tmpdir(), 'fh-keylog-'));
    const file = join(dir, 'sslkeylog.txt');
    const toFile = keyLogFileWriter(file);
    const clientLines: string[] = [];
    const connection = await connect({
      host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: certs.caCertPem,
      keyLog: (line) => {
        clientLines.push(line);
        toFile(line);
      },
    });
    connection.destroy();
    await listener.close();
    expect(clientLines.length).toBeGreaterThanOrEqual(4);
    for (const line of clientLines) expect(line).toMatch(KEY_LOG_LINE);
    expect(clientLines.some((l) => l.startsWith('CLIENT_HANDSHAKE_TRAFFIC_SECRET '))).toBe(true);
    expect(serverLines.some((l) => l.startsWith('CLIENT_HANDSHAKE_TRAFFIC_SECRET '))).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(`${clientLines.join('\n')}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('writes CLIENT_RANDOM lines for a TLS 1.2 session', async () => {
    const certs = await labCertificates();
    const listener = await listen({ transport: 'tls', cert: certs.certPem, key: certs.keyPem, maxTlsVersion: 'TLSv1.2' });
    const lines: string[] = [];
    const protocols: string[] = [];
    const onConnected = (payload: unknown) => protocols.push((payload as ConnectedEvent).tls?.protocol ?? '');
    diagnosticsChannel.subscribe('focus-harness:transport:connected', onConnected);
    try {
      const connection = await connect({
        host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: certs.caCertPem,
        keyLog: (line) => lines.push(line), tlsSessions: false,
      });
      connection.destroy();
    } finally {
      diagnosticsChannel.unsubscribe('focus-harness:transport:connected', onConnected);
      await listener.close();
    }
    expect(protocols[0]).toBe('TLSv1.2');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$/);
  });
});

describe('diagnostics channels', () => {
  it('publishes connected, sent, received and closed with the connection id', async () => {
    const seen: { channel: string; payload: unknown }[] = [];
    const names = ['focus-harness:transport:connected', 'focus-harness:message:sent',
      'focus-harness:message:received', 'focus-harness:transport:closed'];
    const subscribers = names.map((name) => {
      const fn = (payload: unknown) => seen.push({ channel: name, payload });
      diagnosticsChannel.subscribe(name, fn);
      return () => diagnosticsChannel.unsubscribe(name, fn);
    });
    try {
      pair = await connectionPair('tls');
      const { client, server } = pair;
      const atServer = messageQueue(server);
      const invite = parseMessage(Buffer.from(inviteText(9)));
      client.send(invite);
      await atServer.next();
      messageQueue(client);
      await client.close();
      await server.whenClosed();

      const connected = seen.filter((s) => s.channel.endsWith('connected')).map((s) => s.payload as ConnectedEvent);
      expect(connected.map((c) => c.role).sort()).toEqual(['client', 'server']);
      const clientConnected = connected.find((c) => c.connectionId === client.id);
      expect(clientConnected?.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(clientConnected?.remote).toEqual(client.remote);

      const sent = seen.find((s) => s.channel.endsWith('sent'))?.payload as MessageEvent;
      expect(sent).toMatchObject({ connectionId: client.id, direction: 'sent', message: invite, local: client.local });
      expect(sent.raw.toString()).toBe(inviteText(9));
      expect(typeof sent.time).toBe('number');
      const received = seen.find((s) => s.channel.endsWith('received'))?.payload as MessageEvent;
      expect(received).toMatchObject({ connectionId: server.id, direction: 'received', remote: server.remote });
      expect(received.raw.toString()).toBe(inviteText(9));

      const closed = seen.filter((s) => s.channel.endsWith('closed')).map((s) => s.payload as ClosedEvent);
      expect(closed.find((c) => c.connectionId === client.id)?.reason).toEqual({ kind: 'local-close' });
      expect(closed.find((c) => c.connectionId === server.id)?.reason).toEqual({ kind: 'remote-end' });
    } finally {
      for (const off of subscribers) off();
    }
  });
});

describe('secure context cache', () => {
  it('shares one context among connections with the same CA', async () => {
    const certs = await labCertificates();
    const listener = await listen({ transport: 'tls', cert: certs.certPem, key: certs.keyPem });
    let accepted = 0;
    const allAccepted = new Promise<void>((resolve) => listener.onConnection(() => {
      if (++accepted === 6) resolve();
    }));
    const open: SipConnection[] = [];
    await connect({ host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: certs.caCertPem }).then((c) => open.push(c));
    const before = secureContextCacheSize();
    for (let i = 0; i < 5; i++) {
      open.push(await connect({ host: '127.0.0.1', port: listener.address.port, transport: 'tls', ca: Buffer.from(certs.caCertPem) }));
    }
    expect(secureContextCacheSize()).toBe(before);
    await allAccepted;
    expect(listener.connectionCount).toBe(6);
    for (const c of open) c.destroy();
    await listener.close();
  });
});
