/**
 * MS-SIPAE over NTLM end to end over real TLS on 127.0.0.1: the lab focus started with
 * `auth: { scheme: 'ntlm' }` runs the handshake on REGISTER and then takes only signed requests;
 * the endpoints sign every request and verify every server signature. `eject` passes; a wrong
 * password is one clear FH_AUTH naming the user, with no retry loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfile, resolveProfile } from '../../src/config/index.js';
import { Endpoint, type ServerTarget } from '../../src/endpoint/index.js';
import { startLabFocus, type LabFocus } from '../../src/labfocus/index.js';
import { embeddedCertDir, findBuiltinScenario, runScenario } from '../../src/scenario/index.js';
import { parseMessage, type SipMessage } from '../../src/sip/index.js';
import { summary } from './run-result-checks.js';

const PASSWORDS = new Map([
  ['alice', 'alice-Secret1'],
  ['bob', 'bob-Secret2'],
  ['carol', 'carol-Secret3'],
]);

function users(passwords: ReadonlyMap<string, string>): Record<string, { aor: string; password: string; authScheme: 'ntlm' }> {
  const out: Record<string, { aor: string; password: string; authScheme: 'ntlm' }> = {};
  for (const [role, password] of passwords) out[role] = { aor: `sip:${role}@contoso.com`, password, authScheme: 'ntlm' };
  return out;
}

function ntlmParam(line: string | undefined, name: string): string | undefined {
  return line === undefined ? undefined : new RegExp(`${name}="([^"]*)"`).exec(line)?.[1];
}

describe('eject with MS-SIPAE NTLM against the lab focus', { timeout: 60_000 }, () => {
  let lab: LabFocus;
  let target: ServerTarget;

  beforeAll(async () => {
    lab = await startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tls', certDir: embeddedCertDir(), auth: { scheme: 'ntlm', users: PASSWORDS } });
    target = { host: lab.host, port: lab.port, transport: 'tls', servername: 'localhost', ...(lab.caPem ? { ca: lab.caPem } : {}) };
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('eject passes; every request after the handshake is signed and every server message carries a signature', async () => {
    const result = await runScenario(findBuiltinScenario('eject')!, { target, users: users(PASSWORDS) });
    expect(summary(result)).toBe('passed');
    expect(result.exitCode).toBe(0);
    const carol = result.records.filter((r) => r.role === 'carol' && r.parseError === undefined);
    const messages = carol.map((r) => ({ direction: r.direction, message: parseMessage(r.raw) as SipMessage }));
    const isRequestMessage = (m: SipMessage): boolean => 'method' in m;
    // The handshake: REGISTER, 401, REGISTER gssapi-data="", 401 + CHALLENGE, REGISTER + AUTHENTICATE (signed, v4), 200.
    const firstFive = messages.slice(0, 6).map(({ message }) => ('method' in message ? message.method : String(message.status)));
    expect(firstFive).toEqual(['REGISTER', '401', 'REGISTER', '401', 'REGISTER', '200']);
    const afterHandshake = messages.slice(4);
    let lastCnum = 0;
    let lastSnum = 0;
    for (const { direction, message } of afterHandshake) {
      if (direction === 'out' && isRequestMessage(message)) {
        const line = message.headers.get('Authorization');
        expect(line, `${direction} ${message.headers.get('cseq')}`).toMatch(/^NTLM /);
        const cnum = Number(ntlmParam(line, 'cnum'));
        expect(cnum).toBe(lastCnum + 1);
        lastCnum = cnum;
        expect(ntlmParam(line, 'response')).toMatch(/^01000000[0-9a-f]{16}64000000$/);
      }
      if (direction === 'in') {
        const info = message.headers.get('Authentication-Info');
        expect(info, `in ${message.headers.get('cseq')}`).toMatch(/^NTLM rspauth="01000000[0-9A-F]{16}64000000"/);
        const snum = Number(ntlmParam(info, 'snum'));
        expect(snum).toBeGreaterThan(lastSnum);
        lastSnum = snum;
      }
    }
    expect(lastCnum).toBeGreaterThan(5);
  });

  it('a profile with auth: ntlm and passwords from the environment runs eject', async () => {
    const yaml = [
      'auth: ntlm',
      'users:',
      ...[...PASSWORDS.keys()].map((role) => `  ${role}: { aor: sip:${role}@contoso.com, passwordEnv: FH_${role.toUpperCase()}_PW }`),
      '',
    ].join('\n');
    const env = Object.fromEntries([...PASSWORDS].map(([role, password]) => [`FH_${role.toUpperCase()}_PW`, password]));
    const resolved = resolveProfile(parseProfile(yaml, 'ntlm.yaml'), {}, { env });
    const result = await runScenario(findBuiltinScenario('eject')!, { target, users: resolved.users });
    expect(summary(result)).toBe('passed');
  });

  it('a wrong password is one FH_AUTH naming the user, after three REGISTERs', async () => {
    const alice = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', password: 'not-her-password', authScheme: 'ntlm', server: target });
    try {
      await alice.connect();
      await expect(alice.register()).rejects.toMatchObject({
        code: 'FH_AUTH',
        message: expect.stringMatching(/NTLM credentials of user "alice" were refused by "lab-focus\.focus-harness".*not retrying/),
      });
      const registers = alice.received.filter((m) => m.message.headers.get('cseq')?.endsWith('REGISTER'));
      expect(registers.map((m) => ('status' in m.message ? m.message.status : 0))).toEqual([401, 401, 401]);
    } finally {
      await alice.close();
    }
  });

  it('a user without credentials is challenged on REGISTER and on every other request', async () => {
    const bob = new Endpoint({ role: 'bob', aor: 'sip:bob@contoso.com', server: target });
    try {
      await bob.connect();
      const response = await bob.register();
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe(
        'NTLM realm="SIP Communications Service", targetname="lab-focus.focus-harness", version=4',
      );
      await expect(bob.createConference()).rejects.toMatchObject({ code: 'FH_C3P', message: expect.stringMatching(/SIP 401/) });
    } finally {
      await bob.close();
    }
  });

  it('the right password of another user may not register this AOR (403)', async () => {
    const mallory = new Endpoint({
      role: 'carol',
      aor: 'sip:carol@contoso.com',
      authUsername: 'CONTOSO\\bob',
      password: 'bob-Secret2',
      authScheme: 'ntlm',
      server: target,
    });
    try {
      await mallory.connect();
      const response = await mallory.register();
      expect(response.status).toBe(403);
      expect(response.headers.get('Warning')).toMatch(/NTLM user bob may not register sip:carol@contoso\.com/);
    } finally {
      await mallory.close();
    }
  });
});
