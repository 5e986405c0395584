/**
 * `focus-harness lab --auth ntlm --users FILE`: a real lab on loopback that NTLM-authenticates
 * (MS-SIPAE) an endpoint holding the password from the file and refuses one that does not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLab } from '../../cmd/commands/lab.js';
import { Endpoint } from '../../src/endpoint/index.js';
import { LAB_FAULTS } from '../../src/labfocus/index.js';
import { labCertificates } from '../helpers/lab-certs.js';
import { LAB_ARGS, sink } from './lab-command-io.js';

describe('focus-harness lab --auth ntlm', { timeout: 30_000 }, () => {
  it('--list-faults marks the faults that need an NTLM lab, and only those', async () => {
    const out = sink();
    expect(await runLab({ ...LAB_ARGS, 'list-faults': true }, { stdout: out.stream, stderr: sink().stream, waitForStop: () => new Promise(() => undefined) })).toBe(0);
    const lines = out.text().split('\n');
    for (const fault of LAB_FAULTS) {
      const at = lines.findIndex((line) => line.trimStart().startsWith(`${fault.name} `));
      expect(lines[at + 2], fault.name).toContain('caught by: ');
      expect(lines[at + 2]?.includes('(NTLM lab)'), fault.name).toBe(fault.requiresAuth === 'ntlm');
    }
    expect(LAB_FAULTS.filter((f) => f.requiresAuth === 'ntlm').map((f) => f.name)).toEqual(['corrupt-sipae-signature', 'unsigned-after-sa']);
  });

  it('an NTLM fault without --auth ntlm exits 2 saying it needs an NTLM lab', async () => {
    const err = sink();
    const code = await runLab({ ...LAB_ARGS, fault: ['corrupt-sipae-signature'] }, { stdout: sink().stream, stderr: err.stream, waitForStop: () => Promise.resolve('x') });
    expect(code).toBe(2);
    expect(err.text()).toMatch(/corrupt-sipae-signature acts on MS-SIPAE signing.*lab --auth ntlm --users FILE/);
  });

  it('registers a user with the password from --users and refuses a wrong one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fh-lab-ntlm-'));
    const users = join(dir, 'users.txt');
    writeFileSync(users, '# lab users\nalice:alice-lab-pw\n');
    const usage = sink();
    expect(await runLab({ ...LAB_ARGS, auth: 'ntlm' }, { stdout: sink().stream, stderr: usage.stream, waitForStop: () => Promise.resolve('x') })).toBe(2);
    expect(usage.text()).toContain('--auth ntlm needs --users FILE');

    const certs = await labCertificates();
    const err = sink();
    let stop: (signal: string) => void = () => undefined;
    let listening: (p: number) => void = () => undefined;
    const port = new Promise<number>((resolve) => (listening = resolve));
    const run = runLab(
      { ...LAB_ARGS, cert: certs.certPath, key: certs.keyPath, auth: 'ntlm', users },
      { stdout: sink().stream, stderr: err.stream, waitForStop: () => new Promise((resolve) => (stop = resolve)), onListening: (w) => listening(w.port) },
    );
    const server = { host: '127.0.0.1', port: await port, transport: 'tls' as const, ca: certs.caCertPem, servername: 'localhost' };
    const alice = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', password: 'alice-lab-pw', authScheme: 'ntlm', server });
    const wrong = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', password: 'guess', authScheme: 'ntlm', server });
    try {
      await alice.connect();
      expect((await alice.register()).status).toBe(200);
      expect(alice.authFailures).toEqual([]);
      await wrong.connect();
      await expect(wrong.register()).rejects.toMatchObject({ code: 'FH_AUTH', message: expect.stringContaining('user "alice"') });
    } finally {
      await alice.close();
      await wrong.close();
      stop('SIGINT');
    }
    expect(await run).toBe(0);
    expect(err.text()).toContain('MS-SIPAE NTLM for 1 user(s) in realm "SIP Communications Service"');
    rmSync(dir, { recursive: true, force: true });
  });
});
