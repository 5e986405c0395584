/**
 * The always-on check §7.1.5 (MS-SIPAE): a server message the emulated client dropped for its
 * signature fails the step it arrived in, naming the step, the role, what was expected ("a message
 * signed by the server's security association") and what arrived (seq, first line, why).
 *
 * - unit, with fake endpoints and a manual clock: the check fails a step even when an expectation
 *   matched the dropped message; an answer dropped for its signature (FH_AUTH from the endpoint)
 *   fails the run on the violation (exit 1) instead of calling it a setup error (exit 2);
 * - end to end over real TLS against an embedded NTLM lab: `join2` and `eject` with
 *   `corrupt-sipae-signature` and `unsigned-after-sa` fail with that diagnostic, and the matrix
 *   cell says the same.
 */
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../src/capture/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import type { LabFaultName } from '../../src/labfocus/index.js';
import {
  DEFAULT_TIMEOUTS,
  MATRIX_TIMEOUTS,
  ScenarioRun,
  cellOf,
  defineScenario,
  findBuiltinScenario,
  runScenario,
  type RunResult,
  type ScenarioContext,
  type ScenarioUser,
} from '../../src/scenario/index.js';
import { ManualClock } from '../../src/util/index.js';
import { labCertificates } from '../helpers/lab-certs.js';
import { FakeEndpoint, asEndpoint, benotify, response } from './fake-endpoint.js';

const EXPECTED = "a message signed by the server's security association";

function runWithFakes(run: (ctx: ScenarioContext<'alice'>, alice: () => FakeEndpoint) => Promise<void>): Promise<RunResult> {
  const clock = new ManualClock(1_000_000);
  let fake: FakeEndpoint | undefined;
  const alice = (): FakeEndpoint => {
    if (!fake) throw new Error('no endpoint yet');
    return fake;
  };
  const scenario = defineScenario({ name: 'unit', title: 'unit', roles: ['alice'], run: (ctx) => run(ctx, alice) });
  const runner = new ScenarioRun(scenario, {
    target: { host: '127.0.0.1', port: 1, transport: 'tcp' },
    domain: 'contoso.com',
    clock,
    recorder: new TraceRecorder(),
    timeouts: DEFAULT_TIMEOUTS,
    createEndpoint: (options) => asEndpoint((fake = new FakeEndpoint(options))),
  });
  const result = runner.execute();
  let done = false;
  void result.then(() => (done = true));
  return (async () => {
    for (let i = 0; i < 10_000 && !done; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!done) clock.advance(50);
    }
    return result;
  })();
}

describe('§7.1.5 with fake endpoints', () => {
  it('a dropped BENOTIFY fails its step although an expectation matched it', async () => {
    const result = await runWithFakes(async (ctx, alice) => {
      await ctx.step('Alice subscribes', async () => {
        alice().deliver(benotify(2, 'active'), 'focus', 'D2', {
          reason: 'bad-signature',
          detail: 'BENOTIFY sip:127.0.0.1:5555;transport=tls: rspauth 0100000011223344556677886400000 (snum 4) does not verify with the server\'s NTLM key',
          signature: 'rspauth 0100000011223344556677886400000 (snum 4)',
        });
        await ctx.expect(ctx.roles.alice).receives({ method: 'BENOTIFY', dialog: 'D2' });
      });
      await ctx.step('never reached', async () => undefined);
    });
    expect(result.status).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(result.steps.map((s) => s.status)).toEqual(['failed']);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({
      step: 'Alice subscribes',
      id: '7.1.5',
      role: 'alice',
      expected: EXPECTED,
      actual: 'seq 1 BENOTIFY sip:127.0.0.1:5555;transport=tls in D2: signature does not verify (rspauth 0100000011223344556677886400000 (snum 4)); the client dropped it',
      seqs: [1],
    });
  });

  it('an answer dropped for its signature fails the run on the violation, not as a setup error', async () => {
    const result = await runWithFakes(async (ctx, alice) => {
      await ctx.step('Alice creates a conference', async () => {
        alice().deliver(response(200, 'OK', '3 SERVICE', 'svc'), 'focus', undefined, {
          reason: 'unsigned',
          detail: '200 OK to SERVICE carries no NTLM signature although the SA is up',
        });
        throw new FocusHarnessError('FH_AUTH', 'SERVICE got no acceptable answer: dropped for MS-SIPAE signature — alice: 200 OK to SERVICE carries no NTLM signature although the SA is up');
      });
    });
    expect(result.status).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(result.error).toBeUndefined();
    expect(result.failures.map((f) => f.id ?? '-')).toEqual(['7.1.5', '-']);
    expect(result.failures[0]).toMatchObject({
      step: 'Alice creates a conference',
      role: 'alice',
      expected: EXPECTED,
      actual: 'seq 1 SIP/2.0 200 OK: no signature (no Authentication-Info) although the SA is up; the client dropped it',
    });
    expect(result.failures[1]?.actual).toMatch(/^FH_AUTH: SERVICE got no acceptable answer/);
  });

  it('FH_AUTH without a dropped server message is still a setup error (exit 2)', async () => {
    const result = await runWithFakes(async (ctx) => {
      await ctx.step('Alice registers', async () => {
        throw new FocusHarnessError('FH_AUTH', 'NTLM credentials of user "alice" were refused');
      });
    });
    expect(result.status).toBe('error');
    expect(result.exitCode).toBe(2);
    expect(result.error?.code).toBe('FH_AUTH');
  });
});

