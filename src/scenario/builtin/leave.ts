/**
 * Built-in scenario `leave`: the last participant leaves on its own (brief §4.9, §6.8; §7.3
 * S-LEAVE; RFC 6665 §4.1.2.3 unsubscribe, RFC 3261 §15 BYE).
 *
 * Asserts: MUST 2xx to the unsubscribe and to both BYEs; MUST every remaining subscriber's merged
 * roster drops the user; MUST the others keep their dialogs.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { subscriptionTerminated } from '../message-predicates.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, roleNames, setUpConference, title } from './catalog-steps.js';

export function leaveScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'leave',
    title: 'A participant leaves (unsubscribe, BYE to the focus and the IM MCU)',
    spec: 'RFC 6665 §4.1.2.3, RFC 3261 §15 (brief §6.8)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await setUpConference(ctx, endpoints, 'focus-harness leave');
      const leaver = endpoints.at(-1)!;
      const stayers = endpoints.slice(0, -1);
      const from = ctx.lastSeq();
      await ctx.step(`${title(leaver)} unsubscribes and sends BYE in D1 and D3`, async () => {
        await leaver.leave();
        const records = ctx.trace(leaver.role).filter((r) => r.seq > from);
        const sent = records.filter((r) => r.direction === 'out' && /^(BYE|SUBSCRIBE) /.test(r.firstLine));
        ctx.check(sent.length === 3, { id: 'S-LEAVE', role: leaver.role, expected: 'an unsubscribe and two BYEs sent', actual: sent.map((r) => `${r.dialog ?? '?'} ${r.label}`).join('; ') || 'nothing sent' });
        for (const request of sent) {
          const answer = records.find((r) => r.direction === 'in' && r.callId === request.callId && r.cseq === request.cseq && /^SIP\/2\.0 [2-6]\d\d/.test(r.firstLine));
          ctx.check(answer !== undefined && /^SIP\/2\.0 2\d\d/.test(answer.firstLine), { id: 'S-LEAVE', role: leaver.role, expected: `a 2xx to ${request.label} in ${request.dialog ?? '?'}`, actual: answer?.firstLine ?? 'no final response', seqs: answer ? [request.seq, answer.seq] : [request.seq] });
        }
      });
      await ctx.step('The others see the user leave and keep their own dialogs', async () => {
        for (const viewer of stayers) await ctx.expect(viewer).roster.lacks(leaver, { id: 'S-LEAVE' });
        await ctx.sleep(ctx.timeouts.settleMs);
        for (const keeper of stayers) {
          await ctx.expect(keeper).receivesNo({ method: 'BYE' }, { id: 'S-LEAVE', since: from, during: 0 });
          await ctx.expect(keeper).receivesNo({ method: ['BENOTIFY', 'NOTIFY'], where: subscriptionTerminated() }, { id: 'S-LEAVE', since: from, during: 0 });
          ctx.expect(keeper).dialogs({ focus: 'active', roster: 'active', im: 'active' }, { id: 'S-LEAVE' });
        }
      });
    },
  });
}

export default leaveScenario();
