/**
 * Built-in scenarios `outsider-subscribe` and `outsider-im`: a registered user who never joined
 * the conference (`mallory`, scripted) tries to read the roster or write into the IM MCU (brief
 * §4.5–4.6; lab contract §8 items 3–4: only conference users).
 *
 * Asserts: MUST a SIP 4xx/6xx to the SUBSCRIBE / to the MCU INVITE and to an out-of-dialog
 * MESSAGE; MUST no roster document and no IM reaches the outsider, no participant receives its
 * text; MUST nothing changed for the participants.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { bodyContains } from '../message-predicates.js';
import { isRefusedStatus } from '../refused-status.js';
import { chatUriOf, DEFAULT_ROLE_COUNT, endpointsOf, expectNothingChanged, roleNames, scriptedJoinChat, scriptedUser, setUpConference } from './catalog-steps.js';

export function outsiderSubscribeScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 1);
  return defineScenario({
    name: 'outsider-subscribe',
    title: 'A user who never joined tries to subscribe to the roster and is refused',
    spec: 'RFC 4575 §3, RFC 6665 §4.2.1.1 (brief §4.5)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      const { focusUri } = await setUpConference(ctx, endpoints, 'focus-harness outsider-subscribe');
      const mallory = scriptedUser(ctx, 'mallory');
      const from = ctx.lastSeq();
      try {
        await ctx.step('Mallory (registered, never joined) subscribes to the conference', async () => {
          await mallory.connect();
          await mallory.register();
          const response = await mallory.request('SUBSCRIBE', focusUri, {
            dialog: 'D2',
            headers: [['Event', 'conference'], ['Accept', 'application/conference-info+xml'], ['Supported', 'ms-benotify'], ['Proxy-Require', 'ms-benotify'], ['Expires', '3600']],
          });
          ctx.check(isRefusedStatus(response.status), { id: 'S-OUTSIDER-SUBSCRIBE', role: 'mallory', expected: 'the SUBSCRIBE refused with a 4xx/6xx', actual: `${response.status} ${response.reason}` });
        });
        await ctx.step('No roster document reaches Mallory', async () => {
          await ctx.sleep(ctx.timeouts.settleMs);
          const leaked = mallory.received.find((m) => m.seq > from && m.message.kind === 'request' && m.message.body.length > 0 && /conference-info/i.test(m.message.headers.get('content-type') ?? ''));
          ctx.check(leaked === undefined, { id: 'S-OUTSIDER-SUBSCRIBE', role: 'mallory', expected: 'no conference-info document is sent to a non-participant', actual: leaked ? `seq ${leaked.seq} carries a roster` : 'none', seqs: leaked ? [leaked.seq] : [] });
        });
        await expectNothingChanged(ctx, 'S-OUTSIDER-SUBSCRIBE', endpoints, from, [mallory.aor]);
      } finally {
        await mallory.close();
      }
    },
  });
}

export function outsiderImScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 1);
  return defineScenario({
    name: 'outsider-im',
    title: 'A user who never joined tries to write into the IM MCU and is refused',
    spec: 'MS-CONFIM 4.2.1, OCS "Direct Media INVITE" join (brief §4.6)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      const { focusUri } = await setUpConference(ctx, endpoints, 'focus-harness outsider-im');
      const chatUri = endpoints[0]!.chatUri ?? chatUriOf(focusUri);
      const mallory = scriptedUser(ctx, 'mallory');
      const text = `spam from mallory ${ctx.clock.now() % 1_000_000}`;
      const from = ctx.lastSeq();
      try {
        await ctx.step('Mallory (registered, never joined) INVITEs the IM MCU and sends a MESSAGE', async () => {
          await mallory.connect();
          await mallory.register();
          const invite = await scriptedJoinChat(mallory, chatUri);
          if (invite.dialog) await mallory.inDialog(invite.dialog, 'MESSAGE', { contentType: 'text/plain; charset=UTF-8', body: text }).catch(() => undefined);
          const message = await mallory.request('MESSAGE', chatUri, { contentType: 'text/plain; charset=UTF-8', body: text });
          ctx.check(isRefusedStatus(invite.response.status), { id: 'S-OUTSIDER-IM', role: 'mallory', expected: 'the IM MCU INVITE refused with a 4xx/6xx', actual: `${invite.response.status} ${invite.response.reason}` });
          ctx.check(isRefusedStatus(message.status), { id: 'S-OUTSIDER-IM', role: 'mallory', expected: 'an out-of-dialog MESSAGE to the MCU refused with a 4xx/6xx', actual: `${message.status} ${message.reason}` });
        });
        await ctx.step("No participant receives Mallory's text", async () => {
          for (const member of endpoints) await ctx.expect(member).receivesNo({ method: 'MESSAGE', where: bodyContains(text) }, { id: 'S-OUTSIDER-IM', since: from });
        });
        await expectNothingChanged(ctx, 'S-OUTSIDER-IM', endpoints, from, [mallory.aor]);
      } finally {
        await mallory.close();
      }
    },
  });
}
