/**
 * Built-in scenario `eject`: MS-CONFIM 4.3.1 "A User Is Ejected from an IM Conference".
 *
 * Alice (organizer, presenter), Bob and Carol join the focus (D1), the roster (D2) and the IM MCU
 * (D3); Alice ejects Carol with a C3P deleteUser over INFO. The assertions are those of protocol
 * brief §7.2 — strict E1–E7, per-connection ordering O1–O3, lenient L1–L8 (SHOULD / INFO) — plus
 * the always-on checks of §7.1 that the runner applies to every scenario.
 *
 * @remarks On E3/E4: the brief accepts either the server's BYE or a 2xx to Carol's own BYE as the
 * end of D1/D3. Carol's own BYEs are her reaction to the terminated subscription (seed msgs 4–5);
 * the focus cannot count on them (a client that ignores the notification would stay in the
 * dialogs), and the seed's focus and MCU send their BYEs although Carol's cross them. This
 * scenario therefore requires the server-side BYEs (MUST) and keeps the glare outcome of Carol's
 * BYEs lenient (200 or 481, L2). FIXME(spec §7.2 E3): once the endpoint can play a passive victim
 * (no BYE on ParticipantRemoved), run that variant too and accept either ending as the brief does.
 */
import type { Endpoint } from '../../endpoint/index.js';
import { defineScenario } from '../define-scenario.js';
import { c3pResponseFor, header, rosterVersionOf, subscriptionTerminated } from '../message-predicates.js';
import type { ObservedMessage } from '../observed-message.js';
import type { ScenarioContext } from '../scenario-context.js';
import { bareUri, joinAll, registerAll, rostersListEveryone } from './common-steps.js';

type Role = 'alice' | 'bob' | 'carol';

