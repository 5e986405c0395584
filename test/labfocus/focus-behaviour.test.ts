/**
 * Lab focus behaviour over real TLS on loopback: registrar, factory, IM fan-out, authorisation,
 * voluntary leave, roles and lock, NOTIFY without ms-benotify, and the direct-200 C3P style.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseC3pResponse, parseConferenceInfo } from '../../src/conference/index.js';
import type { SipMessage } from '../../src/sip/index.js';
import {
  createConference,
  isRoster,
  joinChat,
  joinFocus,
  openClients,
  setUpConference,
  subscribe,
  type Conference,
} from './conference-setup.js';
import { ejectCarol, isTerminated, member } from './eject-driver.js';
import { sendIm } from './im-driver.js';
import { RawClient } from './raw-client.js';
import { versionOf } from './seed-flow.js';
import { startTestLab, type TestLab } from './test-lab.js';

const isC3pInfo = (m: SipMessage) => m.kind === 'request' && m.method === 'INFO' && (m.headers.get('content-type') ?? '').includes('cccp');
const isDeleted = (m: SipMessage) => isRoster(m) && m.body.toString().includes('state="deleted"');

describe('registrar', () => {
  let lab: TestLab;
  beforeAll(async () => {
    lab = await startTestLab();
  });
  afterAll(async () => {
    await lab.lab.stop();
  });

  it('answers REGISTER with the GRUU, the instance, expires and ms-keep-alive', async () => {
    const client = await RawClient.open(lab.address, 'alice');
    const response = await client.register(600);
    expect(response.status).toBe(200);
    const contact = response.headers.get('contact') ?? '';
    expect(contact).toMatch(/gruu="sip:alice@contoso\.com;opaque=user:epid:[A-Za-z0-9_-]+;gruu"/);
    expect(contact).toMatch(/\+sip\.instance="<urn:uuid:[0-9a-f-]+>"/);
    expect(contact).toMatch(/;expires=600/);
    expect(contact).toContain(client.contactUri);
    expect(response.headers.get('ms-keep-alive')).toBe('UAC;hop-hop=yes;end-end=no;timeout=300');
    expect((await client.register(0)).headers.get('expires')).toBe('0');
    await client.close();
  });

  it('refuses requests before registration and with a forged From (403)', async () => {
    const [alice] = await openClients(lab.address, ['alice']);
    const mallory = await RawClient.open(lab.address, 'mallory');
    const factory = 'sip:alice@contoso.com;gruu;opaque=app:conf:focusfactory';
    const body = mallory.c3p(factory, { name: 'getConferencingCapabilities' });
    const unregistered = await mallory.send(mallory.outOfDialog('SERVICE', factory, { contentType: 'application/cccp+xml', body }));
    expect(unregistered.status).toBe(403);
    await mallory.register();
    const forged = await mallory.send(mallory.outOfDialog('SERVICE', factory, { from: 'sip:alice@contoso.com', contentType: 'application/cccp+xml', body }));
    expect(forged.status).toBe(403);
    expect(forged.headers.get('ms-diagnostics')).toMatch(/From does not match/);
    expect((await mallory.register(900, 'sip:alice@contoso.com')).status).toBe(403);
    await Promise.all([alice?.close(), mallory.close()]);
  });

  it('addresses server requests to the registered Contact on the registering connection', async () => {
    const conf = await setUpConference(lab.address, ['alice', 'bob']);
    const alice = member(conf, 'alice');
    const notify = alice.client.inbox.find((r) => isRoster(r.message));
    expect(notify?.message.kind === 'request' && notify.message.uri).toBe(alice.client.contactUri);
    await conf.close();
  });
});

describe('focus factory', () => {
  let lab: TestLab;
  beforeAll(async () => {
    lab = await startTestLab();
  });
  afterAll(async () => {
    await lab.lab.stop();
  });

  it('creates, queries and deletes a conference; reports chat capabilities', async () => {
    const conf = await setUpConference(lab.address, ['alice', 'bob']);
    const alice = member(conf, 'alice').client;
    const bob = member(conf, 'bob');
    expect(conf.focusUri).toMatch(/^sip:alice@contoso\.com;gruu;opaque=app:conf:focus:id:[0-9A-F]{32}$/);
    expect(conf.chatUri).toBe(conf.focusUri.replace(':focus:', ':chat:'));
    const factory = `${alice.aor};gruu;opaque=app:conf:focusfactory`;
    const service = async (client: RawClient, command: Parameters<RawClient['c3p']>[1]) =>
      parseC3pResponse((await client.send(client.outOfDialog('SERVICE', factory, { contentType: 'application/cccp+xml', body: client.c3p(factory, command) }))).body);
    expect((await service(alice, { name: 'getConferencingCapabilities' })).mcuTypes).toEqual(['chat']);
    const got = await service(alice, { name: 'getConference', conferenceId: conf.conferenceId });
    expect(got.code).toBe('success');
    expect(await service(bob.client, { name: 'deleteConference', confEntity: conf.focusUri })).toMatchObject({ code: 'failure' });
    const mark = bob.client.inbox.length;
    expect(await service(alice, { name: 'deleteConference', confEntity: conf.focusUri })).toMatchObject({ code: 'success', focusUri: conf.focusUri });
    await bob.client.waitFor('focus BYE', (m) => m.kind === 'request' && m.method === 'BYE' && m.headers.get('call-id') === bob.d1.callId, mark);
    await bob.client.waitFor('MCU BYE', (m) => m.kind === 'request' && m.method === 'BYE' && m.headers.get('call-id') === bob.d3?.callId, mark);
    const ended = await bob.client.waitFor('terminated', isTerminated, mark);
    expect(ended.headers.get('subscription-state')).toMatch(/reason=noresource/);
    const deleted = bob.client.received(mark).find((m) => isRoster(m) && /state="deleted"/.test(m.body.toString()));
    expect(deleted && parseConferenceInfo(deleted.body).state).toBe('deleted');
    expect((await service(alice, { name: 'getConference', conferenceId: conf.conferenceId })).code).toBe('failure');
    await conf.close();
  });

  it('answers a malformed C3P body with 400 and ms-diagnostics 3006', async () => {
    const [alice] = await openClients(lab.address, ['alice']);
    if (!alice) throw new Error('no client');
    const factory = `${alice.aor};gruu;opaque=app:conf:focusfactory`;
    const response = await alice.send(alice.outOfDialog('SERVICE', factory, { contentType: 'application/cccp+xml', body: '<request><oops' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('ms-diagnostics')).toMatch(/^3006;/);
    await alice.close();
  });
});

describe('conference behaviour', () => {
  let lab: TestLab;
  let conf: Conference;
  beforeAll(async () => {
    lab = await startTestLab();
  });
  afterEach(async () => {
    await conf?.close();
  });
  afterAll(async () => {
    await lab.lab.stop();
  });

  it('gives the joiner a full roster listing everyone with roles, endpoints and the chat conf-uri', async () => {
    conf = await setUpConference(lab.address);
    const carol = member(conf, 'carol').client;
    const full = carol.inbox.map((r) => r.message).find((m) => isRoster(m) && m.body.toString().includes('state="full"'));
    const doc = parseConferenceInfo(full?.body ?? Buffer.alloc(0)).document();
    expect(doc.state).toBe('full');
    expect(doc.description?.confUris?.entries.find((e) => e.purpose === 'chat')?.uri).toBe(conf.chatUri);
    const users = doc.users?.users ?? [];
    expect(users.map((u) => [u.entity, u.roles])).toEqual([
      ['sip:alice@contoso.com', ['presenter']],
      ['sip:bob@contoso.com', ['attendee']],
      ['sip:carol@contoso.com', ['attendee']],
    ]);
    expect(users[0]?.endpoints?.map((e) => e.sessionType)).toEqual(['focus', 'chat']);
    expect(users[2]?.endpoints?.map((e) => e.sessionType)).toEqual(['focus']);
  });

  it('forwards an IM to the others only, with Ms-Sender, and reports delivery in an IMDN', async () => {
    conf = await setUpConference(lab.address);
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((u) => member(conf, u));
    if (!alice || !bob || !carol) throw new Error('members');
    carol.client.autoAnswer = (r) => (r.method === 'MESSAGE' ? 486 : 200);
    const marks = [alice, bob, carol].map((m) => m.client.inbox.length);
    const accepted = await sendIm(alice, 'hello team');
    expect(accepted.status).toBe(202);
    const messageId = accepted.headers.get('message-id');
    expect(messageId).toMatch(/^\d+$/);
    for (const [i, m] of [bob, carol].entries()) {
      const got = await m.client.waitFor('MESSAGE', (x) => x.kind === 'request' && x.method === 'MESSAGE', marks[i + 1]);
      expect(got.body.toString()).toBe('hello team');
      expect(got.headers.get('ms-sender')).toBe('<sip:alice@contoso.com>');
      expect(got.headers.get('call-id')).toBe(m.d3?.callId);
    }
    const imdn = await alice.client.waitFor('IMDN', (x) => x.kind === 'request' && x.method === 'BENOTIFY' && (x.headers.get('content-type') ?? '').includes('ms-imdn'), marks[0]);
    const xml = imdn.body.toString();
    expect(imdn.headers.get('call-id')).toBe(alice.d3?.callId);
    expect(xml).toContain(`<message-id>${messageId}</message-id>`);
    expect(xml).toMatch(/uri="&lt;sip:bob@contoso\.com;opaque=user:epid:[^"]+;gruu&gt;"><status>200<\/status>/);
    expect(xml).toMatch(/carol@contoso\.com[^"]*&gt;"><status>486<\/status>/);
    expect(alice.client.received(marks[0]).some((x) => x.kind === 'request' && x.method === 'MESSAGE')).toBe(false);
    expect((await alice.client.send(alice.client.inDialog(alice.d3!, 'INFO', { contentType: 'application/xml', body: '<?xml version="1.0"?><KeyboardActivity><status status="type"/></KeyboardActivity>' }))).status).toBe(200);
  });

  it('refuses an attendee\'s eject with C3P failure "unauthorized" and changes nothing', async () => {
    conf = await setUpConference(lab.address);
    const bob = member(conf, 'bob');
    const carol = member(conf, 'carol');
    const flow = await ejectCarol(conf, { ejector: bob, carolLeaves: false, waitForSeed: false });
    expect(flow.infoResponse).toMatchObject({ status: 202 });
    const info = await bob.client.waitFor('C3P failure', isC3pInfo, flow.marks['bob']);
    const c3p = parseC3pResponse(info.body);
    expect(c3p).toMatchObject({ code: 'failure', reason: 'unauthorized', command: 'deleteUser' });
    await carol.client.settle(200);
    for (const m of conf.members) expect(m.client.received(flow.marks[m.client.user]).filter(isRoster)).toEqual([]);
    expect(carol.client.received(flow.marks['carol'])).toEqual([]);
    expect((await carol.client.send(carol.client.inDialog(carol.d3!, 'MESSAGE', { contentType: 'text/plain', body: 'still here' }))).status).toBe(202);
  });

  it('refuses to eject someone not in the conference', async () => {
    conf = await setUpConference(lab.address, ['alice', 'bob']);
    const alice = member(conf, 'alice');
    const mark = alice.client.inbox.length;
    const response = await alice.client.send(alice.client.inDialog(alice.d1, 'INFO', {
      contentType: 'application/cccp+xml',
      body: alice.client.c3p(conf.focusUri, { name: 'deleteUser', confEntity: conf.focusUri, userEntity: 'sip:zed@contoso.com' }),
    }));
    expect(response.status).toBe(202);
    const info = await alice.client.waitFor('C3P failure', isC3pInfo, mark);
    expect(parseC3pResponse(info.body)).toMatchObject({ code: 'failure', reason: 'userDoesNotExist' });
  });

  it('answers a voluntary leave with 200s and partials ending with the user deleted', async () => {
    conf = await setUpConference(lab.address);
    const carol = member(conf, 'carol');
    const alice = member(conf, 'alice');
    const mark = alice.client.inbox.length;
    const cmark = carol.client.inbox.length;
    const unsub = await carol.client.send(carol.client.inDialog(carol.d2, 'SUBSCRIBE', { headers: [['Event', 'conference'], ['Expires', '0']] }));
    expect(unsub.status).toBe(200);
    await carol.client.waitFor('final notification', isTerminated, cmark);
    expect((await carol.client.send(carol.client.inDialog(carol.d1, 'BYE'))).status).toBe(200);
    expect((await carol.client.send(carol.client.inDialog(carol.d3!, 'BYE'))).status).toBe(200);
    await alice.client.waitFor('deleted', isDeleted, mark);
    const rosters = alice.client.received(mark).filter(isRoster);
    const versions = rosters.map((m) => versionOf(m.body.toString()) ?? NaN);
    expect(versions).toEqual([versions[0], (versions[0] as number) + 1]);
    expect(rosters[0]?.body.toString()).toMatch(/session-type="chat"/);
    expect(rosters[0]?.body.toString()).not.toMatch(/session-type="focus"/);
    expect((await carol.client.send(carol.client.inDialog(carol.d1, 'INFO', { contentType: 'application/cccp+xml', body: '<x/>' }))).status).toBe(481);
  });

  it('removes only the chat endpoint when a user leaves the IM MCU', async () => {
    conf = await setUpConference(lab.address, ['alice', 'bob']);
    const alice = member(conf, 'alice');
    const bob = member(conf, 'bob');
    const mark = alice.client.inbox.length;
    expect((await bob.client.send(bob.client.inDialog(bob.d3!, 'BYE'))).status).toBe(200);
    const update = await alice.client.waitFor('chat endpoint gone', isRoster, mark);
    const user = parseConferenceInfo(update.body).document().users?.users[0];
    expect(user).toMatchObject({ entity: bob.client.aor, state: 'full' });
    expect(user?.endpoints?.map((e) => e.sessionType)).toEqual(['focus']);
    const again = await bob.client.send(bob.client.inDialog(bob.d3!, 'BYE'));
    expect(again.status).toBe(481);
    expect(again.headers.get('ms-diagnostics')).toMatch(/^6019;.*component="ImMcu"/);
  });

  it('promotes a user and locks the conference, refusing new joiners while locked', async () => {
    conf = await setUpConference(lab.address, ['alice', 'bob']);
    const alice = member(conf, 'alice');
    const bob = member(conf, 'bob');
    const mark = bob.client.inbox.length;
    const promote = alice.client.c3p(conf.focusUri, { name: 'modifyUserRoles', confEntity: conf.focusUri, userEntity: bob.client.aor, roles: ['presenter'] });
    expect((await alice.client.send(alice.client.inDialog(alice.d1, 'INFO', { contentType: 'application/cccp+xml', body: promote }))).status).toBe(202);
    const roleUpdate = await bob.client.waitFor('role update', (m) => isRoster(m) && m.body.toString().includes('presenter'), mark);
    expect(roleUpdate.body.toString()).toContain(`entity="${bob.client.aor}"`);
    const lock = bob.client.c3p(conf.focusUri, { name: 'modifyConferenceLock', confEntity: conf.focusUri, locked: true });
    expect((await bob.client.send(bob.client.inDialog(bob.d1, 'INFO', { contentType: 'application/cccp+xml', body: lock }))).status).toBe(202);
    const info = await bob.client.waitFor('lock result', isC3pInfo, mark);
    expect(parseC3pResponse(info.body).code).toBe('success');
    const lockUpdate = await alice.client.waitFor('lock update', (m) => isRoster(m) && /locked>true</.test(m.body.toString()));
    expect(parseConferenceInfo(lockUpdate.body).document().view?.entityViews[0]?.entityState?.locked).toBe(true);
    const [carol] = await openClients(lab.address, ['carol']);
    if (!carol) throw new Error('carol');
    const refused = await joinFocus(carol, conf.focusUri);
    expect(refused.response.status).toBe(403);
    expect(parseC3pResponse(refused.response.body)).toMatchObject({ code: 'failure', reason: 'conferenceLocked' });
    expect((await subscribe(carol, conf.focusUri)).response.status).toBe(403);
    expect((await joinChat(carol, conf.chatUri)).response.status).toBe(403);
    await carol.close();
  });

  it('uses NOTIFY (answered 200) for a subscriber without ms-benotify, and accepts an out-of-dialog unsubscribe', async () => {
    const clients = await openClients(lab.address, ['alice']);
    const alice = clients[0] as RawClient;
    const created = await createConference(alice);
    await joinFocus(alice, created.focusUri);
    const sub = await subscribe(alice, created.focusUri, false);
    expect(sub.response.status).toBe(200);
    const first = await alice.waitFor('NOTIFY', (m) => isRoster(m));
    expect(first.kind === 'request' && first.method).toBe('NOTIFY');
    const mark = alice.inbox.length;
    const unsub = await alice.send(alice.outOfDialog('SUBSCRIBE', created.focusUri, { headers: [['Event', 'conference'], ['Expires', '0']] }));
    expect(unsub.status).toBe(200);
    const last = await alice.waitFor('terminated NOTIFY', isTerminated, mark);
    expect(last.kind === 'request' && last.method).toBe('NOTIFY');
    await alice.close();
  });
});

describe('c3pStyle 200', () => {
  it('answers C3P over INFO directly in the 200 OK', async () => {
    const lab = await startTestLab({ c3pStyle: '200' });
    const conf = await setUpConference(lab.address);
    const flow = await ejectCarol(conf);
    expect(flow.infoResponse).toMatchObject({ status: 200 });
    const response = flow.infoResponse as { body: Buffer };
    expect(parseC3pResponse(response.body)).toMatchObject({ code: 'success', command: 'deleteUser' });
    expect(member(conf, 'alice').client.received(flow.marks['alice']).some(isC3pInfo)).toBe(false);
    await conf.close();
    await lab.lab.stop();
  });
});
