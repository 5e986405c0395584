/**
 * Built-in scenario `forged-from`: Mallory, registered on her own connection but not a presenter,
 * writes a deleteUser into the organizer's focus dialog with `From:` the organizer (brief §4.11
 * "who may do what"; lab contract: a connection speaks only for the AOR registered on it).
 *
 * The dialog identifiers (Call-ID, tags, remote target, route set, CSeq) are read off the
 * organizer's own traffic, as an eavesdropper on the path would: the only thing wrong with the
 * request is who sends it.
 *
 * Asserts: MUST a SIP 4xx/6xx or a C3P `code="failure"` (S-FORGED-FROM); MUST nothing changed —
 * the victim keeps D1/D2/D3, every roster lists every member and not Mallory.
 */
import type { Endpoint } from '../../endpoint/index.js';
import { getCSeq, getFrom, getTo, parseNameAddr } from '../../sip/index.js';
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
  scriptedUser,
  setUpConference,
  title,
} from './catalog-steps.js';
import type { ScriptedDialog } from './scripted-user.js';

const ID = 'S-FORGED-FROM';

/**
 * `owner`'s focus dialog D1 as it shows on the wire: the 2xx to its focus INVITE gives the Call-ID,
 * both tags, the remote target and the route set (RFC 3261 §12.1.2); the CSeq continues after the
 * highest one `owner` has sent in it.
 */
function focusDialogSeenOnTheWire(ctx: ScenarioContext, owner: Endpoint): ScriptedDialog | undefined {
  const accepted = owner.received.findLast(
    (m) => m.dialog === 'D1' && m.message.kind === 'response' && m.message.status >= 200 && m.message.status < 300 && getCSeq(m.message).method === 'INVITE',
  );
  if (!accepted) return undefined;
  const response = accepted.message;
  const callId = response.headers.get('call-id') ?? '';
  const to = getTo(response);
  const contact = response.headers.get('contact');
  const sent = ctx
    .trace(owner.role)
    .filter((r) => r.direction === 'out' && r.callId === callId && !r.firstLine.startsWith('SIP/2.0'))
    .map((r) => Number.parseInt(r.cseq, 10))
    .filter((n) => Number.isFinite(n));
  return {
    callId,
    localTag: getFrom(response).params.get('tag') ?? '',
    remoteTag: to.params.get('tag') ?? '',
    remoteUri: to.uri,
    remoteTarget: contact ? parseNameAddr(contact).uri : to.uri,
    cseq: Math.max(0, ...sent),
    label: 'D1',
  };
}

/** The route set of a UAC dialog: the 2xx's Record-Route in reverse order (RFC 3261 §12.1.2). */
function routeHeaders(owner: Endpoint, callId: string): [string, string][] {
  const accepted = owner.received.findLast((m) => m.message.kind === 'response' && m.message.headers.get('call-id') === callId);
  const recordRoute = accepted?.message.headers.getValues('record-route') ?? [];
  return [...recordRoute].reverse().map((value): [string, string] => ['Route', value]);
}

export function forgedFromScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'forged-from',
    title: "A user forges the organizer's From to eject someone and is refused",
    spec: 'MS-CONFBAS deleteUser; RFC 3261 §22 / §26.1 (brief §4.11)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      const { focusUri } = await setUpConference(ctx, endpoints, 'focus-harness forged-from');
      const organizer = endpoints[0] as Endpoint;
      const victim = endpoints.at(-1) as Endpoint;
      const mallory = scriptedUser(ctx, 'mallory');
      try {
        await ctx.step('Mallory (scripted, not in the conference) connects and registers', async () => {
          await mallory.connect();
          const registered = await mallory.register();
          ctx.check(registered.status === 200, { id: 'S-REG', role: mallory.role, expected: '200 OK to REGISTER', actual: `${registered.status} ${registered.reason}` });
        });
        const from = ctx.lastSeq();
        await ctx.step(`Mallory sends deleteUser ${title(victim)} in ${title(organizer)}'s focus dialog, From: ${title(organizer)}`, async () => {
          const stolen = focusDialogSeenOnTheWire(ctx, organizer);
          ctx.check(stolen !== undefined, { id: ID, role: organizer.role, expected: `${title(organizer)}'s focus dialog (D1) seen on the wire`, actual: stolen ? stolen.callId : 'no 2xx to a focus INVITE' });
          const dialog = stolen as ScriptedDialog;
          const { body, requestId } = c3pRequest(organizer, focusUri, { name: 'deleteUser', confEntity: focusUri, userEntity: victim.aor });
          const outcome = await scriptedC3pInfo(ctx, mallory, dialog, body, { fromAor: organizer.aor, headers: routeHeaders(organizer, dialog.callId), requestId });
          expectScriptedRefusal(ctx, ID, mallory, outcome, `a request whose From is ${organizer.aor} but which comes from ${mallory.aor}'s connection refused (SIP 403 or C3P failure)`);
        }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });
        await expectNothingChanged(ctx, ID, endpoints, from, [mallory.aor]);
      } finally {
        await mallory.close();
      }
    },
  });
}
