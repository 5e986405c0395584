/**
 * The last catalog flows of issue 5 against the embedded lab focus (real TLS on 127.0.0.1, a lab
 * per run): `modify-conference` (MS-CONFBAS 4.4.10, S-MODCONF) and `mcu-types` (MS-CONFPRO 4.7,
 * S-MCU-TYPES) pass against the clean focus and fail under the fault switch each exists to catch,
 * the diagnostic naming the expectation id.
 */
import { describe, expect, it } from 'vitest';
import { flowScenarios } from '../../src/scenario/builtin/catalog.js';
import { mcuTypesScenario } from '../../src/scenario/builtin/mcu-types.js';
import { modifyConferenceScenario } from '../../src/scenario/builtin/modify-conference.js';
import { runScenario } from '../../src/scenario/index.js';
import { LAB_FAULTS } from '../../src/labfocus/lab-faults.js';
import { expectCaught, expectClean } from './run-result-checks.js';

/** A faulty run waits once for a change that never comes: shorter, but not so short that set-up fails first. */
const FAULTY = { expectMs: 3000 };

describe('modify-conference and mcu-types', () => {
  it('are flows of the catalog, with a title, a spec section and N roles; their faults name them', () => {
    const names = flowScenarios().map((s) => s.name);
    expect(names.slice(-2)).toEqual(['modify-conference', 'mcu-types']);
    expect(modifyConferenceScenario().spec).toContain('MS-CONFBAS 4.4.10');
    expect(mcuTypesScenario().spec).toContain('MS-CONFPRO 4.7');
    expect(modifyConferenceScenario(5).roles).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(mcuTypesScenario(1).roles).toEqual(['alice']);
    expect(LAB_FAULTS.find((f) => f.name === 'ignore-modify-conference')?.caughtBy).toEqual(['modify-conference']);
    expect(LAB_FAULTS.find((f) => f.name === 'mcu-types-omit-chat')?.caughtBy).toEqual(['mcu-types']);
  });

  it.concurrent('modify-conference passes against the clean lab focus and ignore-modify-conference makes S-MODCONF fail', async () => {
    const [clean, faulty] = await Promise.all([
      runScenario(modifyConferenceScenario(3)),
      runScenario(modifyConferenceScenario(3), { faults: ['ignore-modify-conference'], timeouts: FAULTY }),
    ]);
    expectClean(clean, 'S-MODCONF');
    expectCaught(faulty, 'S-MODCONF');
    expect(faulty.failures[0]?.step).toBe('Every roster shows the new subject');
    expect(faulty.failures[0]?.actual).toMatch(/subject "focus-harness modify-conference"$/);
  }, 90_000);

  for (const count of [2, 5]) {
    it.concurrent(`modify-conference holds with ${count} roles`, async () => {
      const result = await runScenario(modifyConferenceScenario(count));
      expectClean(result, 'S-MODCONF');
      expect(result.scenario.roles).toHaveLength(count);
    }, 90_000);
  }

  it.concurrent('mcu-types passes against the clean lab focus and mcu-types-omit-chat makes S-MCU-TYPES fail', async () => {
    const [clean, faulty] = await Promise.all([
      runScenario(mcuTypesScenario(3)),
      runScenario(mcuTypesScenario(3), { faults: ['mcu-types-omit-chat'], timeouts: FAULTY }),
    ]);
    expectClean(clean, 'S-MCU-TYPES');
    expectCaught(faulty, 'S-MCU-TYPES');
    expect(faulty.failures[0]?.actual).toBe('no mcuType');
  }, 90_000);
});
