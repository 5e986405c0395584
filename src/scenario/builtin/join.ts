/**
 * Built-in scenario `join`: everyone joins the focus (D1), the roster (D2) and the IM MCU (D3)
 * (brief §4.4–4.6, §6.3; §7.3 S-JOIN).
 *
 * Asserts: MUST 200 to the focus INVITE with C3P success naming our entity and granting a role;
 * MUST the first roster document is `full` and lists us; MUST `conf-uris` has a `chat` entry;
 * MUST 200 to the MCU INVITE with SDP `m=message`; SHOULD a partial shows our chat endpoint.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { bareUri, registerAll } from './common-steps.js';
import { createConference, DEFAULT_ROLE_COUNT, endpointsOf, roleNames, title } from './catalog-steps.js';

export function joinScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count);
  return defineScenario({
    name: 'join',
    title: 'Each user joins the focus, the roster and the IM MCU',
    spec: 'MS-CONFBAS 2.2.3.4, RFC 4575 §4.6 (brief §4.4–4.6)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await registerAll(ctx, endpoints);
      const { focusUri } = await createConference(ctx, endpoints[0]!, 'focus-harness join');
      for (const endpoint of endpoints) {
        const role = endpoint.role;
        await ctx.step(`${title(endpoint)} joins`, async () => {
          const from = ctx.lastSeq();
          const joined = await endpoint.join(focusUri, { subscribe: true, im: true });
          ctx.expect(joined.focus).c3pSuccess({ id: 'S-JOIN', command: 'addUser' });
          const addUser = joined.focus.response;
          ctx.check(addUser?.userEntity !== undefined && bareUri(addUser.userEntity) === bareUri(endpoint.aor), { id: 'S-JOIN', role, expected: `the addUser response names our entity ${endpoint.aor}`, actual: addUser?.userEntity ?? 'no user' });
          ctx.check((addUser?.grantedRoles ?? []).length > 0, { id: 'S-JOIN', role, expected: 'the addUser response grants a role (roles/entry)', actual: (addUser?.grantedRoles ?? []).join(', ') || 'no roles/entry' });
          ctx.check(joined.roster !== undefined && joined.roster.status >= 200 && joined.roster.status < 300, { id: 'S-JOIN', role, expected: '2xx to the conference SUBSCRIBE', actual: joined.roster ? `${joined.roster.status}` : 'not sent' });
          const first = endpoint.received.find((m) => m.seq > from && m.dialog === 'D2' && m.message.body.length > 0);
          const head = first?.message.body.toString('utf8', 0, 4096) ?? '';
          const root = /<(?:\w+:)?conference-info\b[^>]*>/.exec(head)?.[0] ?? '';
          ctx.check(first !== undefined && !/\bstate\s*=\s*"(partial|deleted)"/.test(root), { id: 'S-JOIN', role, expected: 'the first roster document is full', actual: root || 'no roster document', seqs: first ? [first.seq] : [] });
          await ctx.expect(endpoint).roster.has(endpoint, { id: 'S-JOIN' });
          ctx.check(endpoint.roster.chatUri !== undefined, { id: 'S-JOIN', role, expected: 'the roster conf-uris has an entry with purpose chat', actual: endpoint.roster.chatUri ?? 'none' });
          const sdp = joined.im?.body.toString('utf8') ?? '';
          ctx.check(joined.im?.status === 200 && /^m=(x-ms-)?message /m.test(sdp), { id: 'S-JOIN', role, expected: '200 to the IM MCU INVITE with SDP m=message', actual: joined.im ? `${joined.im.status}; ${/^m=.*$/m.exec(sdp)?.[0] ?? 'no m= line'}` : 'not sent' });
          await ctx.expect(endpoint).roster.inChat(endpoint, { id: 'S-JOIN', severity: 'SHOULD' });
        }, { timeout: ctx.timeouts.stepMs * 2 });
      }
    },
  });
}

export default joinScenario();
