/**
 * The built-in `eject` and `eject-passive` scenarios against the lab focus over real TLS on
 * 127.0.0.1: they pass run after run (no false failure), `eject` accepts either ending of Carol's
 * dialogs as brief §7.2 E3/E4 do, and every lab fault that touches the ejection makes the scenarios
 * that declare it fail with a diagnostic naming the missing or wrong message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerTarget } from '../../src/endpoint/index.js';
import { startLabFocus, type LabFocus } from '../../src/labfocus/index.js';
import { embeddedCertDir, findBuiltinScenario, runScenario } from '../../src/scenario/index.js';
import { summary } from './run-result-checks.js';

const eject = findBuiltinScenario('eject')!;
const ejectPassive = findBuiltinScenario('eject-passive')!;
/** Short waits where a run is expected to fail (each fault costs one wait); the clean runs keep the defaults. */
const FAST = { expectMs: 2000, c3pMs: 2000, stepMs: 5000, settleMs: 100 };

describe('eject against the lab focus', () => {
  let lab: LabFocus;
  let target: ServerTarget;

  beforeAll(async () => {
    lab = await startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tls', certDir: embeddedCertDir() });
    target = { host: lab.host, port: lab.port, transport: 'tls', servername: 'localhost', ...(lab.caPem ? { ca: lab.caPem } : {}) };
  });
  afterAll(async () => {
    await lab?.stop();
  });

  for (const scenario of [eject, ejectPassive]) {
    it(`${scenario.name} passes 50 times in a row (no false failure)`, async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 50; i++) {
        const result = await runScenario(scenario, { target });
        if (result.exitCode !== 0) outcomes.push(`run ${i + 1}: ${summary(result)}`);
        else {
          expect(result.steps).toHaveLength(12);
          expect(result.warnings).toEqual([]);
        }
      }
      expect(outcomes).toEqual([]);
    }, 240_000);
  }

  it('records the seed flow: every eject message on the right connection and dialog', async () => {
    const result = await runScenario(eject, { target, timeouts: FAST });
    expect(result.exitCode).toBe(0);
    const ejectStep = result.steps.find((s) => s.name.startsWith('Alice ejects Carol'))!;
    const flow = result.records.filter((r) => r.seq >= ejectStep.fromSeq).map((r) => `${r.role} ${r.direction} ${r.dialog ?? '-'} ${r.label.split(' ')[0]}`);
    for (const line of [
      'alice out D1 INFO', 'alice in D1 202', 'carol in D2 BENOTIFY', 'carol in D1 BYE', 'carol in D3 BYE',
      'carol out D1 200', 'carol out D3 200', 'alice in D1 INFO', 'alice out D1 200', 'alice in D2 BENOTIFY', 'bob in D2 BENOTIFY',
      // E3/E4: Carol's probes on her ended dialogs and their 481s.
      'carol out D1 INFO', 'carol in D1 481', 'carol out D3 MESSAGE', 'carol in D3 481',
    ]) expect(flow).toContain(line);
    const ids = new Set(result.steps.flatMap((s) => s.checks.map((c) => c.id)));
    for (const id of ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'O1', 'O2', 'O3', 'L1', 'L2', 'L3', 'L4', 'L5', 'L7', 'L8']) expect(ids).toContain(id);
  }, 30_000);

  it('eject-passive: Carol sends no BYE; the focus and the IM MCU end D1 and D3 and she answers them 200', async () => {
    const result = await runScenario(ejectPassive, { target, timeouts: FAST });
    expect(result.exitCode, summary(result)).toBe(0);
    expect(result.steps.map((s) => s.name).slice(6, 9)).toEqual([
      "The focus ends Carol's focus dialog (D1)",
      "The IM MCU ends Carol's IM dialog (D3)",
      "Carol stays passive; the server's BYEs ended D1 and D3",
    ]);
    const ejectStep = result.steps.find((s) => s.name.startsWith('Alice ejects Carol'))!;
    const carol = result.records.filter((r) => r.role === 'carol' && r.seq >= ejectStep.fromSeq).map((r) => `${r.direction} ${r.dialog ?? '-'} ${r.label.split(' ')[0]}`);
    expect(carol).toEqual(expect.arrayContaining(['in D2 BENOTIFY', 'in D1 BYE', 'out D1 200', 'in D3 BYE', 'out D3 200']));
    expect(carol.filter((line) => line.startsWith('out') && line.endsWith(' BYE'))).toEqual([]);
  }, 30_000);
});

