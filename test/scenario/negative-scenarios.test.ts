/**
 * The negative and security scenarios of issue 5 against the embedded lab focus (real TLS on
 * 127.0.0.1, a lab per run): each passes against the clean focus and fails against the fault
 * switch that lets the forbidden thing through, with the diagnostic naming its expectation id.
 */
import { describe, expect, it } from 'vitest';
import { negativeScenarios } from '../../src/scenario/builtin/negative-scenarios.js';
import { runScenario, type Scenario } from '../../src/scenario/index.js';
import { expectCaught, expectClean } from './run-result-checks.js';

/**
 * Clean runs keep the default waits (they spend none of them). A fault run may wait once for a C3P
 * response that never comes, so that wait is shorter — but not so short that a slow machine's
 * set-up fails first under another id.
 */
const CLEAN = {};
const FAULTY = { c3pMs: 3000 };

/** Each negative scenario, the fault it exists to catch, and the expectation that catches it. */
const CAUGHT: readonly { scenario: string; fault: string; id: string }[] = [
  { scenario: 'promote-denied', fault: 'attendee-may-promote', id: 'S-PROMOTE-DENIED' },
  { scenario: 'lock-denied', fault: 'attendee-may-lock', id: 'S-LOCK-DENIED' },
  { scenario: 'outsider-subscribe', fault: 'outsider-may-subscribe', id: 'S-OUTSIDER-SUBSCRIBE' },
  { scenario: 'outsider-im', fault: 'outsider-may-join-mcu', id: 'S-OUTSIDER-IM' },
  { scenario: 'forged-from', fault: 'trust-from-header', id: 'S-FORGED-FROM' },
  { scenario: 'join-locked', fault: 'locked-admits-joiner', id: 'S-JOIN-LOCKED' },
  { scenario: 'c3p-malformed', fault: 'accepts-malformed-c3p', id: 'S-C3P-MALFORMED' },
  { scenario: 'c3p-unknown', fault: 'unknown-command-succeeds', id: 'S-C3P-UNKNOWN' },
  { scenario: 'delete-unknown', fault: 'delete-unknown-user-succeeds', id: 'S-DELETE-UNKNOWN' },
];

function byName(count: number, name: string): Scenario {
  const scenario = negativeScenarios(count).find((s) => s.name === name);
  if (!scenario) throw new Error(`no negative scenario ${name}`);
  return scenario;
}

describe('negative scenarios', () => {
  it('are the nine of issue 5, each with a title, a spec section and the requested roles', () => {
    expect(negativeScenarios().map((s) => s.name)).toEqual(CAUGHT.map((c) => c.scenario));
    for (const s of negativeScenarios()) {
      expect(s.title.length).toBeGreaterThan(10);
      expect(s.spec).toBeTruthy();
      expect(s.roles).toEqual(['alice', 'bob', 'carol']);
    }
    expect(byName(5, 'forged-from').roles).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(byName(1, 'join-locked').roles).toEqual(['alice', 'bob']);
    expect(byName(1, 'c3p-unknown').roles).toEqual(['alice']);
  });

  for (const { scenario, fault, id } of CAUGHT) {
    it.concurrent(`${scenario} passes against the clean lab focus and ${fault} makes ${id} fail`, async () => {
      const [clean, faulty] = await Promise.all([
        runScenario(byName(3, scenario), { timeouts: CLEAN }),
        runScenario(byName(3, scenario), { faults: [fault], timeouts: FAULTY }),
      ]);
      expectClean(clean);
      expect(clean.steps.flatMap((s) => s.checks.map((c) => c.id))).toContain(id);
      expectCaught(faulty, id);
    }, 90_000);
  }

  for (const count of [2, 5]) {
    it.concurrent(`forged-from and join-locked hold with ${count} roles`, async () => {
      const [forged, locked, forgedFaulty] = await Promise.all([
        runScenario(byName(count, 'forged-from'), { timeouts: CLEAN }),
        runScenario(byName(count, 'join-locked'), { timeouts: CLEAN }),
        runScenario(byName(count, 'forged-from'), { faults: ['trust-from-header'], timeouts: FAULTY }),
      ]);
      expectClean(forged);
      expectClean(locked);
      expect(forged.scenario.roles).toHaveLength(count);
      expectCaught(forgedFaulty, 'S-FORGED-FROM');
    }, 90_000);
  }
});
