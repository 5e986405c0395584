/**
 * The profile's `auth` key: `digest` by default, `ntlm` gives every resolved user the MS-SIPAE
 * NTLM scheme; anything else is a profile error at its position.
 */
import { describe, expect, it } from 'vitest';
import { parseProfile, resolveProfile } from '../../src/config/index.js';

describe('profile auth', () => {
  const users = ['users:', '  alice: { aor: sip:alice@lab.example, username: LAB\\alice, passwordEnv: FH_A }'];

  it('defaults to digest: resolved users carry no scheme', () => {
    const profile = parseProfile([...users, ''].join('\n'), 'p.yaml');
    expect(profile.auth).toBe('digest');
    expect(resolveProfile(profile, {}, { env: { FH_A: 'pw' } }).users['alice']).toEqual({ aor: 'sip:alice@lab.example', username: 'LAB\\alice', password: 'pw' });
  });

  it('auth: ntlm gives every user the NTLM scheme', () => {
    const profile = parseProfile(['auth: ntlm', ...users, '  bob: { aor: sip:bob@lab.example }', ''].join('\n'), 'p.yaml');
    const resolved = resolveProfile(profile, {}, { env: { FH_A: 'pw' } });
    expect(resolved.users['alice']).toEqual({ aor: 'sip:alice@lab.example', username: 'LAB\\alice', password: 'pw', authScheme: 'ntlm' });
    expect(resolved.users['bob']).toEqual({ aor: 'sip:bob@lab.example', authScheme: 'ntlm' });
  });

  it('another scheme is refused at its line', () => {
    expect(() => parseProfile(['domain: lab.example', 'auth: kerberos', ''].join('\n'), 'p.yaml')).toThrow(/p\.yaml:2:\d+ auth: /);
  });
});
