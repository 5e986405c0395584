/**
 * Built-in scenarios `c3p-malformed` and `c3p-unknown`: a participant (Mallory, scripted, joined
 * to the focus as attendee) sends INFO in its focus dialog with a C3P body that is not well-formed
 * XML, or a well-formed request naming a command nobody implements (MS-CONFPRO 2.2.3; brief §4.11:
 * the focus refuses — parse failure 3006 / not implemented 3004).
 *
 * The command inside is getConference, which any participant may run: a focus that reads past the
 * damage would answer success, and be caught.
 *
 * Asserts: MUST a SIP 4xx/6xx or a C3P `code="failure"` (S-C3P-MALFORMED / S-C3P-UNKNOWN); MUST
 * nothing changed for the members.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import type { ScenarioContext } from '../scenario-context.js';
import {
  c3pRequest,
  DEFAULT_ROLE_COUNT,
  endpointsOf,
  expectNothingChanged,
  expectScriptedRefusal,
  roleNames,
  scriptedC3pInfo,
  scriptedParticipant,
  scriptedUser,
  setUpConference,
} from './catalog-steps.js';

/** A command element name no focus implements. */
const UNKNOWN_COMMAND = 'focusHarnessUnknownCommand';

interface InvalidC3pCase {
  readonly name: string;
  readonly title: string;
  readonly spec: string;
  readonly id: string;
  readonly step: string;
  readonly expected: string;
  /** Damages a well-formed getConference request. */
  damage(body: string): string;
  /** Whether the damaged body still carries its requestId (to match the C3P response on). */
  readonly keepsRequestId: boolean;
}

function invalidC3pScenario(spec: InvalidC3pCase, count: number): Scenario {
  const roles = roleNames(count, 1);
  return defineScenario({
    name: spec.name,
    title: spec.title,
    spec: spec.spec,
    roles,
    async run(ctx: ScenarioContext) {
      const endpoints = endpointsOf(ctx, roles);
      const { focusUri } = await setUpConference(ctx, endpoints, `focus-harness ${spec.name}`);
      const mallory = scriptedUser(ctx, 'mallory');
      try {
        const dialog = await scriptedParticipant(ctx, mallory, focusUri, endpoints);
        const from = ctx.lastSeq();
        await ctx.step(spec.step, async () => {
          const request = c3pRequest(mallory, focusUri, { name: 'getConference', confEntity: focusUri });
          const body = spec.damage(request.body);
          const outcome = await scriptedC3pInfo(ctx, mallory, dialog, body, spec.keepsRequestId ? { requestId: request.requestId } : {});
          expectScriptedRefusal(ctx, spec.id, mallory, outcome, spec.expected);
        }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
        await expectNothingChanged(ctx, spec.id, endpoints, from);
      } finally {
        await mallory.close();
      }
    },
  });
}

export function c3pMalformedScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  return invalidC3pScenario(
    {
      name: 'c3p-malformed',
      title: 'A participant sends a C3P body that is not well-formed XML and is refused',
      spec: 'MS-CONFPRO 2.2.3 (brief §4.11)',
      id: 'S-C3P-MALFORMED',
      step: 'Mallory sends INFO in its focus dialog with a C3P body missing its closing </request>',
      expected: 'a C3P body that is not well-formed refused (SIP 4xx or C3P failure)',
      // Without its end tag the root element never closes: not well-formed XML.
      damage: (body) => body.replace(/<\/request>\s*$/, ''),
      keepsRequestId: false,
    },
    count,
  );
}

export function c3pUnknownScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  return invalidC3pScenario(
    {
      name: 'c3p-unknown',
      title: 'A participant sends a C3P request with an unknown command and is refused',
      spec: 'MS-CONFPRO 2.2.3 (brief §4.11)',
      id: 'S-C3P-UNKNOWN',
      step: `Mallory sends INFO in its focus dialog with the unknown C3P command <${UNKNOWN_COMMAND}>`,
      expected: 'a C3P request with an unknown command refused (C3P failure, e.g. notImplemented, or SIP 4xx)',
      damage: (body) => body.replace(/<(\/?)getConference\b/g, `<$1${UNKNOWN_COMMAND}`),
      keepsRequestId: true,
    },
    count,
  );
}