export default defineScenario({
  name: 'eject',
  title: 'A presenter ejects a participant from an IM conference',
  spec: 'MS-CONFIM 4.3.1',
  roles: ['alice', 'bob', 'carol'],
  async run(ctx) {
    const { alice, bob, carol } = ctx.roles;
    await registerAll(ctx, [alice, bob, carol]);
    const conference = await ctx.step('Alice creates a conference', async () => {
      const created = await alice.createConference({ subject: 'focus-harness eject' });
      ctx.check(created.response.code === 'success', { id: 'S-CREATE', role: 'alice', expected: 'addConference answered with code="success"', actual: `code="${created.response.code}"` });
      ctx.check(/;gruu;opaque=app:conf:focus:id:[0-9A-Za-z]+/.test(created.focusUri), { id: 'S-CREATE', role: 'alice', expected: 'a focus URI of the form …;gruu;opaque=app:conf:focus:id:<id>', actual: created.focusUri });
      return created;
    });
    await joinAll(ctx, conference.focusUri, [alice, bob, carol]);
    await rostersListEveryone(ctx, [alice, bob, carol]);

    // Everything from here on belongs to the ejection (seed msgs 1–17).
    const ejectFrom = ctx.lastSeq();
    const outcome = await ctx.step(
      'Alice ejects Carol (deleteUser over INFO in D1)',
      async () => {
        const result = await alice.eject(carol);
        ctx.expect(result).sipAccepted({ id: 'E1' });
        ctx.expect(result).c3pSuccess({ id: 'E2', command: 'deleteUser' });
        checkC3pEnvelope(ctx, alice, conference.focusUri, result.requestId, ejectFrom, result.response);
        return result;
      },
      { timeout: ctx.timeouts.stepMs + ctx.timeouts.c3pMs },
    );

    const terminated = await ctx.step("Carol's roster subscription is terminated (D2)", async () => {
      // MS-CONFIM 4.3.1 msg 3 / RFC 6665 §4.1.3: Subscription-State terminated ends D2 (E5).
      const found = await ctx.expect(carol).receives(
        { method: ['BENOTIFY', 'NOTIFY'], dialog: 'D2', where: subscriptionTerminated() },
        { id: 'E5', since: ejectFrom },
      );
      if (found) {
        ctx.check(subscriptionTerminated('ParticipantRemoved').test(found) === undefined, {
          id: 'E5', severity: 'SHOULD', role: 'carol', expected: 'the termination names reason=ParticipantRemoved', actual: found.message.headers.get('subscription-state') ?? '', seqs: [found.seq],
        });
        shouldHave3118(ctx, found);
      }
      return found;
    });

    const focusBye = await ctx.step("The focus ends Carol's focus dialog (D1)", async () => {
      // Seed msg 6: the focus BYEs Carol in D1 with Reason cause=481 "Participant Removed" (E3, L3).
      const bye = await ctx.expect(carol).receives({ method: 'BYE', dialog: 'D1', peer: 'focus' }, { id: 'E3', since: ejectFrom });
      if (bye) {
        const reason = header('Reason', /cause=481/i).test(bye);
        ctx.check(reason === undefined, { id: 'L3', severity: 'SHOULD', role: 'carol', expected: 'the focus BYE carries Reason: SIP;cause=481', actual: reason ?? 'present', seqs: [bye.seq] });
        shouldHave3118(ctx, bye);
        const text = bye.message.headers.get('Reason');
        if (text) ctx.note('L3', `focus BYE Reason: ${text}`, [bye.seq]);
        ctx.note('L8', `focus BYE CSeq ${bye.message.headers.get('cseq') ?? '?'}`, [bye.seq]);
      }
      return bye;
    });

    const mcuBye = await ctx.step("The IM MCU ends Carol's IM dialog (D3)", async () => {
      // Seed msg 7: the IM MCU BYEs Carol in D3 (E4).
      return ctx.expect(carol).receives({ method: 'BYE', dialog: 'D3', peer: 'mcu' }, { id: 'E4', since: ejectFrom });
    });

    const glare = await ctx.step("Carol's own BYEs cross the server's (200 or 481)", async () => {
      await carol.settled();
      return checkCarolByes(ctx, ejectFrom);
    });

    await ctx.step('Alice and Bob see Carol leave the roster', async () => {
      for (const viewer of [alice, bob]) {
        const role = viewer.role;
        // E6: after merging every notification within the timeout, Carol is absent from users.
        await ctx.expect(viewer).roster.lacks(carol, { id: 'E6' });
        checkVersions(ctx, viewer, role, ejectFrom);
      }
    });

    await ctx.step('Alice and Bob keep their dialogs; nothing more reaches Carol', async () => {
      // One quiet period for every check below, so late messages count.
      await ctx.sleep(ctx.timeouts.settleMs);
      // E7: no remaining participant loses its dialogs.
      for (const keeper of [alice, bob]) {
        await ctx.expect(keeper).receivesNo({ method: 'BYE' }, { id: 'E7', since: ejectFrom, during: 0 });
        await ctx.expect(keeper).receivesNo({ method: ['BENOTIFY', 'NOTIFY'], where: subscriptionTerminated() }, { id: 'E7', since: ejectFrom, during: 0 });
        ctx.expect(keeper).dialogs({ focus: 'active', roster: 'active', im: 'active' }, { id: 'E7' });
      }
      checkAliceOrder(ctx, alice, outcome.carriedBy, outcome.requestId, ejectFrom);
      checkCarolSilence(ctx, carol, ejectFrom, {
        D2: terminated?.seq,
        D1: Math.max(focusBye?.seq ?? 0, glare.D1 ?? 0) || undefined,
        D3: Math.max(mcuBye?.seq ?? 0, glare.D3 ?? 0) || undefined,
      });
      if (terminated && focusBye) {
        ctx.note('L1', `Carol's subscription ended ${terminated.seq < focusBye.seq ? 'before' : 'after'} the focus BYE (seq ${terminated.seq} vs ${focusBye.seq}; seed: before)`, [terminated.seq, focusBye.seq]);
      }
    });
  },
});

