/**
 * The lab focus started with `auth` (`focus-harness lab --auth digest --users FILE`): REGISTER is
 * challenged with Digest over real TLS, the endpoints answer it, and refusals say who and where.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../src/capture/index.js';
import { Endpoint } from '../../src/endpoint/index.js';
import { startLabFocus, type LabFocus } from '../../src/labfocus/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

const USERS = new Map([['alice', 'alice-lab-pw'], ['bob', 'bob-lab-pw']]);

describe('lab focus registrar with Digest', { timeout: 20_000 }, () => {
  let lab: LabFocus;
  let ca: string;

  beforeAll(async () => {
    const certs = await labCertificates();
    ca = certs.caCertPem;
    lab = await startLabFocus({ transport: 'tls', cert: certs.certPem, key: certs.keyPem, auth: { realm: 'lab.realm', users: USERS } });
  });

  afterAll(async () => {
    await lab?.stop();
  });

  function endpoint(role: string, password?: string, recorder = new TraceRecorder()): Endpoint {
    return new Endpoint({
      role,
      aor: `sip:${role}@contoso.com`,
      server: { host: '127.0.0.1', port: lab.port, transport: 'tls', ca, servername: 'localhost' },
      recorder,
      ...(password === undefined ? {} : { password }),
    });
  }

  it('challenges a REGISTER with 401 and registers the user who answers it (GRUU in the 200)', async () => {
    const recorder = new TraceRecorder();
    const alice = endpoint('alice', 'alice-lab-pw', recorder);
    try {
      await alice.connect();
      const response = await alice.register();
      expect(response.status).toBe(200);
      expect(response.headers.get('contact')).toMatch(/gruu="/);
      const statuses = recorder.records.filter((r) => r.direction === 'in').map((r) => r.firstLine);
      expect(statuses.join('\n')).toMatch(/401/);
      const challenge = recorder.records.find((r) => r.direction === 'in' && /401/.test(r.firstLine));
      expect(challenge?.raw.toString('latin1')).toMatch(/WWW-Authenticate: Digest realm="lab\.realm".*algorithm=SHA-256/);
    } finally {
      await alice.close();
    }
  });

  it('refuses a wrong password with FH_AUTH naming the user and the realm, without a retry loop', async () => {
    const recorder = new TraceRecorder();
    const bob = endpoint('bob', 'not-bobs-password', recorder);
    try {
      await bob.connect();
      await expect(bob.register()).rejects.toMatchObject({ code: 'FH_AUTH', message: expect.stringMatching(/bob[\s\S]*lab\.realm/) });
      expect(recorder.records.filter((r) => r.direction === 'out').length).toBeLessThanOrEqual(3);
    } finally {
      await bob.close();
    }
  });

  it('answers 401 to a client without credentials and 403 to credentials for another AOR', async () => {
    const anonymous = endpoint('alice');
    const carolAsAlice = new Endpoint({
      role: 'carol',
      aor: 'sip:carol@contoso.com',
      authUsername: 'alice',
      password: 'alice-lab-pw',
      server: { host: '127.0.0.1', port: lab.port, transport: 'tls', ca, servername: 'localhost' },
      recorder: new TraceRecorder(),
    });
    try {
      await Promise.all([anonymous.connect(), carolAsAlice.connect()]);
      expect((await anonymous.register()).status).toBe(401);
      const refused = await carolAsAlice.register();
      expect(refused.status).toBe(403);
      expect(refused.headers.get('warning')).toMatch(/alice may not register sip:carol@contoso\.com/);
    } finally {
      await anonymous.close();
      await carolAsAlice.close();
    }
  });
});
