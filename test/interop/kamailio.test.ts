/**
 * Kamailio in front of the lab focus (issue 7): the project's own kamailio.cfg, started on
 * loopback with free ports, as a TLS registrar with digest auth and a record-routing proxy that
 * forwards conference traffic (opaque=app:conf) to the lab focus and relays every in-dialog
 * request, BENOTIFY included, back down the client's TLS connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DigestClient } from '../../src/auth/index.js';
import { TraceRecorder } from '../../src/capture/index.js';
import { Endpoint, type ServerTarget } from '../../src/endpoint/index.js';
import { startLabFocus, type LabFaultName, type LabFocus } from '../../src/labfocus/index.js';
import { DEFAULT_TIMEOUTS, ScenarioRun, builtinScenarios, findBuiltinScenario, runScenario, type RunResult } from '../../src/scenario/index.js';
import { loadProfile, resolveProfile } from '../../src/config/index.js';
import { fileURLToPath } from 'node:url';
import { createRequest, newCallId, newTag, type SipRequest } from '../../src/sip/index.js';
import { TransactionLayer } from '../../src/transaction/index.js';
import { connect, type SipConnection } from '../../src/transport/index.js';
import { systemClock } from '../../src/util/index.js';
import { labCertificates } from '../helpers/lab-certs.js';
import { describeWithTools } from './helpers/find-binary.js';
import { freePorts } from './helpers/free-port.js';
import { startKamailio, type KamailioProcess } from './helpers/kamailio-process.js';
import { PerUserRelay } from './helpers/per-user-relay.js';

const DOMAIN = 'contoso.com';
const PASSWORDS: Readonly<Record<string, string>> = { alice: 'alice-pw-7', bob: 'bob-pw-7', carol: 'carol-pw-7', dave: 'dave-pw-7', zoe: 'zoe-pw-7', mallory: 'mallory-pw-7' };
const FAST = { ...DEFAULT_TIMEOUTS, expectMs: 3000, c3pMs: 3000, stepMs: 10_000, settleMs: 150 };

describeWithTools('Kamailio as TLS registrar and proxy in front of the lab focus', ['kamailio'], ({ kamailio }) => {
  let dir: string;
  let kam: KamailioProcess;
  let relay: PerUserRelay;
  let lab: LabFocus;
  let target: ServerTarget;
  let caPath: string;

  const startLab = (faults: readonly LabFaultName[] = []): Promise<LabFocus> =>
    startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tcp', domain: DOMAIN, faults });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'focus-harness-kamailio-'));
    const certs = await labCertificates();
    caPath = certs.caPath;
    lab = await startLab();
    relay = await PerUserRelay.start({ labHost: lab.host, labPort: lab.port });
    const [tlsPort = 0, tcpPort = 0] = await freePorts(2);
    kam = await startKamailio({
      binary: kamailio as string,
      runDir: dir,
      tlsPort,
      tcpPort,
      backendPort: relay.port,
      realm: DOMAIN,
      users: PASSWORDS,
      certPath: certs.certPath,
      keyPath: certs.keyPath,
      caPath: certs.caPath,
    });
    console.log(`Kamailio under test: ${kam.version} (tls:127.0.0.1:${tlsPort}, lab focus behind it at ${lab.host}:${lab.port})`);
    target = { host: '127.0.0.1', port: tlsPort, transport: 'tls', ca: certs.caCertPem, servername: 'localhost' };
  }, 60_000);

  afterAll(async () => {
    await kam?.stop();
    await relay?.close();
    await lab?.stop();
    if (process.env.FH_KEEP_KAMAILIO) console.log(`kamailio run dir kept: ${dir}\n${kam?.handle.output().slice(-6000)}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  function register(connection: SipConnection, user: string, cseq: number): SipRequest {
    const local = `${connection.local.address}:${connection.local.port}`;
    return createRequest({
      method: 'REGISTER',
      uri: `sip:${DOMAIN}`,
      headers: [
        ['Via', `SIP/2.0/TLS ${local}`],
        ['Max-Forwards', '70'],
        ['From', `<sip:${user}@${DOMAIN}>;tag=${newTag()}`],
        ['To', `<sip:${user}@${DOMAIN}>`],
        ['Call-ID', newCallId()],
        ['CSeq', `${cseq} REGISTER`],
        ['Contact', `<sip:${local};transport=tls>`],
        ['Expires', '0'],
      ],
    });
  }

  it('digest: 401 answered, the nonce reused with nc=2, and a wrong password named as such', async () => {
    const connection = await connect({ ...target });
    try {
      const layer = new TransactionLayer(connection);
      const client = new DigestClient({ username: 'dave', password: PASSWORDS.dave ?? '' });
      const first = register(connection, 'dave', 1);
      const challenge = await layer.sendRequest(first);
      expect(challenge.status).toBe(401);
      expect(challenge.headers.get('www-authenticate')).toMatch(/realm="contoso\.com".*qop="auth"/);
      const retried = client.retry(first, challenge);
      expect((await layer.sendRequest(retried)).status).not.toBe(401);
      // RFC 7616 §3.4: the same nonce again with nc=00000002, no new challenge.
      const reused = client.authorizeRequest(register(connection, 'dave', 3));
      expect(reused.headers.get('authorization')).toContain('nc=00000002');
      expect((await layer.sendRequest(reused)).status).not.toBe(401);

      const wrong = new DigestClient({ username: 'dave', password: 'not-the-password' });
      const attempt = register(connection, 'dave', 1);
      const again = wrong.retry(attempt, await layer.sendRequest(attempt));
      const refusal = await layer.sendRequest(again);
      expect(refusal.status).toBe(401);
      expect(() => wrong.retry(again, refusal)).toThrow(
        expect.objectContaining({ code: 'FH_AUTH', message: expect.stringMatching(/user "dave".*realm "contoso\.com"/) }),
      );
    } finally {
      await connection.close();
    }
  }, 30_000);

  async function runEject(name: 'eject' | 'eject-passive' = 'eject'): Promise<RunResult> {
    const eject = findBuiltinScenario(name);
    if (!eject) throw new Error(`the built-in ${name} scenario is missing`);
    const run = new ScenarioRun(eject, {
      target,
      domain: DOMAIN,
      clock: systemClock,
      recorder: new TraceRecorder(),
      timeouts: FAST,
      createEndpoint: (options) => new Endpoint({ ...options, password: PASSWORDS[options.role] ?? '' }),
    });
    return run.execute();
  }

  it('eject passes through Kamailio with digest credentials (BENOTIFY and focus BYE relayed down the TLS connections)', async () => {
    const result = await runEject();
    expect(relay.problems).toEqual([]);
    expect(result.failures.map((f) => f.message)).toEqual([]);
    expect(result.status).toBe('passed');
    const challenged = result.records.filter((r) => r.firstLine.startsWith('SIP/2.0 401')).map((r) => r.role);
    expect(new Set(challenged)).toEqual(new Set(['alice', 'bob', 'carol']));
    const benotify = result.records.filter((r) => r.direction === 'in' && r.firstLine.startsWith('BENOTIFY'));
    expect(benotify.length).toBeGreaterThan(0);
    // eject no longer requires it (Carol's own BYE may end D1), but the lab sends it: it must come through.
    expect(result.records.some((r) => r.role === 'carol' && r.direction === 'in' && r.dialog === 'D1' && r.firstLine.startsWith('BYE '))).toBe(true);
    // E3/E4: Carol's probes on her ended D1 and D3 travel the record-route to the lab, whose 481s
    // (the MCU's names itself) come back through the proxy.
    const probes = result.records.filter((r) => r.role === 'carol' && (r.dialog === 'D1' || r.dialog === 'D3') && /^(INFO|MESSAGE) |^SIP\/2\.0 481/.test(r.firstLine));
    expect(probes.map((r) => `${r.direction} ${r.dialog ?? '-'} ${r.firstLine.split(' ')[r.direction === 'in' ? 1 : 0] ?? ''}`)).toEqual(expect.arrayContaining(['out D1 INFO', 'in D1 481', 'out D3 MESSAGE', 'in D3 481']));
    expect(probes.some((r) => r.dialog === 'D3' && r.direction === 'in' && /Dialog does not exist/.test(r.firstLine))).toBe(true);
    console.log(`eject through ${kam.version}: ${result.records.length} messages, ${benotify.length} BENOTIFY relayed, status ${result.status}`);
  }, 90_000);

  /**
   * Lab faults about SIP content (framing and connection faults are Kamailio's business on the way),
   * each with the ejection scenario that declares it (a missing server BYE needs the passive victim).
   */
  const FAULTS: readonly [fault: LabFaultName, scenario: 'eject' | 'eject-passive', mentions: RegExp][] = [
    ['omit-focus-bye', 'eject-passive', /carol: expected BYE in D1 from the focus/],
    ['omit-mcu-bye', 'eject-passive', /carol: expected BYE in D3 from the mcu/],
    ['keep-ejected-subscription', 'eject', /carol: expected BENOTIFY or NOTIFY in D2 where subscription-state is terminated/],
    ['eject-reports-failure', 'eject', /alice: expected a C3P deleteUser response with code="success"/],
    ['malformed-benotify-xml', 'eject', /well-formed/],
    ['ended-dialog-still-answered', 'eject', /carol: expected a 481 to the INFO Carol sends on her ended D1[\s\S]*instead: 200 OK/],
  ];

  it.each(FAULTS)('the lab fault %s is still caught through Kamailio (%s)', async (fault, scenario, mentions) => {
    const faulty = await startLab([fault]);
    relay.retarget({ labHost: faulty.host, labPort: faulty.port });
    try {
      const result = await runEject(scenario);
      expect(result.status).toBe('failed');
      expect(result.failures.map((f) => f.message).join('\n')).toMatch(mentions);
    } finally {
      relay.retarget({ labHost: lab.host, labPort: lab.port });
      await faulty.stop();
    }
  }, 90_000);

  it('the whole scenario catalog passes with profiles/kamailio-lab.yaml (users and passwords from the environment)', async () => {
    const profilePath = fileURLToPath(new URL('../../profiles/kamailio-lab.yaml', import.meta.url));
    const { profile } = loadProfile(profilePath);
    const env = Object.fromEntries(['alice', 'bob', 'carol', 'zoe', 'mallory'].map((role) => [`FH_${role.toUpperCase()}_PASSWORD`, PASSWORDS[role]]));
    // The profile names 127.0.0.1:5061 and certs/generated; this run's Kamailio has a free port and the test CA.
    const resolved = resolveProfile(profile, { server: `127.0.0.1:${target.port}`, ca: caPath }, { profilePath, env });
    if (resolved.target === 'embedded') throw new Error('the Kamailio profile must name a server');
    expect(Object.values(resolved.users).every((u) => u.password !== undefined)).toBe(true);
    const outcomes: string[] = [];
    for (const scenario of builtinScenarios) {
      const result = await runScenario(scenario, {
        target: resolved.target,
        ...(resolved.domain ? { domain: resolved.domain } : {}),
        users: resolved.users,
        timeouts: resolved.timeouts,
      });
      outcomes.push(`${scenario.name}: ${result.status}${result.failures.length ? ` (${result.failures.map((f) => f.message).join('; ')})` : ''}${result.error ? ` (${result.error.message})` : ''}`);
    }
    console.log(`scenario catalog through ${kam.version}:\n  ${outcomes.join('\n  ')}`);
    expect(outcomes).toEqual(builtinScenarios.map((s) => `${s.name}: passed`));
  }, 120_000);

  it('with -A WITH_PROXYAUTH, 407 challenges are answered with Proxy-Authorization and eject passes', async () => {
    const certs = await labCertificates();
    const [tlsPort = 0, tcpPort = 0] = await freePorts(2);
    const runDir = mkdtempSync(join(tmpdir(), 'focus-harness-kamailio-407-'));
    const strict = await startKamailio({
      binary: kamailio as string,
      runDir,
      tlsPort,
      tcpPort,
      backendPort: relay.port,
      realm: DOMAIN,
      users: PASSWORDS,
      certPath: certs.certPath,
      keyPath: certs.keyPath,
      caPath: certs.caPath,
      defines: ['WITH_PROXYAUTH'],
    });
    try {
      const eject = findBuiltinScenario('eject');
      if (!eject) throw new Error('the built-in eject scenario is missing');
      const run = new ScenarioRun(eject, {
        target: { ...target, port: tlsPort },
        domain: DOMAIN,
        clock: systemClock,
        recorder: new TraceRecorder(),
        timeouts: FAST,
        createEndpoint: (options) => new Endpoint({ ...options, password: PASSWORDS[options.role] ?? '' }),
      });
      const result = await run.execute();
      expect(result.failures.map((f) => f.message)).toEqual([]);
      expect(result.status).toBe('passed');
      const challenged = result.records.filter((r) => r.firstLine.startsWith('SIP/2.0 407'));
      expect(new Set(challenged.map((r) => r.role))).toEqual(new Set(['alice', 'bob', 'carol']));
      const answered = result.records.filter((r) => r.direction === 'out' && /\r\nProxy-Authorization: Digest /i.test(r.raw.toString('latin1')));
      expect(answered.length).toBeGreaterThanOrEqual(3);
    } finally {
      await strict.stop();
      rmSync(runDir, { recursive: true, force: true });
    }
  }, 90_000);
});
