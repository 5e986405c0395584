import { describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../src/capture/index.js';
import type { C3pOutcome } from '../../src/endpoint/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import {
  DEFAULT_TIMEOUTS,
  ScenarioRun,
  defineScenario,
  subscriptionTerminated,
  type RunResult,
  type Scenario,
  type ScenarioContext,
  type ScenarioUser,
} from '../../src/scenario/index.js';
import { createResponseMessage } from '../../src/sip/index.js';
import { ManualClock } from '../../src/util/index.js';
import { FakeEndpoint, asEndpoint, benotify, bye, response } from './fake-endpoint.js';

type Role = 'alice' | 'carol';

interface Harness {
  fakes: Map<string, FakeEndpoint>;
  clock: ManualClock;
  recorder: TraceRecorder;
  result: Promise<RunResult>;
  controller: AbortController;
}

function start(run: (ctx: ScenarioContext<Role>, fakes: Map<string, FakeEndpoint>) => Promise<void>): Harness {
  const clock = new ManualClock(1_000_000);
  const recorder = new TraceRecorder();
  const fakes = new Map<string, FakeEndpoint>();
  const controller = new AbortController();
  const scenario = defineScenario({ name: 'unit', title: 'unit', roles: ['alice', 'carol'], run: (ctx) => run(ctx, fakes) });
  const runner = new ScenarioRun(scenario, {
    target: { host: '127.0.0.1', port: 1, transport: 'tcp' },
    domain: 'contoso.com',
    clock,
    recorder,
    timeouts: DEFAULT_TIMEOUTS,
    signal: controller.signal,
    createEndpoint: (options) => {
      const fake = new FakeEndpoint(options);
      fakes.set(options.role, fake);
      return asEndpoint(fake);
    },
  });
  return { fakes, clock, recorder, controller, result: runner.execute() };
}

/** Lets time pass on the manual clock in 50 ms ticks until the run ends. */
async function drive(h: Harness, stepMs = 50): Promise<RunResult> {
  let done = false;
  void h.result.then(() => (done = true));
  for (let i = 0; i < 10_000 && !done; i++) {
    await new Promise((r) => setImmediate(r));
    if (!done) h.clock.advance(stepMs);
  }
  return h.result;
}