/** L3: `ms-diagnostics-public: 3118;reason="Participant Removed"` (seed msgs 3 and 6). */
function shouldHave3118(ctx: ScenarioContext<Role>, observed: ObservedMessage): void {
  const why = header('ms-diagnostics-public', /^\s*3118\b/).test(observed);
  ctx.check(why === undefined, { id: 'L3', severity: 'SHOULD', role: 'carol', expected: `${observed.message.kind === 'request' ? observed.message.method : 'the message'} carries ms-diagnostics-public: 3118`, actual: why ?? 'present', seqs: [observed.seq] });
}

/**
 * E2: exactly one C3P response for the requestId reaches Alice, from the focus, to Alice, with
 * `conferenceKeys@confEntity` = the focus URI; L7 records the `ci:user entity` it names.
 */
function checkC3pEnvelope(
  ctx: ScenarioContext<Role>,
  alice: Endpoint,
  focusUri: string,
  requestId: string,
  ejectFrom: number,
  response: { from: string; to: string; confEntity?: string; userEntity?: string } | undefined,
): void {
  const carrying = alice.received.filter((m) => m.seq > ejectFrom && c3pResponseFor(requestId).test({ message: m.message } as ObservedMessage) === undefined);
  ctx.check(carrying.length === 1, { id: 'E2', role: 'alice', expected: `exactly one C3P response for requestId ${requestId}`, actual: `${carrying.length} arrived`, seqs: carrying.map((m) => m.seq) });
  if (!response) return;
  ctx.check(bareUri(response.from) === bareUri(focusUri), { id: 'E2', role: 'alice', expected: `the C3P response from="${focusUri}"`, actual: `from="${response.from}"` });
  ctx.check(bareUri(response.to) === bareUri(alice.aor), { id: 'E2', role: 'alice', expected: `the C3P response to="${alice.aor}"`, actual: `to="${response.to}"` });
  ctx.check(response.confEntity !== undefined && bareUri(response.confEntity) === bareUri(focusUri), { id: 'E2', role: 'alice', expected: `deleteUser/conferenceKeys@confEntity = the focus URI`, actual: `confEntity="${response.confEntity ?? '(missing)'}"` });
  ctx.note('L7', `the C3P response names ci:user entity ${response.userEntity ?? '(none)'}`);
}

/** L2 / E3–E4: Carol's BYEs in D1 and D3 get 200 or 481 (glare); returns the answers' seqs. */
function checkCarolByes(ctx: ScenarioContext<Role>, ejectFrom: number): { D1?: number; D3?: number } {
  const carolRecords = ctx.trace('carol').filter((r) => r.seq > ejectFrom);
  const byes = carolRecords.filter((r) => r.direction === 'out' && r.firstLine.startsWith('BYE '));
  const answered: { D1?: number; D3?: number } = {};
  for (const bye of byes) {
    const answer = carolRecords.find((r) => r.direction === 'in' && r.callId === bye.callId && r.cseq === bye.cseq && /^SIP\/2\.0 [2-6]\d\d/.test(r.firstLine));
    const dialog = bye.dialog ?? '?';
    if (!answer) {
      ctx.check(false, { id: 'L2', severity: 'SHOULD', role: 'carol', expected: `a final response to Carol's BYE in ${dialog}`, actual: 'none arrived', seqs: [bye.seq] });
      continue;
    }
    const status = Number(answer.firstLine.split(' ')[1]);
    ctx.check((status >= 200 && status < 300) || status === 481, { id: dialog === 'D3' ? 'E4' : 'E3', role: 'carol', expected: `Carol's BYE in ${dialog} answered 2xx or 481 (glare)`, actual: answer.firstLine, seqs: [bye.seq, answer.seq] });
    ctx.note('L2', `Carol's BYE in ${dialog} (seq ${bye.seq}) got ${answer.label} (seq ${answer.seq})`, [bye.seq, answer.seq]);
    if (dialog === 'D1' || dialog === 'D3') answered[dialog] = answer.seq;
  }
  if (byes.length === 0) ctx.note('L2', 'Carol sent no BYE of her own');
  return answered;
}

