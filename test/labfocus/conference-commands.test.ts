/**
 * The lab focus's modifyConference (MS-CONFBAS 4.4.10, brief §6.13: INFO in D1, presenters only, one
 * partial description update for every subscriber) and getAvailableMcuTypes (MS-CONFPRO 4.7: SERVICE
 * to the factory), clean and under the fault switch of each — real TLS on loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseC3pResponse, parseConferenceInfo, type C3pCommand, type C3pResponse } from '../../src/conference/index.js';
import type { LabFaultName } from '../../src/labfocus/index.js';
import type { SipMessage } from '../../src/sip/index.js';
import { isRoster, openClients, rosterVersion, setUpConference, type Conference, type Member } from './conference-setup.js';
import { member } from './eject-driver.js';
import type { RawClient } from './raw-client.js';
import { startTestLab, type TestLab } from './test-lab.js';

/** Generous: a busy machine must not turn a slow answer into a failure. */
const WAIT_MS = 20_000;
const SUBJECT = 'Budget review, second round';

let lab: TestLab | undefined;
let conf: Conference | undefined;
const clients: RawClient[] = [];

afterEach(async () => {
  await conf?.close();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await lab?.lab.stop();
  conf = undefined;
  lab = undefined;
});

async function conferenceWith(faults: LabFaultName[] = []): Promise<Conference> {
  lab = await startTestLab({ faults });
  conf = await setUpConference(lab.address);
  return conf;
}

const isC3pInfo = (m: SipMessage) => m.kind === 'request' && m.method === 'INFO' && (m.headers.get('content-type') ?? '').includes('cccp');
const mentionsSubject = (m: SipMessage) => isRoster(m) && m.body.toString().includes(SUBJECT);

/** The last roster version a member has seen. */
function lastVersion(m: Member): number {
  const versions = m.client.received().filter(isRoster).map((message) => rosterVersion(message.body));
  return Math.max(...versions);
}

/** Sends a C3P command in the member's D1 and returns the SIP status and the C3P response (202 + INFO or 200). */
async function inD1(m: Member, focusUri: string, command: C3pCommand): Promise<{ status: number; c3p: C3pResponse }> {
  const mark = m.client.inbox.length;
  const response = await m.client.send(m.client.inDialog(m.d1, 'INFO', { contentType: 'application/cccp+xml', body: m.client.c3p(focusUri, command) }));
  if (response.body.length > 0) return { status: response.status, c3p: parseC3pResponse(response.body) };
  const info = await m.client.waitFor(`${command.name} result`, isC3pInfo, mark, WAIT_MS);
  return { status: response.status, c3p: parseC3pResponse(info.body) };
}

/** Alice locks the conference and every member sees that update: anything sent before it has landed. */
async function flushWithLock(c: Conference): Promise<SipMessage[]> {
  const marks = c.members.map((m) => m.client.inbox.length);
  expect((await inD1(member(c, 'alice'), c.focusUri, { name: 'modifyConferenceLock', confEntity: c.focusUri, locked: true })).c3p.code).toBe('success');
  return Promise.all(c.members.map((m, i) => m.client.waitFor('lock update', (msg) => isRoster(msg) && /locked>true</.test(msg.body.toString()), marks[i], WAIT_MS)));
}

/**
 * Since `marks`, no member got a roster mentioning the subject, and the lock update that flushes
 * the dialogs is the very next version after `before` (so no description update went out either).
 */
async function expectSubjectUnannounced(c: Conference, before: number[], marks: number[]): Promise<void> {
  const locks = await flushWithLock(c);
  for (const [i, m] of c.members.entries()) {
    expect(m.client.received(marks[i]).some(mentionsSubject)).toBe(false);
    expect(rosterVersion(locks[i]!.body)).toBe((before[i] ?? NaN) + 1);
  }
}