describe('ScenarioRun', () => {
  it('passes a step whose expected message arrives, recording the check with its seq', async () => {
    const h = start(async (ctx, fakes) => {
      await ctx.step('Carol is told', async () => {
        fakes.get('carol')!.deliver(benotify(3, 'terminated;reason=ParticipantRemoved'), 'focus', 'D2');
        await ctx.expect(ctx.roles.carol).receives({ method: 'BENOTIFY', dialog: 'D2', where: subscriptionTerminated() }, { id: 'E5' });
      });
    });
    const result = await drive(h);
    expect(result.status).toBe('passed');
    expect(result.exitCode).toBe(0);
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]).toMatchObject({ name: 'Carol is told', status: 'passed', fromSeq: 1, toSeq: 1 });
    expect(result.steps[0]!.checks[0]).toMatchObject({ id: 'E5', severity: 'MUST', passed: true, role: 'carol', seqs: [1] });
    expect([...h.fakes.values()].every((f) => f.closed)).toBe(true);
  });

  it('fails with the step, role, expectation, nearest miss and ladder seqs', async () => {
    const h = start(async (ctx, fakes) => {
      await ctx.step('Alice ejects Carol', async () => undefined);
      await ctx.step("Carol's subscription ends", async () => {
        const carol = fakes.get('carol')!;
        carol.deliver(bye(2, 'd1'), 'focus', 'D1');
        carol.deliver(benotify(7, 'active;expires=3600'), 'focus', 'D2');
        await ctx.expect(ctx.roles.carol).receives({ method: 'BENOTIFY', dialog: 'D2', where: subscriptionTerminated('ParticipantRemoved') }, { id: 'E5' });
      });
      await ctx.step('never reached', async () => undefined);
    });
    const result = await drive(h);
    expect(result.exitCode).toBe(1);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed']);
    const failure = result.failures[0]!;
    expect(failure).toMatchObject({ step: "Carol's subscription ends", role: 'carol', id: 'E5', seqs: [2] });
    expect(failure.expected).toBe('BENOTIFY in D2 where subscription-state is terminated;reason=ParticipantRemoved within 5000 ms');
    expect(failure.nearestMiss).toMatchObject({ seq: 2, dialog: 'D2', reason: 'subscription-state is "active;expires=3600"' });
    expect(failure.message).toContain('nearest miss on carol connection: seq 2 BENOTIFY sip:127.0.0.1:5555;transport=tls in D2');
    expect(failure.message).toContain('ladder: seq 2');
    expect(result.steps[1]!.failure).toBe(failure);
  });

  it('waits on the injected clock: a message arriving later still passes', async () => {
    const h = start(async (ctx, fakes) => {
      await ctx.step('late', async () => {
        ctx.clock.setTimer(3000, () => fakes.get('alice')!.deliver(response(202, 'Accepted', '2 INFO', 'd1'), 'focus', 'D1'));
        await ctx.expect(ctx.roles.alice).receives({ status: 202, cseqMethod: 'INFO' });
      });
    });
    const result = await drive(h);
    expect(result.exitCode).toBe(0);
    expect(result.steps[0]!.durationMs).toBeGreaterThanOrEqual(3000);
  });

  it('turns a failed SHOULD into a warning and keeps going', async () => {
    const h = start(async (ctx) => {
      await ctx.step('lenient', async () => {
        ctx.check(false, { id: 'L3', severity: 'SHOULD', role: 'carol', expected: 'Reason present', actual: 'missing' });
        ctx.note('L1', 'termination before BYE');
      });
    });
    const result = await drive(h);
    expect(result.exitCode).toBe(0);
    expect(result.steps[0]!.status).toBe('warned');
    expect(result.warnings).toHaveLength(1);
    expect(result.notes.map((n) => n.description)).toEqual(['termination before BYE']);
  });

  it('fails receivesNo as soon as the forbidden message arrives', async () => {
    const h = start(async (ctx, fakes) => {
      await ctx.step('Alice keeps D1', async () => {
        ctx.clock.setTimer(40, () => fakes.get('alice')!.deliver(bye(5, 'a1'), 'focus', 'D1'));
        await ctx.expect(ctx.roles.alice).receivesNo({ method: 'BYE' }, { id: 'E7', during: 1000 });
      });
    });
    const result = await drive(h, 10);
    expect(result.exitCode).toBe(1);
    expect(result.failures[0]).toMatchObject({ id: 'E7', role: 'alice', seqs: [1] });
    expect(result.failures[0]!.actual).toBe('seq 1 BYE sip:127.0.0.1:5555 in D1');
    expect(result.steps[0]!.durationMs).toBeLessThan(1000);
  });

  it('judges rosters after each update and explains a roster that never changed', async () => {
    const h = start(async (ctx, fakes) => {
      const alice = fakes.get('alice')!;
      alice.setMembers('sip:alice@contoso.com', 'sip:carol@contoso.com');
      await ctx.step('Carol leaves', async () => {
        ctx.clock.setTimer(100, () => alice.setMembers('sip:alice@contoso.com'));
        await ctx.expect(ctx.roles.alice).roster.lacks(ctx.roles.carol, { id: 'E6' });
      });
      await ctx.step('Carol comes back', async () => {
        await ctx.expect(ctx.roles.alice).roster.has('sip:carol@contoso.com', { within: 500 });
      });
    });
    const result = await drive(h);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed']);
    expect(result.failures[0]!.expected).toBe('the roster to list sip:carol@contoso.com within 500 ms');
    expect(result.failures[0]!.actual).toContain('roster v7 lists sip:alice@contoso.com');
  });

  it('fails a step that outlives its timeout, naming the last message', async () => {
    const h = start(async (ctx, fakes) => {
      await ctx.step('hangs', async () => {
        fakes.get('alice')!.deliver(response(202, 'Accepted', '2 INFO', 'd1'), 'focus', 'D1');
        await new Promise(() => undefined);
      }, { timeout: 800 });
    });
    const result = await drive(h);
    expect(result.exitCode).toBe(1);
    expect(result.failures[0]!.expected).toBe('the step to finish within 800 ms');
    expect(result.failures[0]!.actual).toContain('seq 1 202 Accepted (alice ← focus)');
  });

  it('fails the step in which a server message did not parse (always-on §7.1.1)', async () => {
    const h = start(async (ctx) => {
      await ctx.step('receives garbage', async () => {
        ctx.recorder.record({ time: 0, role: 'carol', connectionId: 'c', direction: 'in', local: 'a', remote: 'b', peer: 'focus', callId: '', cseq: '', firstLine: 'BENOTIFY sip:x', label: 'BENOTIFY', raw: Buffer.from('x'), parseError: 'Content-Length 900 exceeds the 12 bytes received' });
      });
    });
    const result = await drive(h);
    expect(result.exitCode).toBe(1);
    expect(result.failures[0]).toMatchObject({ id: '7.1.1', role: 'carol', seqs: [1] });
    expect(result.failures[0]!.actual).toContain('did not parse: Content-Length 900');
  });

  it('flags a stale roster version (MUST) and a gap (SHOULD) from the endpoint', async () => {
    const h = start(async (ctx, fakes) => {
      await ctx.step('updates', async () => {
        const alice = fakes.get('alice')!;
        alice.deliver(benotify(9, 'active'), 'focus', 'D2');
        alice.rosterIssues.push({ applied: false, issue: 'gap', version: 12, missingVersions: [11], detail: 'gap' });
        alice.rosterIssues.push({ applied: false, issue: 'stale', version: 12, detail: 'v12 ≤ v12' });
      });
    });
    const result = await drive(h);
    expect(result.warnings[0]).toMatchObject({ id: '7.1.6', severity: 'SHOULD', detail: 'gap at v12: missing v11' });
    expect(result.failures[0]).toMatchObject({ id: '7.1.6', role: 'alice', seqs: [1] });
  });

  it('judges C3P outcomes: no response after a 202 is a precise failure', async () => {
    const h = start(async (ctx, fakes) => {
      await ctx.step('Alice ejects Carol', async () => {
        const accepted = fakes.get('alice')!.deliver(response(202, 'Accepted', '2 INFO', 'd1'), 'focus', 'D1');
        const outcome: C3pOutcome = { sipStatus: 202, carriedBy: 'none', requestId: '63022864', sipResponse: accepted.message as C3pOutcome['sipResponse'] };
        ctx.expect(outcome).sipAccepted({ id: 'E1' });
        ctx.expect(outcome).c3pSuccess({ id: 'E2', command: 'deleteUser' });
      });
    });
    const result = await drive(h);
    expect(result.failures[0]).toMatchObject({ id: 'E2', role: 'alice', seqs: [1] });
    expect(result.failures[0]!.actual).toBe('SIP 202 Accepted; no C3P response for requestId 63022864 arrived in a focus INFO after the 202');
  });

  it('a connection or TLS failure is a harness error (exit 2); a closed connection mid-flow is a failure (exit 1)', async () => {
    const tls = await drive(start(async (ctx) => {
      await ctx.step('connect', async () => {
        throw new FocusHarnessError('FH_TLS_HANDSHAKE', 'certificate signed by an unknown CA; pass --ca');
      });
    }));
    expect(tls).toMatchObject({ status: 'error', exitCode: 2 });
    expect(tls.error?.message).toContain('pass --ca');
    const closed = await drive(start(async (ctx) => {
      await ctx.step('eject', async () => {
        throw new FocusHarnessError('FH_TRANSPORT_CLOSED', 'the server closed the connection');
      });
    }));
    expect(closed).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(closed.failures[0]!.actual).toContain('FH_TRANSPORT_CLOSED: the server closed the connection');
  });

  it('stops on interrupt with exit 130, keeping the steps that ran', async () => {
    const h = start(async (ctx) => {
      await ctx.step('first', async () => undefined);
      await ctx.step('waits', () => ctx.expect(ctx.roles.alice).receives({ method: 'INFO' }, { within: 60_000 }).then(() => undefined));
    });
    setTimeout(() => h.controller.abort(), 20);
    const result = await drive(h, 1);
    expect(result).toMatchObject({ status: 'interrupted', exitCode: 130 });
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'skipped']);
    expect([...h.fakes.values()].every((f) => f.closed)).toBe(true);
  });

  it('rejects invalid definitions with what is wrong', () => {
    expect(() => defineScenario({ name: 'bad name!', title: '', roles: [], run: async () => undefined })).toThrow(
      /invalid scenario: `name` must be a word.*`title` must be a non-empty string.*`roles` must list at least one role/,
    );
    expect(createResponseMessage({ status: 200, reason: 'OK' }).status).toBe(200);
  });
});

