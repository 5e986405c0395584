/**
 * Brings three raw clients into one IM conference on the lab focus: REGISTER, addConference
 * (Alice), then for each user focus INVITE (D1), SUBSCRIBE with ms-benotify (D2), MCU INVITE (D3).
 */
import { parseC3pResponse } from '../../src/conference/index.js';
import type { SipMessage } from '../../src/sip/index.js';
import type { Clock } from '../../src/util/index.js';
import { RawClient, type LabAddress, type UacDialog } from './raw-client.js';

export interface Member {
  client: RawClient;
  d1: UacDialog;
  d2: UacDialog;
  d3: UacDialog | undefined;
}

export interface Conference {
  focusUri: string;
  chatUri: string;
  conferenceId: string;
  members: Member[];
  close(): Promise<void>;
}

export const SDP_OFFER = [
  'v=0',
  'o=- 0 0 IN IP4 127.0.0.1',
  's=session',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=message 5060 sip null',
  'a=accept-types:text/plain multipart/alternative application/ms-imdn+xml',
  '',
].join('\r\n');

export function sdpOf(): string {
  return SDP_OFFER;
}

export async function openClients(lab: LabAddress, users: readonly string[], clock?: Clock): Promise<RawClient[]> {
  const clients = await Promise.all(users.map((u) => RawClient.open(lab, u, 'contoso.com', clock)));
  for (const c of clients) {
    const r = await c.register();
    if (r.status !== 200) throw new Error(`${c.user} REGISTER got ${r.status}`);
  }
  return clients;
}

export async function createConference(organizer: RawClient): Promise<{ focusUri: string; chatUri: string; conferenceId: string }> {
  const factory = `${organizer.aor};gruu;opaque=app:conf:focusfactory`;
  const response = await organizer.send(
    organizer.outOfDialog('SERVICE', factory, {
      contentType: 'application/cccp+xml',
      body: organizer.c3p(factory, { name: 'addConference', conferenceId: crypto.randomUUID().replace(/-/g, '').toUpperCase(), entityViews: ['chat'], admissionPolicy: 'openAuthenticated' }),
    }),
  );
  if (response.status !== 200) throw new Error(`addConference got ${response.status}`);
  const c3p = parseC3pResponse(response.body);
  if (c3p.code !== 'success' || !c3p.focusUri) throw new Error(`addConference failed: ${response.body.toString()}`);
  const chatUri = c3p.confUris?.find((e) => e.purpose === 'chat')?.uri ?? '';
  const conferenceId = /id:([0-9A-F]+)/.exec(c3p.focusUri)?.[1] ?? '';
  return { focusUri: c3p.focusUri, chatUri, conferenceId };
}

export async function joinFocus(client: RawClient, focusUri: string, endpoint = `{${crypto.randomUUID().toUpperCase()}}`) {
  return client.establish(
    client.outOfDialog('INVITE', focusUri, {
      headers: [['Supported', 'ms-sender'], ['Supported', 'timer']],
      contentType: 'application/cccp+xml',
      body: client.c3p(focusUri, { name: 'addUser', confEntity: focusUri, userEntity: client.aor, role: 'attendee', endpointEntity: endpoint }),
    }),
  );
}

export async function subscribe(client: RawClient, focusUri: string, benotify = true) {
  return client.establish(
    client.outOfDialog('SUBSCRIBE', focusUri, {
      headers: [
        ['Event', 'conference'],
        ['Accept', 'application/conference-info+xml'],
        ['Supported', 'com.microsoft.autoextend'],
        ...(benotify ? ([['Supported', 'ms-benotify'], ['Proxy-Require', 'ms-benotify']] as [string, string][]) : []),
        ['Supported', 'ms-piggyback-first-notify'],
      ],
    }),
  );
}

export async function joinChat(client: RawClient, chatUri: string) {
  return client.establish(
    client.outOfDialog('INVITE', chatUri, { headers: [['Supported', 'ms-sender']], contentType: 'application/sdp', body: sdpOf() }),
  );
}

/** A conference-info notification (BENOTIFY or NOTIFY) with a body. */
export function isRoster(m: SipMessage): boolean {
  return m.kind === 'request' && (m.method === 'BENOTIFY' || m.method === 'NOTIFY') && (m.headers.get('content-type') ?? '').startsWith('application/conference-info+xml');
}

export function rosterVersion(body: Buffer): number {
  return Number(/<conference-info[^>]*\sversion="(\d+)"/.exec(body.toString('utf8'))?.[1] ?? NaN);
}

export async function setUpConference(lab: LabAddress, users: readonly string[] = ['alice', 'bob', 'carol']): Promise<Conference> {
  const clients = await openClients(lab, users);
  const organizer = clients[0] as RawClient;
  const { focusUri, chatUri, conferenceId } = await createConference(organizer);
  const members: Member[] = [];
  for (const client of clients) {
    const d1 = (await joinFocus(client, focusUri)).dialog;
    const d2 = (await subscribe(client, focusUri)).dialog;
    const d3 = (await joinChat(client, chatUri)).dialog;
    if (!d1 || !d2 || !d3) throw new Error(`${client.user} could not join`);
    members.push({ client, d1, d2, d3 });
  }
  // Everyone's roster has seen the last joiner's chat endpoint.
  const last = clients[clients.length - 1] as RawClient;
  for (const client of clients) {
    await client.waitFor(`${last.user}'s chat endpoint`, (m) => isRoster(m) && m.body.toString().includes(`entity="${last.aor}"`) && /session-type="chat"/.test(m.body.toString()));
  }
  return {
    focusUri,
    chatUri,
    conferenceId,
    members,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}
