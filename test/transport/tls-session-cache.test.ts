import { describe, expect, it } from 'vitest';
import diagnosticsChannel from 'node:diagnostics_channel';
import { connect, listen, TlsSessionCache, type ConnectedEvent } from '../../src/transport/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

describe('TlsSessionCache', () => {
  it('evicts the oldest entry', () => {
    const cache = new TlsSessionCache(2);
    cache.set('a', Buffer.from('1'));
    cache.set('b', Buffer.from('2'));
    cache.set('a', Buffer.from('3')); // refreshes a
    cache.set('c', Buffer.from('4'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.toString()).toBe('3');
    expect(cache.size).toBe(2);
  });

  it('resumes a verified session on the next connection, and never when disabled', async () => {
    const certs = await labCertificates();
    const listener = await listen({ transport: 'tls', cert: certs.certPem, key: certs.keyPem });
    const resumed = new Map<string, boolean>();
    const onConnected = (payload: unknown) => {
      const event = payload as ConnectedEvent;
      if (event.role === 'client') resumed.set(event.connectionId, event.tls?.resumed ?? false);
    };
    diagnosticsChannel.subscribe('focus-harness:transport:connected', onConnected);
    try {
      const base = { host: '127.0.0.1', port: listener.address.port, transport: 'tls' as const, ca: certs.caCertPem };
      const tlsSessions = new TlsSessionCache();
      const first = await connect({ ...base, tlsSessions });
      first.onMessage(() => undefined); // read so the TLS 1.3 ticket arrives
      for (let i = 0; i < 100 && tlsSessions.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(tlsSessions.size).toBe(1);
      const second = await connect({ ...base, tlsSessions });
      const fresh = await connect({ ...base, tlsSessions: false });
      expect(resumed.get(first.id)).toBe(false);
      expect(resumed.get(second.id)).toBe(true);
      expect(resumed.get(fresh.id)).toBe(false);
      for (const c of [first, second, fresh]) c.destroy();
    } finally {
      diagnosticsChannel.unsubscribe('focus-harness:transport:connected', onConnected);
      await listener.close();
    }
  });
});
