/**
 * Steps the IM-conference catalog shares (brief §6, §7.3): role names for N participants, the
 * conference set-up, scripted users, and the "nothing changed" check of the negative scenarios.
 */
import { randomBytes } from 'node:crypto';
import { buildC3pRequest, parseC3pResponse, type C3pResponse } from '../../conference/index.js';
import { userOfAor, type Endpoint } from '../../endpoint/index.js';
import { isFocusHarnessError } from '../../errors.js';
import type { SipMessage, SipResponse } from '../../sip/index.js';
import { subscriptionTerminated } from '../message-predicates.js';
import { isRefusedStatus } from '../refused-status.js';
import type { ScenarioContext } from '../scenario-context.js';
import { waitFor } from '../wait-for.js';
import { joinAll, registerAll, rostersListEveryone } from './common-steps.js';
import { ScriptedUser, type ScriptedDialog } from './scripted-user.js';

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'] as const;

/** The catalog's default participant count (issue 5: "N participants, default 3"). */
export const DEFAULT_ROLE_COUNT = 3;

/** `alice, bob, carol, dave …` then `user11, user12 …` for N participants (N ≥ `min`). */
export function roleNames(count: number, min = 1): string[] {
  const n = Math.max(min, Math.floor(count));
  return Array.from({ length: n }, (_, i) => NAMES[i] ?? `user${i + 1}`);
}

/** The endpoints of `roles`, in order. */
export function endpointsOf(ctx: ScenarioContext, roles: readonly string[]): Endpoint[] {
  return roles.map((role) => ctx.roles[role]!);
}

export interface CreatedConference {
  readonly focusUri: string;
  readonly conferenceId: string;
}

/** S-CREATE (brief §4.2, §7.3): addConference answered 200 `code="success"` with a focus URI. */
export async function createConference(ctx: ScenarioContext, organizer: Endpoint, subject: string): Promise<CreatedConference> {
  return ctx.step(`${title(organizer)} creates a conference`, async () => {
    let created: Awaited<ReturnType<Endpoint['createConference']>>;
    try {
      created = await organizer.createConference({ subject });
    } catch (error) {
      // No focus URI came back: a server failure of S-CREATE, not a harness problem.
      if (!isFocusHarnessError(error) || error.code !== 'FH_C3P') throw error;
      ctx.check(false, { id: 'S-CREATE', role: organizer.role, expected: 'addConference answered 200 with code="success" and a focus URI', actual: error.message });
      throw error;
    }
    ctx.check(created.response.code === 'success', { id: 'S-CREATE', role: organizer.role, expected: 'addConference answered with code="success"', actual: `code="${created.response.code}"` });
    ctx.check(/;gruu;opaque=app:conf:focus:id:[0-9A-Za-z]{8,32}$/.test(created.focusUri), { id: 'S-CREATE', role: organizer.role, expected: 'a focus URI of the form …;gruu;opaque=app:conf:focus:id:<id>', actual: created.focusUri });
    return created;
  });
}

/** Register everyone, the first creates a conference, everyone joins, every roster lists everyone. */
export async function setUpConference(ctx: ScenarioContext, members: readonly Endpoint[], subject: string, joiners: readonly Endpoint[] = members): Promise<CreatedConference> {
  await registerAll(ctx, members);
  const conference = await createConference(ctx, members[0]!, subject);
  if (joiners.length) {
    await joinAll(ctx, conference.focusUri, joiners);
    await rostersListEveryone(ctx, joiners);
  }
  return conference;
}

export function title(endpoint: { role: string }): string {
  return endpoint.role.charAt(0).toUpperCase() + endpoint.role.slice(1);
}

/**
 * A scripted user outside the emulated roles: the run's identity for `role` when it was given one
 * (a profile's `users`, with its Digest password), else `aor`, else an AOR nobody else in the run uses.
 */
export function scriptedUser(ctx: ScenarioContext, role: string, aor?: string): ScriptedUser {
  const given = ctx.user(role);
  const address = given?.aor ?? aor ?? `sip:${role}.${randomBytes(3).toString('hex')}@${ctx.domain}`;
  return new ScriptedUser({
    role,
    aor: address,
    server: ctx.target,
    recorder: ctx.recorder,
    clock: ctx.clock,
    timeoutMs: ctx.timeouts.expectMs,
    ...(ctx.keyLog === undefined ? {} : { keyLog: ctx.keyLog }),
    ...(given?.password === undefined ? {} : { credentials: { username: given.username ?? userOfAor(address), password: given.password } }),
  });
}

