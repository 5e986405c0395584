/**
 * Built-in scenarios `promote-denied` and `lock-denied`: an attendee tries a presenter command on
 * itself / the conference and is refused (brief §4.11 "who may do what", §7.3 S-EJECT-DENIED
 * shape; lab contract §8 item 6).
 *
 * Asserts: MUST C3P `code="failure"` or a SIP 4xx/6xx; MUST nothing changed — every roster still
 * lists the attendee as attendee and the conference unlocked, every dialog active.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, expectNothingChanged, roleNames, setUpConference, title } from './catalog-steps.js';

export function promoteDeniedScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'promote-denied',
    title: 'An attendee tries to promote itself to presenter and is refused',
    spec: 'MS-CONFBAS modifyUserRoles (brief §4.11)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await setUpConference(ctx, endpoints, 'focus-harness promote-denied');
      const attendee = endpoints[1]!;
      const from = ctx.lastSeq();
      await ctx.step(`${title(attendee)} (attendee) tries to make itself presenter`, async () => {
        const outcome = await attendee.setRoles(attendee, ['presenter']);
        ctx.expect(outcome).refused({ id: 'S-PROMOTE-DENIED' });
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
      await expectNothingChanged(ctx, 'S-PROMOTE-DENIED', endpoints, from);
      await ctx.step(`Every roster still shows ${title(attendee)} as attendee`, async () => {
        for (const viewer of endpoints) {
          const roles = viewer.roster.roles(attendee.aor);
          ctx.check(!roles.includes('presenter'), { id: 'S-PROMOTE-DENIED', role: viewer.role, expected: `${attendee.aor} is not presenter`, actual: roles.join(', ') || 'no roles' });
        }
      });
    },
  });
}

export function lockDeniedScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'lock-denied',
    title: 'An attendee tries to lock the conference and is refused',
    spec: 'MS-CONFBAS modifyConferenceLock (brief §4.11)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await setUpConference(ctx, endpoints, 'focus-harness lock-denied');
      const attendee = endpoints[1]!;
      const from = ctx.lastSeq();
      await ctx.step(`${title(attendee)} (attendee) tries to lock the conference`, async () => {
        const outcome = await attendee.lock(true);
        ctx.expect(outcome).refused({ id: 'S-LOCK-DENIED' });
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
      await expectNothingChanged(ctx, 'S-LOCK-DENIED', endpoints, from);
      await ctx.step('Every roster still shows the conference unlocked', async () => {
        for (const viewer of endpoints) {
          ctx.check(!viewer.roster.locked, { id: 'S-LOCK-DENIED', role: viewer.role, expected: 'the conference is not locked', actual: `locked=${viewer.roster.locked}` });
        }
      });
    },
  });
}
