/**
 * Built-in scenario `create`: each user creates an ad-hoc conference with addConference by
 * SERVICE to its focus factory (brief §4.2, §6.2; §7.3 S-CREATE; MS-CONFPRO 2.2.3).
 *
 * Asserts: MUST 200 with `code="success"` and a focus URI `…;gruu;opaque=app:conf:focus:id:<id>`;
 * MUST the focus URI names the organizer; MUST conference ids differ between conferences.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { bareUri } from './common-steps.js';
import { createConference, DEFAULT_ROLE_COUNT, endpointsOf, roleNames } from './catalog-steps.js';
import { registerAll } from './common-steps.js';

export function createScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count);
  return defineScenario({
    name: 'create',
    title: 'Each user creates an ad-hoc IM conference (addConference)',
    spec: 'MS-CONFPRO 2.2.3 (brief §4.2)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await registerAll(ctx, endpoints);
      const ids = new Set<string>();
      for (const organizer of endpoints) {
        const created = await createConference(ctx, organizer, `focus-harness create ${organizer.role}`);
        // Brief §1.1: the user part of a focus URI is the organizer's AOR.
        ctx.check(bareUri(created.focusUri).startsWith(bareUri(organizer.aor).replace(/^sip:/, 'sip:')), { id: 'S-CREATE', role: organizer.role, expected: `the focus URI names the organizer ${organizer.aor}`, actual: created.focusUri });
        ctx.check(!ids.has(created.conferenceId), { id: 'S-CREATE', role: organizer.role, expected: 'a conference id not used by another conference', actual: created.conferenceId });
        ids.add(created.conferenceId);
      }
    },
  });
}

export default createScenario();
