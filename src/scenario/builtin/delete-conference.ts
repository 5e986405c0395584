/**
 * Built-in scenario `delete-conference`: the organizer deletes a live conference; everyone in it
 * is removed (MS-CONFBAS 2.2.3.14; brief §6.12; lab contract §8 item 1).
 *
 * The organizer is scripted (the emulated endpoint sends no deleteConference): it registers,
 * creates the conference by SERVICE and, once the others are in, deletes it by SERVICE.
 * Asserts: MUST 200 with C3P success echoing the focus URI; MUST every participant's D2 ends (a
 * terminated notification or a `deleted` document), its D1 gets a focus BYE and its D3 an MCU BYE.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { subscriptionTerminated } from '../message-predicates.js';
import { bareUri, joinAll, registerAll, rostersListEveryone } from './common-steps.js';
import { c3pBody, c3pOf, DEFAULT_ROLE_COUNT, endpointsOf, roleNames, scriptedUser, title } from './catalog-steps.js';

export function deleteConferenceScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'delete-conference',
    title: 'The organizer deletes a live conference; everyone is removed',
    spec: 'MS-CONFBAS 2.2.3.14 (brief §6.12)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      const participants = endpoints.slice(1);
      const organizer = scriptedUser(ctx, endpoints[0]!.role, endpoints[0]!.aor);
      const factoryUri = `${organizer.aor};gruu;opaque=app:conf:focusfactory`;
      try {
        const focusUri = await ctx.step(`${title(organizer)} (scripted) registers and creates a conference`, async () => {
          await organizer.connect();
          const registered = await organizer.register();
          ctx.check(registered.status === 200, { id: 'S-REG', role: organizer.role, expected: '200 to REGISTER', actual: `${registered.status} ${registered.reason}` });
          const body = c3pBody(organizer, factoryUri, { name: 'addConference', conferenceId: `${Date.now().toString(16).toUpperCase()}ABCDEF01`.slice(0, 24), entityViews: ['chat'], subject: 'focus-harness delete-conference' });
          const response = await organizer.request('SERVICE', factoryUri, { contentType: 'application/cccp+xml', body, headers: [['Supported', 'ms-sender']] });
          const c3p = c3pOf(response);
          ctx.check(response.status === 200 && c3p?.code === 'success' && c3p.focusUri !== undefined, { id: 'S-CREATE', role: organizer.role, expected: '200 with addConference code="success" and a focus URI', actual: `${response.status}${c3p ? ` code="${c3p.code}"` : ''}` });
          return c3p!.focusUri!;
        });
        await registerAll(ctx, participants);
        await joinAll(ctx, focusUri, participants);
        await rostersListEveryone(ctx, participants);
        const from = ctx.lastSeq();
        await ctx.step(`${title(organizer)} deletes the conference (deleteConference)`, async () => {
          const body = c3pBody(organizer, factoryUri, { name: 'deleteConference', confEntity: focusUri });
          const response = await organizer.request('SERVICE', factoryUri, { contentType: 'application/cccp+xml', body });
          const c3p = c3pOf(response);
          ctx.check(response.status === 200 && c3p?.code === 'success', { id: 'S-DELETE', role: organizer.role, expected: '200 with deleteConference code="success"', actual: `${response.status}${c3p ? ` code="${c3p.code}"${c3p.reason ? ` reason="${c3p.reason}"` : ''}` : ''}` });
          ctx.check(c3p?.focusUri !== undefined && bareUri(c3p.focusUri) === bareUri(focusUri), { id: 'S-DELETE', role: organizer.role, expected: `the response echoes conference-info entity ${focusUri}`, actual: c3p?.focusUri ?? 'none' });
        });
        await ctx.step('Every participant is removed: D2 ends, D1 and D3 get BYEs', async () => {
          for (const member of participants) {
            const ended = await ctx.expect(member).receives({ method: ['BENOTIFY', 'NOTIFY'], dialog: 'D2', where: subscriptionTerminated() }, { id: 'S-DELETE', since: from });
            if (ended === undefined) continue;
            await ctx.expect(member).receives({ method: 'BYE', dialog: 'D1' }, { id: 'S-DELETE', since: from });
            await ctx.expect(member).receives({ method: 'BYE', dialog: 'D3' }, { id: 'S-DELETE', since: from });
            const deleted = member.received.some((m) => m.seq > from && m.dialog === 'D2' && /<(?:\w+:)?conference-info\b[^>]*\bstate="deleted"/.test(m.message.body.toString('utf8', 0, 2048)));
            ctx.check(deleted, { id: 'S-DELETE', severity: 'SHOULD', role: member.role, expected: 'a conference-info state="deleted" document before the termination', actual: deleted ? 'present' : 'none' });
          }
        });
      } finally {
        await organizer.close();
      }
    },
  });
}

export default deleteConferenceScenario();