describe('ScenarioRun identities', () => {
  /** Runs `scenario` (which must pass) on fakes and returns the options each role's endpoint got, in role order. */
  async function endpointOptionsOf(scenario: Scenario, users?: Readonly<Record<string, ScenarioUser>>): Promise<Record<string, unknown>[]> {
    const seen: Record<string, unknown>[] = [];
    const clock = new ManualClock(0);
    const runner = new ScenarioRun(scenario, {
      target: { host: '127.0.0.1', port: 1, transport: 'tcp' },
      domain: 'lab.example',
      ...(users ? { users } : {}),
      clock,
      recorder: new TraceRecorder(),
      timeouts: { ...DEFAULT_TIMEOUTS, settleMs: 0 },
      createEndpoint: (options) => {
        seen.push({ ...options });
        return asEndpoint(new FakeEndpoint(options));
      },
    });
    const done = runner.execute();
    await new Promise((r) => setImmediate(r));
    clock.advance(1);
    expect((await done).exitCode).toBe(0);
    return seen;
  }

  it('gives each role its AOR, display name and digest credentials from the users table', async () => {
    const scenario = defineScenario({ name: 'ids', title: 'ids', roles: ['alice', 'bob'], run: async () => undefined });
    const seen = await endpointOptionsOf(scenario, { alice: { aor: 'sip:alice.a@lab.example', displayName: 'Alice A', username: 'aa', password: 'pw' } });
    expect(seen[0]).toMatchObject({ role: 'alice', aor: 'sip:alice.a@lab.example', displayName: 'Alice A', authUsername: 'aa', password: 'pw' });
    expect(seen[1]).toMatchObject({ role: 'bob', aor: 'sip:bob@lab.example', displayName: 'Bob' });
    expect(seen[1]).not.toHaveProperty('password');
  });

  it("passes a role's endpointOptions from the scenario to that role's endpoint only", async () => {
    const scenario = defineScenario({ name: 'opts', title: 'opts', roles: ['alice', 'carol'], endpointOptions: { carol: { leaveOnRemoval: false } }, run: async () => undefined });
    const seen = await endpointOptionsOf(scenario);
    expect(seen[0]).toMatchObject({ role: 'alice', aor: 'sip:alice@lab.example' });
    expect(seen[0]).not.toHaveProperty('leaveOnRemoval');
    expect(seen[1]).toMatchObject({ role: 'carol', aor: 'sip:carol@lab.example', leaveOnRemoval: false });
  });

  it('refuses endpointOptions for a role the scenario does not have', () => {
    expect(() => defineScenario({ name: 'opts', title: 'opts', roles: ['alice'], endpointOptions: { carol: { leaveOnRemoval: false } } as never, run: async () => undefined })).toThrow(
      /invalid scenario: `endpointOptions` names "carol", which is not one of the roles/,
    );
  });
});