/** The chat MCU URI of a conference (brief §1.1: `:focus:` replaced by `:chat:`). */
export function chatUriOf(focusUri: string): string {
  return focusUri.replace(/opaque=app:conf:focus:/i, 'opaque=app:conf:chat:');
}

let requestIds = 1000;

type C3pCommandInit = Parameters<typeof buildC3pRequest>[0]['command'];

/** A C3P request from `user` to `to` (MS-CONFPRO 2.2.3): its body and the `requestId` written into it. */
export function c3pRequest(user: { aor: string }, to: string, command: C3pCommandInit): { body: string; requestId: string } {
  requestIds += 1;
  const requestId = String(requestIds);
  return { body: buildC3pRequest({ requestId, from: user.aor, to, command }), requestId };
}

/** A C3P request body from `user` to `to` (MS-CONFPRO 2.2.3). */
export function c3pBody(user: { aor: string }, to: string, command: C3pCommandInit): string {
  return c3pRequest(user, to, command).body;
}

/** A scripted user joins the focus (INVITE with addUser, brief §4.4); returns D1 or undefined. */
export async function scriptedJoinFocus(user: ScriptedUser, focusUri: string): Promise<ScriptedDialog | undefined> {
  const body = c3pBody(user, focusUri, { name: 'addUser', confEntity: focusUri, userEntity: user.aor, role: 'attendee', endpointEntity: `{${randomBytes(16).toString('hex').toUpperCase()}}` });
  const { dialog } = await user.invite(focusUri, { dialog: 'D1', contentType: 'application/cccp+xml', body, headers: [['Supported', 'ms-sender']] });
  return dialog;
}

/** A scripted user's direct media INVITE to the IM MCU (brief §4.6). */
export function scriptedJoinChat(user: ScriptedUser, chatUri: string): ReturnType<ScriptedUser['invite']> {
  const sdp = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=session', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=message 5061 sip null', 'a=accept-types:text/plain multipart/alternative application/ms-imdn+xml', ''].join('\r\n');
  return user.invite(chatUri, { dialog: 'D3', contentType: 'application/sdp', body: sdp, headers: [['Supported', 'ms-sender']] });
}

/**
 * A scripted user registers and joins the focus only (D1, as attendee, no roster or IM): an insider
 * that can write C3P bodies no Lync client would. Waits until every `viewer`'s roster lists it, so
 * the join's updates are over before what follows. Returns its focus dialog.
 */
export async function scriptedParticipant(ctx: ScenarioContext, user: ScriptedUser, focusUri: string, viewers: readonly Endpoint[]): Promise<ScriptedDialog> {
  return ctx.step(`${title(user)} (scripted) registers and joins the focus`, async () => {
    await user.connect();
    const registered = await user.register();
    ctx.check(registered.status === 200, { id: 'S-REG', role: user.role, expected: '200 OK to REGISTER', actual: `${registered.status} ${registered.reason}` });
    const dialog = await scriptedJoinFocus(user, focusUri);
    ctx.check(dialog !== undefined, { id: 'S-JOIN', role: user.role, expected: 'a 2xx to the focus INVITE (a focus dialog)', actual: dialog ? 'D1 established' : 'refused' });
    for (const viewer of viewers) await ctx.expect(viewer).roster.has(user.aor, { id: 'S-JOIN2' });
    // A failed MUST check has ended the step: the dialog exists here.
    return dialog as ScriptedDialog;
  });
}

/** What a hand-written C3P INFO got: the final response and the C3P response, wherever it rode. */
export interface ScriptedC3pOutcome {
  readonly response: SipResponse;
  readonly c3p?: C3pResponse;
  /** Trace seqs of the final response and of the focus INFO carrying the C3P response. */
  readonly seqs: readonly number[];
}

/**
 * A scripted user sends an INFO with `body` in `dialog` (its own, or one it forges) and collects
 * the answer as an endpoint would (brief §4.11): the C3P response in the final response, or —
 * after a 2xx without one — the focus's INFO in that dialog within `c3pMs` (matched on
 * `requestId` when known).
 */
