/**
 * Built-in scenario `lock`: the organizer locks the conference, a newcomer is turned away, the
 * organizer unlocks and the newcomer gets in (brief §4.11, §6.10; §7.3 S-LOCK).
 *
 * Asserts: MUST C3P success for lock and unlock; MUST every subscriber's roster shows the lock
 * state (`entity-view[chat]/entity-state/locked`); SHOULD the locked conference refuses the
 * newcomer (brief §7.3; `join-locked` makes it MUST); MUST the newcomer joins after the unlock.
 */
import type { Endpoint } from '../../endpoint/index.js';
import { defineScenario, type Scenario } from '../define-scenario.js';
import type { ScenarioContext } from '../scenario-context.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, roleNames, setUpConference, title } from './catalog-steps.js';

/** MUST: every subscriber's merged roster reaches the lock state `locked`. */
export async function rostersShowLock(ctx: ScenarioContext, viewers: readonly Endpoint[], locked: boolean, id: string): Promise<void> {
  for (const viewer of viewers) {
    const ok = await viewer.waitForRoster((roster) => roster.locked === locked, ctx.timeouts.expectMs);
    ctx.check(ok, { id, role: viewer.role, expected: `the roster shows the conference ${locked ? 'locked' : 'unlocked'}`, actual: `roster v${viewer.roster.version ?? '?'} locked=${viewer.roster.locked}` });
  }
}

export function lockScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'lock',
    title: 'The organizer locks the conference (a newcomer is refused) and unlocks it',
    spec: 'MS-CONFBAS modifyConferenceLock (brief §6.10)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      const members = endpoints.slice(0, -1);
      const newcomer = endpoints.at(-1)!;
      const { focusUri } = await setUpConference(ctx, endpoints, 'focus-harness lock', members);
      const organizer = members[0]!;
      await ctx.step(`${title(organizer)} locks the conference`, async () => {
        const outcome = await organizer.lock(true);
        ctx.expect(outcome).c3pSuccess({ id: 'S-LOCK', command: 'modifyConferenceLock' });
        await rostersShowLock(ctx, members, true, 'S-LOCK');
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
      await ctx.step(`${title(newcomer)} is refused while the conference is locked`, async () => {
        const outcome = await newcomer.joinFocus(focusUri);
        const refused = outcome.sipStatus >= 300 || outcome.response?.code === 'failure';
        ctx.check(refused, { id: 'S-LOCK', severity: 'SHOULD', role: newcomer.role, expected: 'the locked conference refuses (or lobbies) a new joiner', actual: `${outcome.sipStatus}${outcome.response ? ` code="${outcome.response.code}"` : ''}` });
        if (!refused) await newcomer.leave();
      });
      await ctx.step(`${title(organizer)} unlocks the conference`, async () => {
        const outcome = await organizer.lock(false);
        ctx.expect(outcome).c3pSuccess({ id: 'S-LOCK', command: 'modifyConferenceLock' });
        await rostersShowLock(ctx, members, false, 'S-LOCK');
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
      await ctx.step(`${title(newcomer)} joins the unlocked conference`, async () => {
        const joined = await newcomer.join(focusUri, { subscribe: true, im: true });
        ctx.expect(joined.focus).c3pSuccess({ id: 'S-LOCK', command: 'addUser' });
        for (const viewer of endpoints) await ctx.expect(viewer).roster.has(newcomer, { id: 'S-LOCK' });
      });
    },
  });
}

export default lockScenario();