/** O2, E6: the roster updates since the ejection rise one by one on this subscriber's connection. */
function checkVersions(ctx: ScenarioContext<Role>, viewer: Endpoint, role: string, ejectFrom: number): void {
  const updates = viewer.received.filter((m) => m.seq > ejectFrom && m.dialog === 'D2' && m.message.kind === 'request' && m.message.body.length > 0);
  const versions = updates.map((m) => ({ seq: m.seq, version: rosterVersionOf(m.message.body), full: /\bstate\s*=\s*"full"/.test(m.message.body.toString('utf8', 0, 2048).split('>')[0] ?? '') }));
  const known = versions.filter((v): v is { seq: number; version: number; full: boolean } => v.version !== undefined);
  // A partial must rise above the previous document; a full one (a refresh) may repeat it.
  const backwards = known.find((v, i) => i > 0 && (v.full ? v.version < known[i - 1]!.version : v.version <= known[i - 1]!.version));
  const gaps = viewer.rosterIssues.filter((u) => u.issue === 'gap');
  ctx.check(gaps.length === 0, { id: 'E6', role, expected: 'the delta sequence has no version gap', actual: gaps.map((g) => `v${g.version ?? '?'} after missing v${(g.missingVersions ?? []).join(', v')}`).join('; ') || 'no gap', seqs: known.map((v) => v.seq) });
  ctx.check(backwards === undefined, { id: 'O2', role, expected: 'roster notifications arrive in increasing version order', actual: `versions ${known.map((v) => `v${v.version}@${v.seq}`).join(', ') || '(none)'}`, seqs: backwards ? [backwards.seq] : [] });
  ctx.note('L4', `${role} received ${known.length} roster update(s) after the ejection: ${known.map((v) => `v${v.version}`).join(', ')}`, known.map((v) => v.seq));
}

/** O1 (MUST): the 202 precedes the focus's C3P-response INFO on Alice's connection; L5 (INFO). */
function checkAliceOrder(ctx: ScenarioContext<Role>, alice: Endpoint, carriedBy: string, requestId: string, ejectFrom: number): void {
  if (carriedBy !== 'info') return;
  const after = alice.received.filter((m) => m.seq > ejectFrom);
  const accepted = after.find((m) => m.message.kind === 'response' && m.message.status === 202);
  const info = after.find((m) => m.message.kind === 'request' && m.message.method === 'INFO' && c3pResponseFor(requestId).test({ message: m.message } as ObservedMessage) === undefined);
  if (!accepted || !info) return;
  ctx.check(accepted.seq < info.seq, { id: 'O1', role: 'alice', expected: 'the 202 precedes the C3P-response INFO on Alice\'s connection', actual: `202 at seq ${accepted.seq}, INFO at seq ${info.seq}`, seqs: [accepted.seq, info.seq] });
  const rosterSeqs = after.filter((m) => m.dialog === 'D2').map((m) => m.seq);
  ctx.note('L5', `C3P INFO at seq ${info.seq}; Alice's roster updates at ${rosterSeqs.join(', ') || '(none)'}`, [info.seq]);
}

/**
 * O3: after D1/D2/D3 ended, nothing but responses to Carol's own requests arrives on them
 * (checked after a quiet period so late messages count).
 */
function checkCarolSilence(ctx: ScenarioContext<Role>, carol: Endpoint, ejectFrom: number, endedAt: Partial<Record<'D1' | 'D2' | 'D3', number | undefined>>): void {
  for (const dialog of ['D1', 'D2', 'D3'] as const) {
    const end = endedAt[dialog];
    if (end === undefined) continue;
    const late = carol.received.filter((m) => m.seq > Math.max(end, ejectFrom) && m.dialog === dialog && m.message.kind === 'request');
    const first = late[0];
    ctx.check(first === undefined, {
      id: 'O3',
      role: 'carol',
      expected: `no request on Carol's ${dialog} after it ended (seq ${end})`,
      actual: first ? `seq ${first.seq} ${first.message.kind === 'request' ? first.message.method : ''} in ${dialog}` : 'none',
      seqs: first ? [end, first.seq] : [end],
    });
  }
}
