/**
 * Built-in scenario `query`: a participant asks the focus for the conference definition with
 * getConference (MS-CONFPRO 4.5; brief §6.12; §7.3).
 *
 * Asserts: MUST 2xx and C3P `code="success"`; MUST the definition is the conference's (entity =
 * the focus URI); SHOULD it lists every participant.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { bareUri } from './common-steps.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, roleNames, setUpConference, title } from './catalog-steps.js';

export function queryScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 1);
  return defineScenario({
    name: 'query',
    title: 'A participant queries the conference definition (getConference)',
    spec: 'MS-CONFPRO 4.5 (brief §6.12)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      const { focusUri } = await setUpConference(ctx, endpoints, 'focus-harness query');
      const asker = endpoints.at(-1)!;
      await ctx.step(`${title(asker)} sends getConference`, async () => {
        const outcome = await asker.getConference();
        ctx.expect(outcome).sipAccepted({ id: 'S-QUERY' });
        ctx.expect(outcome).c3pSuccess({ id: 'S-QUERY', command: 'getConference' });
        const definition = outcome.response?.conference;
        const entity = definition?.entity ?? outcome.response?.focusUri;
        ctx.check(entity !== undefined && bareUri(entity) === bareUri(focusUri), { id: 'S-QUERY', role: asker.role, expected: `the definition of ${focusUri}`, actual: entity ?? 'no conference-info' });
        const listed = (definition?.users?.users ?? []).map((u) => bareUri(u.entity));
        for (const member of endpoints) {
          ctx.check(listed.includes(bareUri(member.aor)), { id: 'S-QUERY', severity: 'SHOULD', role: asker.role, expected: `the definition lists ${member.aor}`, actual: listed.join(', ') || 'no users' });
        }
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
    },
  });
}

export default queryScenario();
