/**
 * Steps the IM-conference catalog shares (brief §6, §7.3): role names for N participants, the
 * conference set-up, scripted users, and the "nothing changed" check of the negative scenarios.
 */
import { randomBytes } from 'node:crypto';
import { buildC3pRequest, parseC3pResponse, type C3pResponse } from '../../conference/index.js';
import type { Endpoint } from '../../endpoint/index.js';
import type { SipMessage } from '../../sip/index.js';
import { subscriptionTerminated } from '../message-predicates.js';
import type { ScenarioContext } from '../scenario-context.js';
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
    const created = await organizer.createConference({ subject });
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
  return endpoint.role[0]!.toUpperCase() + endpoint.role.slice(1);
}

/** A scripted user outside the emulated roles, with an AOR nobody else in the run uses. */
export function scriptedUser(ctx: ScenarioContext, role: string, aor?: string): ScriptedUser {
  return new ScriptedUser({
    role,
    aor: aor ?? `sip:${role}.${randomBytes(3).toString('hex')}@${ctx.domain}`,
    server: ctx.target,
    recorder: ctx.recorder,
    clock: ctx.clock,
    timeoutMs: ctx.timeouts.expectMs,
  });
}

/** The chat MCU URI of a conference (brief §1.1: `:focus:` replaced by `:chat:`). */
export function chatUriOf(focusUri: string): string {
  return focusUri.replace(/opaque=app:conf:focus:/i, 'opaque=app:conf:chat:');
}

let requestIds = 1000;

/** A C3P request body from `user` to `to` (MS-CONFPRO 2.2.3). */
export function c3pBody(user: { aor: string }, to: string, command: Parameters<typeof buildC3pRequest>[0]['command']): string {
  requestIds += 1;
  return buildC3pRequest({ requestId: String(requestIds), from: user.aor, to, command });
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
