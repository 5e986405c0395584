/**
 * Built-in scenario `im`: one participant writes into the IM MCU; it fans out to the others
 * (MS-CONFIM 4.2.1; brief §4.7, §6.5; §7.3 S-IM).
 *
 * Asserts: MUST 202 (or 200) to the MESSAGE, SHOULD with `Message-Id`; MUST every other
 * participant receives it once in D3; SHOULD `Ms-Sender` names the author; MUST the author does
 * not get it back; SHOULD an IMDN BENOTIFY reaches the author with the same `message-id`.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { bodyContains, contentType } from '../message-predicates.js';
import { bareUri } from './common-steps.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, roleNames, setUpConference, title } from './catalog-steps.js';

export function imScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 2);
  return defineScenario({
    name: 'im',
    title: 'An IM fans out to the other participants with Ms-Sender, no echo and a delivery report',
    spec: 'MS-CONFIM 4.2.1 (brief §6.5)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await setUpConference(ctx, endpoints, 'focus-harness im');
      const author = endpoints[1]!;
      const readers = endpoints.filter((e) => e !== author);
      const text = `hello from ${author.role} ${ctx.clock.now() % 1_000_000}`;
      const sentFrom = ctx.lastSeq();
      const messageId = await ctx.step(`${title(author)} writes into the IM MCU dialog (D3)`, async () => {
        const response = await author.say(text);
        ctx.check(response.status === 202 || response.status === 200, { id: 'S-IM', role: author.role, expected: '202 Accepted (or 200) to the MESSAGE', actual: `${response.status} ${response.reason}` });
        const id = response.headers.get('Message-Id');
        ctx.check(id !== undefined, { id: 'S-IM', severity: 'SHOULD', role: author.role, expected: 'a Message-Id header on the 202', actual: id ?? 'missing' });
        return id;
      });
      await ctx.step('Every other participant receives it once, naming the author', async () => {
        for (const reader of readers) {
          const got = await ctx.expect(reader).receives({ method: 'MESSAGE', dialog: 'D3', where: bodyContains(text) }, { id: 'S-IM', since: sentFrom });
          if (!got) continue;
          const named = got.message.headers.get('Ms-Sender');
          ctx.check(named !== undefined && bareUri(named) === bareUri(author.aor), { id: 'S-IM', severity: 'SHOULD', role: reader.role, expected: `Ms-Sender names ${author.aor}`, actual: named ?? 'missing', seqs: [got.seq] });
          const copies = reader.received.filter((m) => m.seq > sentFrom && m.message.kind === 'request' && m.message.method === 'MESSAGE' && m.message.body.includes(text));
          ctx.check(copies.length === 1, { id: 'S-IM', role: reader.role, expected: 'the MESSAGE arrives exactly once', actual: `${copies.length} copies`, seqs: copies.map((m) => m.seq) });
        }
      });
      await ctx.step(`${title(author)} does not get the message back; the IMDN arrives`, async () => {
        const imdn = await ctx.expect(author).receives({ method: 'BENOTIFY', dialog: 'D3', where: contentType('application/ms-imdn+xml') }, { id: 'S-IM', severity: 'SHOULD', since: sentFrom });
        if (imdn && messageId !== undefined) {
          const reported = /<message-id>\s*([^<\s]+)\s*<\/message-id>/.exec(imdn.message.body.toString('utf8'))?.[1];
          ctx.check(reported === messageId, { id: 'S-IM', severity: 'SHOULD', role: author.role, expected: `the IMDN message-id is ${messageId}`, actual: reported ?? 'missing', seqs: [imdn.seq] });
        }
        await ctx.expect(author).receivesNo({ method: 'MESSAGE', where: bodyContains(text) }, { id: 'S-IM', since: sentFrom });
      });
    },
  });
}

export default imScenario();
