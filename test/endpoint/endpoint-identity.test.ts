import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEpid, EPID_INSTANCE_NAMESPACE, instanceIdFromEpid, uuidV5 } from '../../src/endpoint/index.js';

/** An independent RFC 4122 §4.3 computation, written differently from the source on purpose. */
function referenceV5(namespace: string, name: string): string {
  const digest = createHash('sha1')
    .update(Buffer.concat([Buffer.from(namespace.split('-').join(''), 'hex'), Buffer.from(name, 'utf8')]))
    .digest('hex')
    .slice(0, 32)
    .split('');
  digest[12] = '5';
  digest[16] = ((Number.parseInt(digest[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = digest.join('');
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20, 32)].join('-');
}

describe('endpoint identity', () => {
  it('matches the well-known RFC 4122 v5 vector (DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives +sip.instance from the epid in the MS-SIPRE namespace', () => {
    for (const epid of ['dceed2edfb', 'bd4bd366c2', '65a77e620d', createEpid()]) {
      const id = instanceIdFromEpid(epid);
      expect(id).toBe(referenceV5(EPID_INSTANCE_NAMESPACE, epid));
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(instanceIdFromEpid('dceed2edfb')).not.toBe(instanceIdFromEpid('bd4bd366c2'));
  });

  it('creates 10-hex epids', () => {
    expect(createEpid()).toMatch(/^[0-9a-f]{10}$/);
    expect(createEpid()).not.toBe(createEpid());
  });
});
