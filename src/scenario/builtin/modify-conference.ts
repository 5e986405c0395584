/**
 * Built-in scenario `modify-conference`: the organizer changes the conference subject with
 * modifyConference over INFO in D1 (MS-CONFBAS 4.4.10; brief §6.13 S-MODCONF).
 *
 * Asserts: MUST a 2xx and C3P `code="success"` (in the 200 or the focus's INFO); MUST every
 * subscriber's merged roster shows the new `conference-description/subject`.
 */
import type { Endpoint } from '../../endpoint/index.js';
import { defineScenario, type Scenario } from '../define-scenario.js';
import type { ScenarioContext } from '../scenario-context.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, roleNames, setUpConference, title } from './catalog-steps.js';

const SUBJECT_AT_CREATION = 'focus-harness modify-conference';
const NEW_SUBJECT = 'focus-harness modify-conference: the subject after modifyConference';

/** MUST: every subscriber's merged roster reaches `subject` (brief §6.13 "roster reflects the change"). */
async function rostersShowSubject(ctx: ScenarioContext, viewers: readonly Endpoint[], subject: string, id: string): Promise<void> {
  for (const viewer of viewers) {
    const ok = await viewer.waitForRoster((roster) => roster.subject === subject, ctx.timeouts.expectMs);
    const seen = viewer.roster.subject;
    ctx.check(ok, { id, role: viewer.role, expected: `the roster's subject to be "${subject}"`, actual: `roster v${viewer.roster.version ?? '?'} subject ${seen === undefined ? 'absent' : `"${seen}"`}` });
  }
}

export function modifyConferenceScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 1);
  return defineScenario({
    name: 'modify-conference',
    title: 'The organizer changes the conference subject (modifyConference)',
    spec: 'MS-CONFBAS 4.4.10 (brief §6.13)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await setUpConference(ctx, endpoints, SUBJECT_AT_CREATION);
      const organizer = endpoints[0]!;
      await ctx.step(`${title(organizer)} changes the subject (modifyConference over INFO in D1)`, async () => {
        const outcome = await organizer.modifyConference({ subject: NEW_SUBJECT });
        ctx.expect(outcome).sipAccepted({ id: 'S-MODCONF' });
        ctx.expect(outcome).c3pSuccess({ id: 'S-MODCONF', command: 'modifyConference' });
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
      await ctx.step('Every roster shows the new subject', async () => {
        await rostersShowSubject(ctx, endpoints, NEW_SUBJECT, 'S-MODCONF');
      }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.expectMs });
    },
  });
}

export default modifyConferenceScenario();
