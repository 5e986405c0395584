import { describe, expect, it } from 'vitest';
import { Registrar } from '../../src/labfocus/registrar.js';

const base = { aor: 'sip:alice@contoso.com', contactUri: 'sip:127.0.0.1:5000;transport=tls;ms-opaque=ab', instance: '"<urn:uuid:1>"', epid: 'bd4bd366c2', connectionId: 'c1', expiresSeconds: 900, now: 0 };

describe('Registrar', () => {
  it('binds an AOR to its connection and issues a stable GRUU', () => {
    const r = new Registrar();
    const out = r.register(base);
    expect(out.kind).toBe('registered');
    if (out.kind !== 'registered') return;
    expect(out.registration.gruu).toMatch(/^sip:alice@contoso\.com;opaque=user:epid:[A-Za-z0-9_-]{24};gruu$/);
    expect(r.aorOn('c1')).toBe('sip:alice@contoso.com');
    const again = r.register({ ...base, now: 10 });
    expect(again.kind === 'registered' && again.registration.gruu).toBe(out.registration.gruu);
  });

  it('refuses a second AOR on one connection', () => {
    const r = new Registrar();
    r.register(base);
    expect(r.register({ ...base, aor: 'sip:bob@contoso.com' }).kind).toBe('forbidden');
  });

  it('unregisters with expires 0, on expiry and when the connection drops', () => {
    const r = new Registrar();
    r.register(base);
    expect(r.register({ ...base, expiresSeconds: 0 }).kind).toBe('unregistered');
    expect(r.lookup(base.aor, 0)).toBeUndefined();
    r.register(base);
    expect(r.lookup(base.aor, 899_999)).toBeDefined();
    expect(r.lookup(base.aor, 900_000)).toBeUndefined();
    r.register(base);
    expect(r.dropConnection('c1')).toEqual([base.aor]);
    expect(r.aorOn('c1')).toBeUndefined();
  });
});
