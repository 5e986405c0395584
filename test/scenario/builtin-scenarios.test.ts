/**
 * The other built-in scenarios against the embedded lab focus (real TLS on 127.0.0.1), clean and
 * with the lab fault each one is there to catch.
 */
import { describe, expect, it } from 'vitest';
import { imConferenceCatalog } from '../../src/scenario/builtin/catalog.js';
import { builtinScenarios, findBuiltinScenario, runScenario } from '../../src/scenario/index.js';

const FAST = { expectMs: 1500, c3pMs: 1500, settleMs: 100 };

describe('built-in scenarios', () => {
  it('are listed with name, title and spec section', () => {
    const catalog = imConferenceCatalog().map((s) => s.name);
    expect(builtinScenarios.map((s) => s.name)).toEqual(['eject', 'eject-passive', 'eject-denied', 'join-and-chat', ...catalog]);
    expect(catalog).toEqual(expect.arrayContaining(['forged-from', 'join-locked', 'c3p-malformed', 'c3p-unknown', 'delete-unknown']));
    expect(new Set(builtinScenarios.map((s) => s.name)).size).toBe(builtinScenarios.length);
    for (const s of builtinScenarios) {
      expect(s.title.length).toBeGreaterThan(10);
      expect(s.spec).toBeTruthy();
      expect(s.roles).toEqual(['alice', 'bob', 'carol']);
    }
  });

  it('join-and-chat passes; an IM echoed to its author fails it; a missing Ms-Sender only warns', async () => {
    const scenario = findBuiltinScenario('join-and-chat')!;
    const clean = await runScenario(scenario, { timeouts: FAST });
    expect(clean.exitCode, clean.failures.map((f) => f.message).join('\n')).toBe(0);
    expect(clean.warnings).toEqual([]);

    const echo = await runScenario(scenario, { faults: ['echo-im-to-author'], timeouts: FAST });
    expect(echo.exitCode).toBe(1);
    expect(echo.failures[0]!.message).toMatch(/bob: expected no MESSAGE where the body contains "hello from bob[^"]*"[\s\S]*instead: seq \d+ MESSAGE .* in D3/);

    const noSender = await runScenario(scenario, { faults: ['omit-ms-sender'], timeouts: FAST });
    expect(noSender.exitCode).toBe(0);
    expect(noSender.warnings.map((w) => `${w.role} ${w.description} ${w.detail}`)).toEqual([
      'alice Ms-Sender names sip:bob@contoso.com missing',
      'carol Ms-Sender names sip:bob@contoso.com missing',
    ]);
  }, 60_000);

  it('eject-denied passes; a focus that lets an attendee eject fails it', async () => {
    const scenario = findBuiltinScenario('eject-denied')!;
    const clean = await runScenario(scenario, { timeouts: FAST });
    expect(clean.exitCode, clean.failures.map((f) => f.message).join('\n')).toBe(0);
    const allowed = await runScenario(scenario, { faults: ['attendee-may-eject'], timeouts: FAST });
    expect(allowed.exitCode).toBe(1);
    expect(allowed.failures[0]).toMatchObject({ id: 'S-EJECT-DENIED', role: 'bob', step: 'Bob (attendee) tries to eject Carol' });
    expect(allowed.failures[0]!.actual).toBe('SIP 202 Accepted; C3P deleteUser success via the focus INFO');
  }, 60_000);
});
