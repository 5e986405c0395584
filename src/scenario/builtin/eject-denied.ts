/**
 * Built-in scenario `eject-denied`: an attendee tries to eject someone and is refused
 * (brief §6.11 and §7.3 S-EJECT-DENIED; the focus authorises deleteUser for presenters only).
 *
 * Asserts (MUST): the command is refused — C3P `code="failure"` or a SIP 4xx/6xx; Carol keeps
 * D1/D2/D3 (no BYE, no terminated notification); no roster drops Carol.
 */
import { defineScenario } from '../define-scenario.js';
import { subscriptionTerminated } from '../message-predicates.js';
import { joinAll, registerAll, rostersListEveryone } from './common-steps.js';

export default defineScenario({
  name: 'eject-denied',
  title: 'An attendee tries to eject a participant and is refused',
  spec: 'MS-CONFBAS deleteUser (brief §6.11)',
  roles: ['alice', 'bob', 'carol'],
  async run(ctx) {
    const { alice, bob, carol } = ctx.roles;
    await registerAll(ctx, [alice, bob, carol]);
    const conference = await ctx.step('Alice creates a conference', () => alice.createConference({ subject: 'focus-harness eject-denied' }));
    await joinAll(ctx, conference.focusUri, [alice, bob, carol]);
    await rostersListEveryone(ctx, [alice, bob, carol]);

    const from = ctx.lastSeq();
    await ctx.step('Bob (attendee) tries to eject Carol', async () => {
      const outcome = await bob.eject(carol);
      ctx.expect(outcome).refused({ id: 'S-EJECT-DENIED' });
      if (outcome.response?.reason) ctx.note('S-EJECT-DENIED', `refusal reason: ${outcome.response.reason}`);
    }, { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs });

    await ctx.step('Carol stays in the conference', async () => {
      await ctx.sleep(ctx.timeouts.settleMs);
      await ctx.expect(carol).receivesNo({ method: 'BYE' }, { id: 'S-EJECT-DENIED', since: from, during: 0 });
      await ctx.expect(carol).receivesNo({ method: ['BENOTIFY', 'NOTIFY'], where: subscriptionTerminated() }, { id: 'S-EJECT-DENIED', since: from, during: 0 });
      ctx.expect(carol).dialogs({ focus: 'active', roster: 'active', im: 'active' }, { id: 'S-EJECT-DENIED' });
      for (const viewer of [alice, bob]) await ctx.expect(viewer).roster.has(carol, { id: 'S-EJECT-DENIED', within: 0 });
    });
  },
});