describe('§7.1.5 against an embedded NTLM lab with a signing fault (real TLS)', { timeout: 120_000 }, () => {
  let labCertDir = '';
  beforeAll(async () => {
    labCertDir = dirname((await labCertificates()).caPath);
  });

  async function ntlmRun(name: string, faults: readonly LabFaultName[]): Promise<RunResult> {
    const scenario = findBuiltinScenario(name);
    if (!scenario) throw new Error(`no scenario ${name}`);
    const passwords = new Map(scenario.roles.map((role) => [role, randomBytes(12).toString('base64url')]));
    const users: Record<string, ScenarioUser> = Object.fromEntries(
      [...passwords].map(([role, password]) => [role, { aor: `sip:${role}@contoso.com`, password, authScheme: 'ntlm' as const }]),
    );
    return runScenario(scenario, { faults, labAuth: { scheme: 'ntlm', users: passwords }, users, labCertDir, timeouts: MATRIX_TIMEOUTS });
  }

  function firstBenotifySeq(result: RunResult, role: string): number | undefined {
    return result.records.find((r) => r.role === role && r.direction === 'in' && r.firstLine.startsWith('BENOTIFY '))?.seq;
  }

  it('an NTLM fault on the embedded lab without labAuth is a usage error, not a silent pass', async () => {
    const result = await runScenario(findBuiltinScenario('join2')!, { faults: ['unsigned-after-sa'], labCertDir });
    expect(result).toMatchObject({ status: 'error', exitCode: 2, error: { code: 'FH_USAGE', message: expect.stringMatching(/unsigned-after-sa acts on MS-SIPAE signing/) } });
  });

  it('clean: join2 and eject pass on the NTLM lab', async () => {
    for (const name of ['join2', 'eject']) {
      const result = await ntlmRun(name, []);
      expect(result.failures.map((f) => f.message), name).toEqual([]);
      expect(result.status, name).toBe('passed');
    }
  });

  for (const [fault, why] of [
    ['corrupt-sipae-signature', /signature does not verify \(rspauth [0-9A-F]{32} \(snum \d+\)\)/],
    ['unsigned-after-sa', /no signature \(no Authentication-Info\) although the SA is up/],
  ] as const) {
    it(`${fault}: join2 and eject fail naming the step, the role, the expectation and the dropped BENOTIFY`, async () => {
      for (const name of ['join2', 'eject']) {
        const result = await ntlmRun(name, [fault]);
        expect(result.status, name).toBe('failed');
        expect(result.exitCode, name).toBe(1);
        const failure = result.failures[0];
        const seq = firstBenotifySeq(result, 'alice');
        expect(seq, `${name}: Alice received a BENOTIFY`).toBeDefined();
        expect(failure, name).toMatchObject({ id: '7.1.5', role: 'alice', expected: EXPECTED, seqs: [seq] });
        expect(result.steps.find((s) => s.status === 'failed')?.name, name).toBe(failure?.step);
        expect(failure?.actual, name).toMatch(new RegExp(`^seq ${seq} BENOTIFY sip:\\S+ in D2: ${why.source}; the client dropped it$`));
        expect(failure?.message, name).toContain(`step "${failure?.step ?? ''}": alice: expected ${EXPECTED}`);
        // The matrix cell carries the same diagnostic.
        const cell = cellOf({ scenario: findBuiltinScenario(name)!, fault }, result);
        expect(cell, name).toMatchObject({ fault, labAuth: 'ntlm', verdict: 'failed', firstFailure: { step: failure?.step, id: '7.1.5', role: 'alice', expected: EXPECTED, actual: failure?.actual } });
      }
    });
  }
});