describe('modifyConference in the focus dialog (MS-CONFBAS 4.4.10)', () => {
  it('a presenter changes the subject: success, then one partial description at the next version for every subscriber', async () => {
    const c = await conferenceWith();
    const before = c.members.map(lastVersion);
    const marks = c.members.map((m) => m.client.inbox.length);
    const { status, c3p } = await inD1(member(c, 'alice'), c.focusUri, { name: 'modifyConference', confEntity: c.focusUri, mcuUri: c.chatUri, subject: SUBJECT });
    expect(status).toBe(202);
    expect(c3p).toMatchObject({ code: 'success', command: 'modifyConference', from: c.focusUri, to: member(c, 'alice').client.aor });
    for (const [i, m] of c.members.entries()) {
      const update = await m.client.waitFor('subject update', mentionsSubject, marks[i], WAIT_MS);
      const parsed = parseConferenceInfo(update.body);
      expect(parsed.state).toBe('partial');
      expect(parsed.version).toBe((before[i] ?? NaN) + 1);
      const document = parsed.document();
      expect(document.description).toMatchObject({ state: 'partial', subject: SUBJECT });
      expect(document.users).toBeUndefined();
      expect(m.client.received(marks[i]).filter(isRoster)).toHaveLength(1);
    }
    // A late subscriber's full document and the definition carry the new subject too.
    const definition = await inD1(member(c, 'bob'), c.focusUri, { name: 'getConference', confEntity: c.focusUri });
    expect(definition.c3p.conference?.description?.subject).toBe(SUBJECT);
  }, 60_000);

  it('refuses an attendee (C3P failure "unauthorized") and changes nothing', async () => {
    const c = await conferenceWith();
    const before = c.members.map(lastVersion);
    const marks = c.members.map((m) => m.client.inbox.length);
    const { c3p } = await inD1(member(c, 'bob'), c.focusUri, { name: 'modifyConference', confEntity: c.focusUri, subject: SUBJECT });
    expect(c3p).toMatchObject({ code: 'failure', command: 'modifyConference', reason: 'unauthorized' });
    await expectSubjectUnannounced(c, before, marks);
  }, 60_000);

  it('refuses an mcuUri that is not one of this conference\'s (ms-diagnostics 3013)', async () => {
    const c = await conferenceWith();
    const alice = member(c, 'alice');
    const mark = alice.client.inbox.length;
    const response = await alice.client.send(
      alice.client.inDialog(alice.d1, 'INFO', {
        contentType: 'application/cccp+xml',
        body: alice.client.c3p(c.focusUri, { name: 'modifyConference', confEntity: c.focusUri, mcuUri: c.focusUri.replace(':focus:', ':audio-video:'), subject: SUBJECT }),
      }),
    );
    expect(response.headers.get('ms-diagnostics')).toMatch(/^3013;/);
    const info = await alice.client.waitFor('refusal', isC3pInfo, mark, WAIT_MS);
    expect(parseC3pResponse(info.body)).toMatchObject({ code: 'failure', command: 'modifyConference' });
  }, 60_000);

  it('ignore-modify-conference: success is reported, but the subject stays and no update is sent', async () => {
    const c = await conferenceWith(['ignore-modify-conference']);
    const before = c.members.map(lastVersion);
    const marks = c.members.map((m) => m.client.inbox.length);
    const { c3p } = await inD1(member(c, 'alice'), c.focusUri, { name: 'modifyConference', confEntity: c.focusUri, subject: SUBJECT });
    expect(c3p.code).toBe('success');
    await expectSubjectUnannounced(c, before, marks);
    const definition = await inD1(member(c, 'carol'), c.focusUri, { name: 'getConference', confEntity: c.focusUri });
    expect(definition.c3p.conference?.description?.subject).not.toBe(SUBJECT);
  }, 60_000);
});

describe('getAvailableMcuTypes at the focus factory (MS-CONFPRO 4.7)', () => {
  async function askFactory(faults: LabFaultName[]): Promise<{ status: number; c3p: C3pResponse }> {
    lab = await startTestLab({ faults });
    const [carol] = await openClients(lab.address, ['carol']);
    if (!carol) throw new Error('no client');
    clients.push(carol);
    const factory = `${carol.aor};gruu;opaque=app:conf:focusfactory`;
    const response = await carol.send(carol.outOfDialog('SERVICE', factory, { contentType: 'application/cccp+xml', body: carol.c3p(factory, { name: 'getAvailableMcuTypes' }) }));
    return { status: response.status, c3p: parseC3pResponse(response.body) };
  }

  it('answers 200 with success and the chat MCU in mcu-types', async () => {
    const { status, c3p } = await askFactory([]);
    expect(status).toBe(200);
    expect(c3p).toMatchObject({ code: 'success', command: 'getAvailableMcuTypes', from: 'sip:carol@contoso.com;gruu;opaque=app:conf:focusfactory', to: 'sip:carol@contoso.com' });
    expect(c3p.mcuTypes).toEqual(['chat']);
  }, 60_000);

  it('mcu-types-omit-chat: the list lacks the chat MCU', async () => {
    const { status, c3p } = await askFactory(['mcu-types-omit-chat']);
    expect(status).toBe(200);
    expect(c3p.code).toBe('success');
    expect(c3p.mcuTypes).toEqual([]);
  }, 60_000);
});
