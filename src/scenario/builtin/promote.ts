/**
 * Built-in scenario `promote`: the organizer makes another participant presenter with
 * modifyUserRoles (brief §4.11, §6.9; §7.3 S-PROMOTE).
 *
 * Asserts: MUST a 2xx and C3P `code="success"` (direct or by INFO); MUST every subscriber's
 * roster gives the promoted user `roles/entry` presenter.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, roleNames, setUpConference, title } from './catalog-steps.js';

export function promoteScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'promote',
    title: 'The organizer promotes a participant to presenter',
    spec: 'MS-CONFBAS modifyUserRoles (brief §6.9)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await setUpConference(ctx, endpoints, 'focus-harness promote');
      const [organizer, promoted] = [endpoints[0]!, endpoints[1]!];
      await ctx.step(`${title(organizer)} makes ${title(promoted)} presenter (modifyUserRoles)`, async () => {
        const outcome = await organizer.setRoles(promoted, ['presenter']);
        ctx.expect(outcome).sipAccepted({ id: 'S-PROMOTE' });
        ctx.expect(outcome).c3pSuccess({ id: 'S-PROMOTE', command: 'modifyUserRoles' });
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
      await ctx.step(`Every roster shows ${title(promoted)} as presenter`, async () => {
        for (const viewer of endpoints) await ctx.expect(viewer).roster.hasRole(promoted, 'presenter', { id: 'S-PROMOTE' });
      });
    },
  });
}

export default promoteScenario();
