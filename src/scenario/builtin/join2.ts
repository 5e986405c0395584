/**
 * Built-in scenario `join2`: later participants join and every earlier subscriber learns of them
 * (roster propagation; RFC 4575 §4.6; brief §6.4; §7.3 S-JOIN2).
 *
 * Asserts: MUST after each join every subscriber's merged roster lists the new user; SHOULD the
 * joiner's own first full roster already lists everyone present; MUST versions never go back.
 */
import type { Endpoint } from '../../endpoint/index.js';
import { defineScenario, type Scenario } from '../define-scenario.js';
import { registerAll } from './common-steps.js';
import { createConference, DEFAULT_ROLE_COUNT, endpointsOf, roleNames, title } from './catalog-steps.js';

export function join2Scenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'join2',
    title: 'Later participants join; every roster learns about each of them',
    spec: 'RFC 4575 §4.6, MS-CONFBAS 2.2.2.2 (brief §6.4)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await registerAll(ctx, endpoints);
      const { focusUri } = await createConference(ctx, endpoints[0]!, 'focus-harness join2');
      const present: Endpoint[] = [];
      for (const joiner of endpoints) {
        await ctx.step(`${title(joiner)} joins; everyone already there sees it`, async () => {
          const joined = await joiner.join(focusUri, { subscribe: true, im: true });
          ctx.expect(joined.focus).c3pSuccess({ id: 'S-JOIN', command: 'addUser' });
          for (const earlier of present) {
            await ctx.expect(joiner).roster.has(earlier, { id: 'S-JOIN2', severity: 'SHOULD' });
          }
          present.push(joiner);
          for (const viewer of present) await ctx.expect(viewer).roster.has(joiner, { id: 'S-JOIN2' });
        }, { timeout: ctx.timeouts.stepMs * 2 });
      }
      await ctx.step('Every roster shows everyone in the IM session', async () => {
        for (const viewer of endpoints) for (const member of endpoints) await ctx.expect(viewer).roster.inChat(member, { id: 'S-JOIN2' });
      });
    },
  });
}

export default join2Scenario();