describe('eject accepts what the protocol leaves open', () => {
  it("passes when the server never BYEs (omit-focus-bye, omit-mcu-bye): Carol's own BYEs end D1 and D3 (E3/E4), and L2 records it", async () => {
    const result = await runScenario(eject, { faults: ['omit-focus-bye', 'omit-mcu-bye'], timeouts: FAST });
    expect(result.exitCode, summary(result)).toBe(0);
    expect(result.warnings).toEqual([]);
    const checks = result.steps.flatMap((s) => s.checks);
    const ended = (id: string) => checks.find((c) => c.id === id && c.severity === 'MUST' && /^a message in D\d where/.test(c.description));
    expect(ended('E3')?.detail).toMatch(/^seq \d+ 200 OK/);
    expect(ended('E4')?.detail).toMatch(/^seq \d+ (200 OK|481)/);
    const l2 = result.notes.filter((n) => n.id === 'L2').map((n) => n.description);
    expect(l2).toEqual(expect.arrayContaining([
      "the focus sent no BYE in D1: Carol's own BYE ended it",
      "the IM MCU sent no BYE in D3: Carol's own BYE ended it",
    ]));
    const carolIn = result.records.filter((r) => r.role === 'carol' && r.direction === 'in' && r.firstLine.startsWith('BYE '));
    expect(carolIn).toEqual([]);
  }, 30_000);

  it('records the server BYEs that crossed Carol\'s (L2) on the clean lab', async () => {
    const result = await runScenario(eject, { timeouts: FAST });
    expect(result.exitCode, summary(result)).toBe(0);
    const l2 = result.notes.filter((n) => n.id === 'L2').map((n) => n.description);
    expect(l2.some((t) => /^the focus sent its BYE in D1 too \(seq \d+\)$/.test(t))).toBe(true);
    expect(l2.some((t) => /^the IM MCU sent its BYE in D3 too \(seq \d+\)$/.test(t))).toBe(true);
  }, 30_000);

  it('passes when the focus answers the C3P INFO with a direct 200 (brief §7.4) and over plain TCP', async () => {
    const lab = await startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tcp', c3pStyle: '200' });
    try {
      const result = await runScenario(eject, { target: { host: lab.host, port: lab.port, transport: 'tcp' }, timeouts: FAST });
      expect(result.exitCode, summary(result)).toBe(0);
      const alice = result.records.filter((r) => r.role === 'alice' && r.direction === 'in' && r.dialog === 'D1');
      expect(alice.some((r) => r.label === '200 OK deleteUser success')).toBe(true);
      expect(result.steps.flatMap((s) => s.checks).some((c) => c.id === 'O1')).toBe(false);
    } finally {
      await lab.stop();
    }
  }, 30_000);
});

/** Fault → the scenario that must catch it, the assertion id and the words the first failure must contain. */
const FAULTS: readonly [fault: string, scenario: 'eject' | 'eject-passive', id: string, mentions: RegExp][] = [
  ['omit-focus-bye', 'eject-passive', 'E3', /carol: expected BYE in D1 from the focus[\s\S]*nothing arrived in D1 after seq \d+/],
  ['omit-mcu-bye', 'eject-passive', 'E4', /carol: expected BYE in D3 from the mcu[\s\S]*nothing arrived in D3 after seq \d+/],
  ['keep-ejected-subscription', 'eject', 'E5', /carol: expected BENOTIFY or NOTIFY in D2 where subscription-state is terminated[\s\S]*nearest miss on carol connection: seq \d+ BENOTIFY/],
  ['skip-roster-version', 'eject', 'E6', /no version gap[\s\S]*missing v\d+/],
  ['repeat-roster-version', 'eject', '7.1.6', /roster versions only go forward[\s\S]*stale/],
  ['omit-deleted-update', 'eject', 'E6', /bob: expected the roster not to list sip:carol@contoso\.com[\s\S]*lists [^\n]*carol/],
  ['eject-reports-failure', 'eject', 'E2', /alice: expected a C3P deleteUser response with code="success"[\s\S]*C3P deleteUser failure/],
  ['malformed-benotify-xml', 'eject', '7.1.1', /well-formed/],
  ['wrong-content-length', 'eject', '7.1.1', /BENOTIFY application\/conference-info\+xml body[\s\S]*Content-Length/],
  ['c3p-response-never-sent', 'eject', 'E2', /no C3P response for requestId \d+ arrived in a focus INFO after the 202/],
  ['ended-dialog-still-answered', 'eject', 'E3', /step "Requests on Carol's ended D1 and D3 get 481": carol: expected a 481 to the INFO Carol sends on her ended D1[\s\S]*instead: 200 OK/],
  ['ended-dialog-still-answered', 'eject-passive', 'E3', /carol: expected a 481 to the INFO Carol sends on her ended D1[\s\S]*instead: 200 OK/],
  ['drop-connection-mid-eject', 'eject', 'connection', /alice: expected the server keeps alice's connection open[\s\S]*the server ended the connection after seq \d+/],
];

describe('the ejection scenarios fail precisely under each lab fault', () => {
  for (const [fault, name, id, mentions] of FAULTS) {
    it(`${name} with ${fault} → exit 1${id ? ` [${id}]` : ''}`, async () => {
      const result = await runScenario(findBuiltinScenario(name)!, { faults: [fault], timeouts: FAST });
      expect(result.status, summary(result)).toBe('failed');
      expect(result.exitCode).toBe(1);
      const first = result.failures[0]!;
      if (id) expect(first.id, first.message).toBe(id);
      expect(first.message).toMatch(mentions);
      expect(first.step).not.toBe('');
      expect(first.seqs.length + (first.actual ? 1 : 0)).toBeGreaterThan(0);
      expect(result.target).toMatchObject({ embedded: true, faults: [fault] });
    }, 30_000);
  }
});
