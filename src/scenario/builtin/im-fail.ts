/**
 * Built-in scenario `im-fail`: one recipient refuses the IM; the author's delivery report says so
 * (MS-CONFIM 4.2.2; brief §6.6; §7.3 S-IM-FAIL).
 *
 * A scripted participant (`zoe`) joins the focus and the IM MCU and answers every MESSAGE with
 * 480 Temporarily Unavailable. Asserts: MUST 202 to the MESSAGE; MUST the other participants
 * still receive it; MUST an IMDN reaches the author and lists the failing recipient with
 * `status` ≥ 300; SHOULD the working recipients are reported < 300.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { bodyContains, contentType } from '../message-predicates.js';
import { chatUriOf, DEFAULT_ROLE_COUNT, endpointsOf, roleNames, scriptedJoinChat, scriptedJoinFocus, scriptedUser, setUpConference, title } from './catalog-steps.js';

/** `<recipient uri="…"><status>NNN</status>` pairs of an IMDN document (MS-CONFIM IMDN schema). */
function imdnStatuses(xml: string): { uri: string; status: number }[] {
  return [...xml.matchAll(/<recipient\b[^>]*\buri="([^"]*)"[^>]*>([\s\S]*?)<\/recipient>/g)].map((m) => ({
    uri: m[1] ?? '',
    status: Number(/<status>\s*(\d+)\s*<\/status>/.exec(m[2] ?? '')?.[1] ?? 0),
  }));
}

function userPart(aor: string): string {
  return /sips?:([^@;>]+)@/i.exec(aor)?.[1]?.toLowerCase() ?? aor.toLowerCase();
}

export function imFailScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 1);
  return defineScenario({
    name: 'im-fail',
    title: 'A recipient refuses an IM; the delivery report names it with its failure status',
    spec: 'MS-CONFIM 4.2.2 (brief §6.6)',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      const { focusUri } = await setUpConference(ctx, endpoints, 'focus-harness im-fail');
      const zoe = scriptedUser(ctx, 'zoe');
      zoe.messageStatus = 480;
      try {
        await runWithZoe();
      } finally {
        await zoe.close();
      }

      async function runWithZoe(): Promise<void> {
      await ctx.step('Zoe joins the focus and the IM MCU, and will refuse every MESSAGE', async () => {
        await zoe.connect();
        const registered = await zoe.register();
        ctx.check(registered.status === 200, { id: 'S-REG', role: 'zoe', expected: '200 to REGISTER', actual: `${registered.status}` });
        const d1 = await scriptedJoinFocus(zoe, focusUri);
        ctx.check(d1 !== undefined, { id: 'S-JOIN', role: 'zoe', expected: '2xx to the focus INVITE', actual: d1 ? 'joined' : 'refused' });
        const chat = await scriptedJoinChat(zoe, endpoints[0]!.chatUri ?? chatUriOf(focusUri));
        ctx.check(chat.dialog !== undefined, { id: 'S-JOIN', role: 'zoe', expected: '2xx to the IM MCU INVITE', actual: `${chat.response.status} ${chat.response.reason}` });
        await ctx.expect(endpoints[0]!).roster.inChat(zoe.aor, { id: 'S-JOIN', severity: 'SHOULD' });
      });
      const author = endpoints[0]!;
      const text = `to everyone, zoe included ${ctx.clock.now() % 1_000_000}`;
      const sentFrom = ctx.lastSeq();
      await ctx.step(`${title(author)} writes; Zoe refuses it with 480`, async () => {
        const response = await author.say(text);
        ctx.check(response.status === 202 || response.status === 200, { id: 'S-IM', role: author.role, expected: '202 Accepted (or 200) to the MESSAGE', actual: `${response.status} ${response.reason}` });
        for (const reader of endpoints.slice(1)) await ctx.expect(reader).receives({ method: 'MESSAGE', dialog: 'D3', where: bodyContains(text) }, { id: 'S-IM', since: sentFrom });
      });
      await ctx.step(`${title(author)}'s delivery report names Zoe with status >= 300`, async () => {
        const imdn = await ctx.expect(author).receives({ method: 'BENOTIFY', dialog: 'D3', where: contentType('application/ms-imdn+xml') }, { id: 'S-IM-FAIL', since: sentFrom });
        if (!imdn) return;
        const statuses = imdnStatuses(imdn.message.body.toString('utf8'));
        const shown = statuses.map((s) => `${s.uri}=${s.status}`).join(', ') || 'no recipient';
        const failing = statuses.find((s) => s.uri.toLowerCase().includes(userPart(zoe.aor)));
        ctx.check(failing !== undefined && failing.status >= 300, { id: 'S-IM-FAIL', role: author.role, expected: `the IMDN lists ${zoe.aor} with status >= 300`, actual: shown, seqs: [imdn.seq] });
        for (const reader of endpoints.slice(1)) {
          const ok = statuses.find((s) => s.uri.toLowerCase().includes(userPart(reader.aor)));
          ctx.check(ok !== undefined && ok.status > 0 && ok.status < 300, { id: 'S-IM-FAIL', severity: 'SHOULD', role: author.role, expected: `the IMDN reports ${reader.aor} delivered`, actual: shown, seqs: [imdn.seq] });
        }
      });
      }
    },
  });
}

export default imFailScenario();
