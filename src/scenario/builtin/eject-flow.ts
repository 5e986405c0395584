/**
 * The ejection flow of MS-CONFIM 4.3.1 "A User Is Ejected from an IM Conference", shared by the
 * built-in scenarios `eject` (Carol leaves by herself, as the seed's client does) and
 * `eject-passive` (Carol sends no BYE, so only the server can end her dialogs).
 *
 * Alice (organizer, presenter), Bob and Carol join the focus (D1), the roster (D2) and the IM MCU
 * (D3); Alice ejects Carol with a C3P deleteUser over INFO. The assertions are those of protocol
 * brief §7.2 — strict E1–E7, per-connection ordering O1–O3, lenient L1–L8 (SHOULD / INFO) — plus
 * the always-on checks of §7.1 that the runner applies to every scenario.
 *
 * Once D1 and D3 have ended, Carol probes them (an INFO in D1, a MESSAGE in D3, sent on purpose with
 * the endpoint's test-only {@link Endpoint.probeEndedDialog}): both MUST get 481 (E3/E4).
 *
 * @remarks E3/E4 as the brief grades them: Carol's D1 ends with either a focus BYE or a 2xx to
 * Carol's own BYE; D3 with either an MCU BYE or a 200/481 to Carol's BYE. A Lync client BYEs both
 * dialogs as soon as its subscription ends with `reason=ParticipantRemoved` (seed msgs 4–5), and a
 * server that receives that BYE first need not BYE a dialog that is gone — so with the leaving
 * victim the server's BYEs are only recorded (L2). With the passive victim nothing but the
 * server's BYEs can end the dialogs, and they are required.
 */
import type { Endpoint } from '../../endpoint/index.js';
import type { SipResponse } from '../../sip/index.js';
import { predicate, type MessagePredicate } from '../message-predicate.js';
import { c3pResponseFor, header, rosterVersionOf, subscriptionTerminated } from '../message-predicates.js';
import { cseqMethodOf, observe, type ObservedMessage } from '../observed-message.js';
import type { ScenarioContext } from '../scenario-context.js';
import { bareUri, joinAll, registerAll, rostersListEveryone } from './common-steps.js';

export type EjectRole = 'alice' | 'bob' | 'carol';

/**
 * How the ejected Carol behaves: `leaves` — she BYEs D1 and D3 herself on the terminated
 * subscription; `passive` — she waits for the server's BYEs (her endpoint has `leaveOnRemoval: false`).
 */
export type EjectVictim = 'leaves' | 'passive';

type Ended = Partial<Record<'D1' | 'D3', number | undefined>>;