export async function scriptedC3pInfo(
  ctx: ScenarioContext,
  user: ScriptedUser,
  dialog: ScriptedDialog,
  body: string,
  options: { readonly fromAor?: string; readonly requestId?: string; readonly headers?: readonly [string, string][] } = {},
): Promise<ScriptedC3pOutcome> {
  const response = await user.inDialog(dialog, 'INFO', {
    contentType: 'application/cccp+xml',
    body,
    ...(options.fromAor === undefined ? {} : { fromAor: options.fromAor }),
    ...(options.headers === undefined ? {} : { headers: [...options.headers] }),
  });
  const responseSeq = user.received.find((m) => m.message === response)?.seq ?? 0;
  const direct = c3pOf(response);
  if (direct || response.status < 200 || response.status >= 300) return { response, ...(direct ? { c3p: direct } : {}), seqs: [responseSeq] };
  const carrier = (): { seq: number; c3p: C3pResponse } | undefined => {
    for (const inbound of user.received) {
      const message = inbound.message;
      if (inbound.seq <= responseSeq || message.kind !== 'request' || message.method !== 'INFO') continue;
      if (message.headers.get('call-id') !== dialog.callId) continue;
      const c3p = c3pOf(message);
      if (c3p && (options.requestId === undefined || c3p.requestId === options.requestId)) return { seq: inbound.seq, c3p };
    }
    return undefined;
  };
  const later = await waitFor(ctx.clock, ctx.timeouts.c3pMs, (onChange) => user.onReceive(onChange), carrier);
  return later ? { response, c3p: later.c3p, seqs: [responseSeq, later.seq] } : { response, seqs: [responseSeq] };
}

/** `SIP 400 Bad C3P Request; C3P getConference failure (reason …)` */
function describeScriptedC3p(outcome: ScriptedC3pOutcome): string {
  const { response, c3p } = outcome;
  const result = c3p ? `C3P ${c3p.command} ${c3p.code}${c3p.reason ? ` (reason ${c3p.reason})` : ''}` : 'no C3P response';
  return `SIP ${response.status} ${response.reason}; ${result}`;
}

/** MUST (brief §7.3): the request was refused — a SIP 4xx–6xx or a C3P `code="failure"`. */
export function expectScriptedRefusal(ctx: ScenarioContext, id: string, user: { role: string }, outcome: ScriptedC3pOutcome, expected: string): void {
  const status = outcome.response.status;
  const refused = isRefusedStatus(status) || outcome.c3p?.code === 'failure';
  ctx.check(refused, { id, role: user.role, expected, actual: describeScriptedC3p(outcome), seqs: outcome.seqs.filter((seq) => seq > 0) });
}

/** The C3P response a message carries, if any. */
export function c3pOf(message: SipMessage | undefined): C3pResponse | undefined {
  if (!message || message.body.length === 0) return undefined;
  if (!/application\/cccp\+xml/i.test(message.headers.get('content-type') ?? '')) return undefined;
  try {
    return parseC3pResponse(message.body);
  } catch {
    return undefined;
  }
}

/**
 * Brief §7.3 (negative scenarios): after a quiet period nothing changed for `members` — no BYE, no
 * terminated subscription since `since`, D1/D2/D3 still active, every roster still lists every
 * member and none lists an `outsider`.
 */
export async function expectNothingChanged(ctx: ScenarioContext, id: string, members: readonly Endpoint[], since: number, outsiders: readonly string[] = []): Promise<void> {
  await ctx.step('Nothing changed: dialogs, subscriptions and rosters are as before', async () => {
    await ctx.sleep(ctx.timeouts.settleMs);
    for (const member of members) {
      await ctx.expect(member).receivesNo({ method: 'BYE' }, { id, since, during: 0 });
      await ctx.expect(member).receivesNo({ method: ['BENOTIFY', 'NOTIFY'], where: subscriptionTerminated() }, { id, since, during: 0 });
      ctx.expect(member).dialogs({ focus: 'active', roster: 'active', im: 'active' }, { id });
      for (const other of members) await ctx.expect(member).roster.has(other, { id, within: 0 });
      for (const outsider of outsiders) await ctx.expect(member).roster.lacks(outsider, { id, within: 0 });
    }
  });
}
