/**
 * Built-in scenario `delete-unknown`: the organizer (a presenter) sends deleteUser naming a user
 * who is not in the conference (MS-CONFBAS deleteUser; brief §4.11: the focus answers
 * `code="failure"`, e.g. reason `userDoesNotExist`).
 *
 * Asserts: MUST a C3P `code="failure"` or a SIP 4xx/6xx (S-DELETE-UNKNOWN); MUST nothing changed —
 * dialogs, subscriptions and rosters as before, and no roster lists the stranger.
 */
import { randomBytes } from 'node:crypto';
import type { Endpoint } from '../../endpoint/index.js';
import { defineScenario, type Scenario } from '../define-scenario.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, expectNothingChanged, roleNames, setUpConference, title } from './catalog-steps.js';

const ID = 'S-DELETE-UNKNOWN';

export function deleteUnknownScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 1);
  return defineScenario({
    name: 'delete-unknown',
    title: 'A presenter ejects a user who is not in the conference and is refused',
    spec: 'MS-CONFBAS deleteUser (brief §4.11)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await setUpConference(ctx, endpoints, 'focus-harness delete-unknown');
      const organizer = endpoints[0] as Endpoint;
      const stranger = `sip:nobody.${randomBytes(3).toString('hex')}@${ctx.domain}`;
      const from = ctx.lastSeq();
      await ctx.step(`${title(organizer)} (presenter) ejects ${stranger}, who never joined`, async () => {
        const outcome = await organizer.eject(stranger);
        ctx.expect(outcome).refused({ id: ID });
        if (outcome.response?.reason) ctx.note(ID, `refusal reason: ${outcome.response.reason}`);
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
      await expectNothingChanged(ctx, ID, endpoints, from, [stranger]);
    },
  });
}
