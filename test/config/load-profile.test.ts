import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProfile, parseProfile, parseHostPort, resolveProfile } from '../../src/config/index.js';
import { isFocusHarnessError } from '../../src/errors.js';

const profilesDir = fileURLToPath(new URL('../../profiles/', import.meta.url));

function problems(text: string): string {
  try {
    parseProfile(text, 'p.yaml');
  } catch (error) {
    if (isFocusHarnessError(error)) {
      expect(error.code).toBe('FH_PROFILE_INVALID');
      return error.message;
    }
    throw error;
  }
  throw new Error('expected the profile to be rejected');
}

describe('profiles', () => {
  it('the shipped profiles validate', () => {
    const lab = loadProfile(join(profilesDir, 'lab.yaml')).profile;
    expect(lab.server).toBe('embedded');
    expect(lab.users['carol']?.aor).toBe('sip:carol@contoso.com');
    const remote = loadProfile(join(profilesDir, 'example-server.yaml')).profile;
    expect(remote.server).toMatchObject({ host: '127.0.0.1', port: 5061, transport: 'tls', ca: 'lab-ca.pem' });
    expect(remote.users['alice']?.passwordEnv).toBe('FH_ALICE_PASSWORD');
  });

  it('defaults to the embedded server', () => {
    expect(parseProfile('domain: contoso.com\n', 'p.yaml')).toMatchObject({ server: 'embedded', users: {}, faults: [] });
  });

  it('reports schema errors as file:line:col path: message', () => {
    const text = ['server:', '  host: sip.example', '  port: 99999', 'users:', '  alice:', '    aor: alice-at-example', ''].join('\n');
    const message = problems(text);
    expect(message).toMatch(/p\.yaml:3:9 server\.port: .*65535/);
    expect(message).toMatch(/p\.yaml:6:10 users\.alice\.aor: must be a SIP address of record/);
  });

  it('points a missing key at its parent and an unknown key at the object', () => {
    const message = problems(['server:', '  host: sip.example', '  trasport: tls', ''].join('\n'));
    expect(message).toMatch(/p\.yaml:2:3 server.*port/);
    expect(message).toMatch(/p\.yaml:2:3 server: .*trasport/);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems('server: [1, 2\ndomain: x\n')).toMatch(/^invalid profile:\n {2}p\.yaml:\d+:\d+ /);
  });

  it('refuses secrets in the file, pointing at the key', () => {
    const message = problems(['users:', '  bob:', '    aor: sip:bob@x.example', '    password: hunter2', ''].join('\n'));
    expect(message).toMatch(/p\.yaml:4:15 users\.bob\.password: secrets never go in a profile/);
  });

  it('refuses faults with a remote server', () => {
    expect(problems(['server: { host: h, port: 5061 }', 'faults: [omit-focus-bye]', ''].join('\n'))).toMatch(/p\.yaml:2:9 faults: faults apply only to the embedded/);
  });
});

describe('resolveProfile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fh-profile-'));
  const caPath = join(dir, 'ca.pem');
  writeFileSync(caPath, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

  it('reads the CA relative to the profile and takes passwords from the environment', () => {
    const profile = parseProfile(['server: { host: sip.lab, port: 5061, ca: ca.pem }', 'users:', '  alice: { aor: sip:alice@lab, passwordEnv: FH_A }', ''].join('\n'), 'p.yaml');
    const resolved = resolveProfile(profile, {}, { profilePath: join(dir, 'p.yaml'), env: { FH_A: 's3cret' } });
    expect(resolved.target).toMatchObject({ host: 'sip.lab', port: 5061, transport: 'tls', caPath });
    expect(resolved.target !== 'embedded' && resolved.target.ca).toContain('BEGIN CERTIFICATE');
    expect(resolved.users['alice']).toEqual({ aor: 'sip:alice@lab', password: 's3cret' });
  });

  it('fails with the variable name when a password variable is not set', () => {
    const profile = parseProfile('users:\n  alice: { aor: sip:alice@lab, passwordEnv: FH_MISSING }\n', 'p.yaml');
    expect(() => resolveProfile(profile, {}, { env: {} })).toThrow(/FH_MISSING, which is not set/);
  });

  it('lets CLI flags override the profile', () => {
    const profile = parseProfile('server: { host: a, port: 1, transport: tcp }\ntimeouts: { stepMs: 100 }\n', 'p.yaml');
    const resolved = resolveProfile(profile, { server: '127.0.0.1:5071', transport: 'tls', ca: caPath, timeout: 900, domain: 'x.example' });
    expect(resolved.target).toMatchObject({ host: '127.0.0.1', port: 5071, transport: 'tls', caPath });
    expect(resolved.timeouts).toEqual({ stepMs: 900, expectMs: 900 });
    expect(resolved.domain).toBe('x.example');
  });

  it('rejects a missing CA file and malformed --server', () => {
    const profile = parseProfile('{}\n', 'p.yaml');
    expect(() => resolveProfile(profile, { server: '127.0.0.1:5061', ca: join(dir, 'nope.pem') })).toThrow(/cannot use the CA file/);
    expect(() => parseHostPort('localhost')).toThrow(/host:port/);
    expect(parseHostPort('[::1]:5061')).toEqual({ host: '::1', port: 5061 });
  });

  it('keeps faults for the embedded lab only', () => {
    const profile = parseProfile('{}\n', 'p.yaml');
    expect(resolveProfile(profile, { faults: ['omit-mcu-bye'] }).faults).toEqual(['omit-mcu-bye']);
    expect(() => resolveProfile(profile, { server: 'h:1', faults: ['omit-mcu-bye'] })).toThrow(/only to the embedded/);
  });
});