export async function runEjectFlow(ctx: ScenarioContext<EjectRole>, victim: EjectVictim): Promise<void> {
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

  const ended = victim === 'passive' ? await serverEndsDialogs(ctx, carol, ejectFrom) : await dialogsEndEitherWay(ctx, carol, ejectFrom);
  await ctx.step("Requests on Carol's ended D1 and D3 get 481", () => probeEndedDialogs(ctx, carol));

  await ctx.step('Alice and Bob see Carol leave the roster', async () => {
    for (const viewer of [alice, bob]) {
      // E6: after merging every notification within the timeout, Carol is absent from users.
      await ctx.expect(viewer).roster.lacks(carol, { id: 'E6' });
      checkVersions(ctx, viewer, viewer.role, ejectFrom);
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
    // With the leaving victim, a server BYE crossing Carol's own (glare, L2) is part of the ending.
    const focusBye = serverBye(carol, 'D1', ejectFrom);
    const mcuBye = serverBye(carol, 'D3', ejectFrom);
    if (victim === 'leaves') recordServerByes(ctx, focusBye, mcuBye);
    checkCarolSilence(ctx, carol, ejectFrom, {
      D2: terminated?.seq,
      D1: Math.max(focusBye?.seq ?? 0, ended.D1 ?? 0) || undefined,
      D3: Math.max(mcuBye?.seq ?? 0, ended.D3 ?? 0) || undefined,
    });
    if (terminated && focusBye) {
      ctx.note('L1', `Carol's subscription ended ${terminated.seq < focusBye.seq ? 'before' : 'after'} the focus BYE (seq ${terminated.seq} vs ${focusBye.seq}; seed: before)`, [terminated.seq, focusBye.seq]);
    }
  });
}

/**
 * The leaving victim (E3/E4 as the brief grades them): D1 ends with a focus BYE or a 2xx to Carol's
 * BYE, D3 with an MCU BYE or a 200/481 to Carol's BYE; then the glare outcome of her BYEs (L2).
 */
async function dialogsEndEitherWay(ctx: ScenarioContext<EjectRole>, carol: Endpoint, ejectFrom: number): Promise<Ended> {
  const d1 = await ctx.step("Carol's focus dialog (D1) ends", () =>
    ctx.expect(carol).receives({ dialog: 'D1', where: endsDialog('focus', 'a 2xx') }, { id: 'E3', since: ejectFrom }),
  );
  const d3 = await ctx.step("Carol's IM dialog (D3) ends", () =>
    ctx.expect(carol).receives({ dialog: 'D3', where: endsDialog('mcu', 'a 2xx or 481') }, { id: 'E4', since: ejectFrom }),
  );
  const glare = await ctx.step("Carol's own BYEs cross the server's (200 or 481)", async () => {
    await carol.settled();
    return checkCarolByes(ctx, ejectFrom);
  });
  return { D1: Math.max(d1?.seq ?? 0, glare.D1 ?? 0) || undefined, D3: Math.max(d3?.seq ?? 0, glare.D3 ?? 0) || undefined };
}

/** The passive victim: only the focus BYE (E3, seed msg 6) and the MCU BYE (E4, seed msg 7) can end D1 and D3. */
async function serverEndsDialogs(ctx: ScenarioContext<EjectRole>, carol: Endpoint, ejectFrom: number): Promise<Ended> {
  const focusBye = await ctx.step("The focus ends Carol's focus dialog (D1)", async () => {
    const bye = await ctx.expect(carol).receives({ method: 'BYE', dialog: 'D1', peer: 'focus' }, { id: 'E3', since: ejectFrom });
    if (bye) checkFocusByeWording(ctx, bye);
    return bye;
  });
  const mcuBye = await ctx.step("The IM MCU ends Carol's IM dialog (D3)", () =>
    ctx.expect(carol).receives({ method: 'BYE', dialog: 'D3', peer: 'mcu' }, { id: 'E4', since: ejectFrom }),
  );
  await ctx.step("Carol stays passive; the server's BYEs ended D1 and D3", async () => {
    const own = ctx.trace('carol').filter((r) => r.seq > ejectFrom && r.direction === 'out' && r.firstLine.startsWith('BYE '));
    ctx.check(own.length === 0, { role: 'carol', expected: 'the passive Carol sends no BYE of her own', actual: `${own.length} sent`, seqs: own.map((r) => r.seq) });
    // E3/E4: the emulator answered the server's BYEs 200, which ends the dialogs on both sides.
    ctx.expect(carol).dialogs({ focus: 'terminated' }, { id: 'E3' });
    ctx.expect(carol).dialogs({ im: 'terminated' }, { id: 'E4' });
  });
  return { D1: focusBye?.seq, D3: mcuBye?.seq };
}

/**
 * A message that ends the dialog it is in: a BYE from `peer`, or a final response in `accepted`
 * ('a 2xx', 'a 2xx or 481') answering Carol's own BYE.
 */
export function endsDialog(peer: 'focus' | 'mcu', accepted: 'a 2xx' | 'a 2xx or 481'): MessagePredicate {
  const okStatus = (status: number): boolean => (status >= 200 && status < 300) || (accepted === 'a 2xx or 481' && status === 481);
  const who = peer === 'mcu' ? 'IM MCU' : 'focus';
  return predicate(`it is the ${who}'s BYE or ${accepted} to Carol's BYE`, (observed) => {
    const { message } = observed;
    if (message.kind === 'request') {
      if (message.method.toUpperCase() !== 'BYE') return `is ${message.method}, not a BYE`;
      return observed.peer === peer ? undefined : `is a BYE from the ${observed.peer}, not the ${peer}`;
    }
    if (cseqMethodOf(message) !== 'BYE') return `is a ${message.status} response to ${cseqMethodOf(message) || '?'}, not to Carol's BYE`;
    return okStatus(message.status) ? undefined : `answers Carol's BYE with ${message.status}, not ${accepted}`;
  });
}

/**
 * The second half of E3/E4 (brief §7.2: "afterwards requests on D1 get 481"): Carol sends, on
 * purpose, an INFO (C3P getConference) on her ended D1 and a MESSAGE on her ended D3 with the
 * endpoint's test-only probe; each MUST be answered 481. The reason phrase is recorded (INFO).
 */
async function probeEndedDialogs(ctx: ScenarioContext<EjectRole>, carol: Endpoint): Promise<void> {
  const probes = [
    { dialog: 'D1', usage: 'focus', method: 'INFO', id: 'E3' },
    { dialog: 'D3', usage: 'im', method: 'MESSAGE', id: 'E4' },
  ] as const;
  for (const { dialog, usage, method, id } of probes) {
    const from = ctx.lastSeq();
    const expected = `a 481 to the ${method} Carol sends on her ended ${dialog}`;
    let response: SipResponse;
    try {
      response = await carol.probeEndedDialog(usage, method);
    } catch (error) {
      ctx.check(false, { id, role: 'carol', expected, actual: `no final response: ${(error as Error).message}` });
      continue;
    }
    const callId = response.headers.get('call-id');
    const seqs = ctx.trace('carol').filter((r) => r.seq > from && r.callId === callId).map((r) => r.seq);
    const answer = `${response.status} ${response.reason}`;
    ctx.check(response.status === 481, { id, role: 'carol', expected, actual: answer, seqs });
    ctx.note(id, `the ${method} probe on Carol's ended ${dialog} got "${answer}"`, seqs);
  }
}

/** The server's BYE in `dialog` on Carol's connection since the ejection, if any. */
function serverBye(carol: Endpoint, dialog: 'D1' | 'D3', ejectFrom: number): ObservedMessage | undefined {
  const peer = dialog === 'D1' ? 'focus' : 'mcu';
  const found = carol.received.find((m) => m.seq > ejectFrom && m.dialog === dialog && m.peer === peer && m.message.kind === 'request' && m.message.method.toUpperCase() === 'BYE');
  return found ? observe(carol.role, found) : undefined;
}

/** L2 (INFO): whether the server BYE'd the dialogs Carol was leaving; L3 on the focus BYE when it came. */
function recordServerByes(ctx: ScenarioContext<EjectRole>, focusBye: ObservedMessage | undefined, mcuBye: ObservedMessage | undefined): void {
  for (const [dialog, who, bye] of [['D1', 'focus', focusBye], ['D3', 'IM MCU', mcuBye]] as const) {
    if (bye) ctx.note('L2', `the ${who} sent its BYE in ${dialog} too (seq ${bye.seq})`, [bye.seq]);
    else ctx.note('L2', `the ${who} sent no BYE in ${dialog}: Carol's own BYE ended it`);
  }
  if (focusBye) checkFocusByeWording(ctx, focusBye);
}

/** L3/L8 on the focus BYE: seed msg 6 carries Reason cause=481 "Participant Removed" and 3118. */
function checkFocusByeWording(ctx: ScenarioContext<EjectRole>, bye: ObservedMessage): void {
  const reason = header('Reason', /cause=481/i).test(bye);
  ctx.check(reason === undefined, { id: 'L3', severity: 'SHOULD', role: 'carol', expected: 'the focus BYE carries Reason: SIP;cause=481', actual: reason ?? 'present', seqs: [bye.seq] });
  shouldHave3118(ctx, bye);
  const text = bye.message.headers.get('Reason');
  if (text) ctx.note('L3', `focus BYE Reason: ${text}`, [bye.seq]);
  ctx.note('L8', `focus BYE CSeq ${bye.message.headers.get('cseq') ?? '?'}`, [bye.seq]);
}

/** L3: `ms-diagnostics-public: 3118;reason="Participant Removed"` (seed msgs 3 and 6). */
function shouldHave3118(ctx: ScenarioContext<EjectRole>, observed: ObservedMessage): void {
  const why = header('ms-diagnostics-public', /^\s*3118\b/).test(observed);
  ctx.check(why === undefined, { id: 'L3', severity: 'SHOULD', role: 'carol', expected: `${observed.message.kind === 'request' ? observed.message.method : 'the message'} carries ms-diagnostics-public: 3118`, actual: why ?? 'present', seqs: [observed.seq] });
}

/**
 * E2: exactly one C3P response for the requestId reaches Alice, from the focus, to Alice, with
 * `conferenceKeys@confEntity` = the focus URI; L7 records the `ci:user entity` it names.
 */
function checkC3pEnvelope(
  ctx: ScenarioContext<EjectRole>,
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
function checkCarolByes(ctx: ScenarioContext<EjectRole>, ejectFrom: number): Ended {
  const carolRecords = ctx.trace('carol').filter((r) => r.seq > ejectFrom);
  const byes = carolRecords.filter((r) => r.direction === 'out' && r.firstLine.startsWith('BYE '));
  const answered: Ended = {};
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
function checkVersions(ctx: ScenarioContext<EjectRole>, viewer: Endpoint, role: string, ejectFrom: number): void {
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
function checkAliceOrder(ctx: ScenarioContext<EjectRole>, alice: Endpoint, carriedBy: string, requestId: string, ejectFrom: number): void {
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
function checkCarolSilence(ctx: ScenarioContext<EjectRole>, carol: Endpoint, ejectFrom: number, endedAt: Partial<Record<'D1' | 'D2' | 'D3', number | undefined>>): void {
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
