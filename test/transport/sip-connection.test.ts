import { afterEach, describe, expect, it } from 'vitest';
import { parseMessage, type SipRequest, type SipResponse } from '../../src/sip/index.js';
import { isFocusHarnessError } from '../../src/errors.js';
import { connectionPair, messageQueue, type ConnectionPair } from '../helpers/connection-pair.js';
import { benotifyText, inviteText, okText } from './sip-text.js';

let pair: ConnectionPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe.each(['tls', 'tcp'] as const)('SipConnection over %s', (transport) => {
  it('carries requests and responses both ways on the connection the client opened', async () => {
    pair = await connectionPair(transport);
    const { client, server } = pair;
    expect(client.transport).toBe(transport);
    expect(client.role).toBe('client');
    expect(server.role).toBe('server');
    expect(client.id).not.toBe(server.id);
    expect(client.remote).toEqual({ address: '127.0.0.1', port: pair.listener.address.port });
    expect(server.remote).toEqual(client.local);

    const atServer = messageQueue(server);
    const atClient = messageQueue(client);
    client.send(parseMessage(Buffer.from(inviteText(1, '<request/>'))));
    const invite = await atServer.next();
    expect((invite.message as SipRequest).method).toBe('INVITE');
    expect(invite.message.body.toString()).toBe('<request/>');
    expect(invite.raw.toString()).toBe(inviteText(1, '<request/>'));

    server.send(parseMessage(Buffer.from(okText(1))));
    const ok = await atClient.next();
    expect((ok.message as SipResponse).status).toBe(200);

    // The focus sends BENOTIFY down the same connection (server-originated request).
    server.send(parseMessage(Buffer.from(benotifyText())));
    const notify = await atClient.next();
    expect((notify.message as SipRequest).method).toBe('BENOTIFY');
    expect(notify.message.headers.get('event')).toBe('conference');
  });

  it('frames messages split across writes and coalesced into one write', async () => {
    pair = await connectionPair(transport);
    const { client, server } = pair;
    const atServer = messageQueue(server);
    const bytes = Buffer.from(inviteText(1, 'x'.repeat(300)));
    for (let i = 0; i < bytes.length; i += 37) {
      client.sendRaw(bytes.subarray(i, i + 37));
      await flush();
    }
    expect((await atServer.next()).message.body.length).toBe(300);

    client.sendRaw(Buffer.from(inviteText(2) + inviteText(3, 'abc') + inviteText(4)));
    const seqs = [];
    for (let i = 0; i < 3; i++) seqs.push((await atServer.next()).message.headers.get('cseq'));
    expect(seqs).toEqual(['2 INVITE', '3 INVITE', '4 INVITE']);
  });

  it('reports CRLF keep-alives without delivering messages, and the server answers pings', async () => {
    pair = await connectionPair(transport);
    const { client, server } = pair;
    const atServer: string[] = [];
    const atClient: string[] = [];
    server.onKeepAlive((kind) => atServer.push(kind));
    const serverMessages = messageQueue(server);
    const pong = new Promise<void>((resolve) => client.onKeepAlive((kind) => {
      atClient.push(kind);
      resolve();
    }));
    messageQueue(client);
    client.sendKeepAlive();
    await pong;
    client.sendRaw(Buffer.from(`\r\n\r\n${inviteText(5)}`));
    const next = await serverMessages.next();
    expect(next.message.headers.get('cseq')).toBe('5 INVITE');
    expect(atServer).toEqual(['ping', 'ping']);
    expect(atClient[0]).toBe('pong');
  });

  it('reports a malformed message through onParseError and still delivers the next one', async () => {
    pair = await connectionPair(transport);
    const { client, server } = pair;
    const errors: unknown[] = [];
    server.onParseError((error, raw) => errors.push({ error, raw: raw.toString() }));
    const atServer = messageQueue(server);
    const broken = 'INVITE sip:alice@contoso.com SIP/2.0\r\nVia SIP/2.0/TLS 127.0.0.1\r\nContent-Length: 0\r\n\r\n';
    client.sendRaw(Buffer.from(broken + inviteText(6)));
    const next = await atServer.next();
    expect(next.message.headers.get('cseq')).toBe('6 INVITE');
    expect(errors).toHaveLength(1);
    const error = (errors[0] as { error: unknown }).error;
    expect(isFocusHarnessError(error) && error.code).toBe('FH_SIP_PARSE');
    expect(server.closed).toBe(false);
  });
});

describe('SipConnection lifecycle', () => {
  it('close() ends both sides gracefully and send afterwards throws FH_TRANSPORT_CLOSED', async () => {
    pair = await connectionPair('tls');
    const { client, server } = pair;
    const serverClosed = new Promise((resolve) => server.onClose(resolve));
    messageQueue(server); // start reading so the FIN is seen
    const reason = await client.close();
    expect(reason).toEqual({ kind: 'local-close' });
    expect(await serverClosed).toEqual({ kind: 'remote-end' });
    expect(client.state).toBe('closed');
    expect(() => client.send(parseMessage(Buffer.from(inviteText())))).toThrowError(
      expect.objectContaining({ code: 'FH_TRANSPORT_CLOSED' }),
    );
    expect(() => server.sendKeepAlive()).toThrow(/closed|closing/);
    // A handler registered after the fact still learns the reason.
    expect(await new Promise((resolve) => client.onClose(resolve))).toEqual({ kind: 'local-close' });
  });

  it('listener.close() destroys open connections', async () => {
    pair = await connectionPair('tls');
    const { client, listener } = pair;
    messageQueue(client);
    expect(listener.connectionCount).toBe(1);
    const closed = client.whenClosed();
    await listener.close();
    expect((await closed).kind).toMatch(/remote-end|error/);
    expect(listener.connectionCount).toBe(0);
  });

  it('keeps delivering to other handlers when one throws, and re-throws on a fresh stack', async () => {
    pair = await connectionPair('tcp');
    const { client, server } = pair;
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      server.onMessage(() => {
        throw new Error('handler bug');
      });
      const atServer = messageQueue(server);
      client.sendRaw(Buffer.from(inviteText(7) + inviteText(8)));
      expect((await atServer.next()).message.headers.get('cseq')).toBe('7 INVITE');
      expect((await atServer.next()).message.headers.get('cseq')).toBe('8 INVITE');
      await flush();
      expect(uncaught.map((e) => (e as Error).message)).toEqual(['handler bug', 'handler bug']);
    } finally {
      process.off('uncaughtException', onUncaught);
      for (const l of listeners) process.on('uncaughtException', l);
    }
  });
});
