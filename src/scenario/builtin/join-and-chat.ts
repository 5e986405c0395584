/**
 * Built-in scenario `join-and-chat`: three users join an IM conference and Bob writes to it
 * (MS-CONFIM 4.2.1; brief §6.5 and §7.3 S-JOIN, S-JOIN2, S-IM).
 *
 * Asserts: the MESSAGE is accepted (202 or 200, MUST) with a Message-Id (SHOULD); Alice and Carol
 * each receive it in D3 (MUST) naming Bob in Ms-Sender (SHOULD); Bob does not get his own message
 * back (MUST — the MCU forwards to the *other* participants); an IMDN BENOTIFY reaches Bob (SHOULD).
 */
import { defineScenario } from '../define-scenario.js';
import { bodyContains, contentType, header } from '../message-predicates.js';
import { bareUri, joinAll, registerAll, rostersListEveryone } from './common-steps.js';

export default defineScenario({
  name: 'join-and-chat',
  title: 'Three users join an IM conference; an IM fans out to the others',
  spec: 'MS-CONFIM 4.2.1',
  roles: ['alice', 'bob', 'carol'],
  async run(ctx) {
    const { alice, bob, carol } = ctx.roles;
    await registerAll(ctx, [alice, bob, carol]);
    const conference = await ctx.step('Alice creates a conference', () => alice.createConference({ subject: 'focus-harness chat' }));
    await joinAll(ctx, conference.focusUri, [alice, bob, carol]);
    await rostersListEveryone(ctx, [alice, bob, carol]);

    const text = `hello from bob ${ctx.clock.now() % 100000}`;
    const sentFrom = ctx.lastSeq();
    await ctx.step('Bob says hello in the IM MCU dialog (D3)', async () => {
      const response = await bob.say(text);
      ctx.check(response.status === 202 || response.status === 200, { id: 'S-IM', role: 'bob', expected: '202 Accepted (or 200) to the MESSAGE', actual: `${response.status} ${response.reason}` });
      ctx.check(response.headers.has('Message-Id'), { id: 'S-IM', severity: 'SHOULD', role: 'bob', expected: 'a Message-Id header on the 202', actual: response.headers.get('Message-Id') ?? 'missing' });
    });

    await ctx.step('Alice and Carol receive it with Ms-Sender naming Bob', async () => {
      for (const reader of [alice, carol]) {
        const got = await ctx.expect(reader).receives({ method: 'MESSAGE', dialog: 'D3', where: bodyContains(text) }, { id: 'S-IM', since: sentFrom });
        if (!got) continue;
        const sender = header('Ms-Sender').test(got);
        const named = got.message.headers.get('Ms-Sender');
        ctx.check(sender === undefined && named !== undefined && bareUri(named) === bareUri(bob.aor), {
          id: 'S-IM', severity: 'SHOULD', role: reader.role, expected: `Ms-Sender names ${bob.aor}`, actual: named ?? 'missing', seqs: [got.seq],
        });
      }
    });

    await ctx.step('Bob does not get his own message back; his IMDN arrives', async () => {
      await ctx.expect(bob).receives({ method: 'BENOTIFY', dialog: 'D3', where: contentType('application/ms-imdn+xml') }, { id: 'S-IM', severity: 'SHOULD', since: sentFrom });
      await ctx.expect(bob).receivesNo({ method: 'MESSAGE', where: bodyContains(text) }, { id: 'S-IM', since: sentFrom });
    });
  },
});
