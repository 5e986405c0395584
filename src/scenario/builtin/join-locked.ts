/**
 * Built-in scenario `join-locked`: the organizer locks the conference and a newcomer's focus
 * INVITE is refused — a MUST here, where `lock` only warns (brief §6.10 step 4, §7.3 S-LOCK;
 * MS-CONFBAS modifyConferenceLock).
 *
 * Asserts: MUST the lock succeeds and every roster shows it; MUST the newcomer's addUser is refused
 * (SIP 4xx/6xx or C3P failure) and it holds no focus dialog; MUST nothing changed for the members
 * and no roster lists the newcomer.
 */
import type { Endpoint } from '../../endpoint/index.js';
import { defineScenario, type Scenario } from '../define-scenario.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, expectNothingChanged, roleNames, setUpConference, title } from './catalog-steps.js';
import { rostersShowLock } from './lock.js';

const ID = 'S-JOIN-LOCKED';

export function joinLockedScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'join-locked',
    title: 'A newcomer tries to join a locked conference and is refused',
    spec: 'MS-CONFBAS modifyConferenceLock, addUser (brief §6.10)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      const members = endpoints.slice(0, -1);
      const newcomer = endpoints.at(-1) as Endpoint;
      const organizer = endpoints[0] as Endpoint;
      const { focusUri } = await setUpConference(ctx, endpoints, 'focus-harness join-locked', members);
      await ctx.step(`${title(organizer)} locks the conference`, async () => {
        const outcome = await organizer.lock(true);
        ctx.expect(outcome).c3pSuccess({ id: 'S-LOCK', command: 'modifyConferenceLock' });
        await rostersShowLock(ctx, members, true, 'S-LOCK');
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
      const from = ctx.lastSeq();
      await ctx.step(`${title(newcomer)} tries to join the locked conference`, async () => {
        const joined = await newcomer.join(focusUri, { subscribe: true, im: true });
        ctx.expect(joined.focus).refused({ id: ID });
        const focus = newcomer.dialogState().focus;
        ctx.check(focus !== 'active', { id: ID, role: newcomer.role, expected: 'no focus dialog (D1) for the refused newcomer', actual: `D1 ${focus}` });
      });
      await expectNothingChanged(ctx, ID, members, from, [newcomer.aor]);
      await ctx.step('Every roster still shows the conference locked', async () => {
        for (const viewer of members) {
          ctx.check(viewer.roster.locked, { id: ID, role: viewer.role, expected: 'the conference is still locked', actual: `locked=${viewer.roster.locked}` });
        }
      });
    },
  });
}
