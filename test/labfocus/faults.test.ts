/**
 * One test per fault switch: each shows the one observable behaviour the fault breaks, next to
 * the correct behaviour of a lab focus without faults (real TLS on loopback).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseC3pResponse, parseConferenceInfo } from '../../src/conference/index.js';
import type { LabFaultName } from '../../src/labfocus/index.js';
import type { SipMessage } from '../../src/sip/index.js';
import { isRoster, setUpConference, type Conference } from './conference-setup.js';
import { ejectCarol, isTerminated, member } from './eject-driver.js';
import { sendIm } from './im-driver.js';
import { startTestLab, type TestLab } from './test-lab.js';
import { versionOf } from './seed-flow.js';

let lab: TestLab | undefined;
let conf: Conference | undefined;

async function conferenceWith(faults: LabFaultName[]): Promise<Conference> {
  lab = await startTestLab({ faults });
  conf = await setUpConference(lab.address);
  return conf;
}

afterEach(async () => {
  await conf?.close();
  await lab?.lab.stop();
  conf = undefined;
  lab = undefined;
});

const onDialog = (callId: string, method: string) => (m: SipMessage) =>
  m.kind === 'request' && m.method === method && m.headers.get('call-id') === callId;
const isDeleted = (m: SipMessage) => isRoster(m) && m.body.toString().includes('state="deleted"');
const isC3pInfo = (m: SipMessage) => m.kind === 'request' && m.method === 'INFO' && (m.headers.get('content-type') ?? '').includes('cccp');

async function ejectWithoutCarolLeaving(c: Conference): Promise<Record<string, number>> {
  const flow = await ejectCarol(c, { carolLeaves: false });
  await member(c, 'carol').client.settle();
  return flow.marks;
}

/** After the ejection (Carol passive: the server's BYEs end D1 and D3), an INFO on D1 and a MESSAGE on D3. */
async function probeCarolsEndedDialogs(c: Conference): Promise<number[]> {
  const carol = member(c, 'carol');
  const marks = await ejectWithoutCarolLeaving(c);
  await carol.client.waitFor('the MCU BYE', onDialog(carol.d3?.callId ?? '', 'BYE'), marks['carol']);
  await carol.client.waitFor('the focus BYE', onDialog(carol.d1.callId, 'BYE'), marks['carol']);
  const d3 = carol.d3;
  if (!d3) throw new Error('Carol has no D3');
  const info = await carol.client.send(carol.client.inDialog(carol.d1, 'INFO', { contentType: 'application/cccp+xml', body: carol.client.c3p(c.focusUri, { name: 'getConference', confEntity: c.focusUri }) }));
  const message = await carol.client.send(carol.client.inDialog(d3, 'MESSAGE', { contentType: 'text/plain', body: 'still there?' }));
  return [info.status, message.status];
}

describe('without faults (the reference)', () => {
  it('answers 481 to requests on the dialogs it ended (INFO on D1, MESSAGE on D3)', async () => {
    const c = await conferenceWith([]);
    expect(await probeCarolsEndedDialogs(c)).toEqual([481, 481]);
  });

  it('ends all of Carol\'s dialogs, sends consecutive versions to all and reports success', async () => {
    const c = await conferenceWith([]);
    const carol = member(c, 'carol');
    const marks = await ejectWithoutCarolLeaving(c);
    const got = carol.client.received(marks['carol']);
    expect(got.some(onDialog(carol.d1.callId, 'BYE'))).toBe(true);
    expect(got.some(onDialog(carol.d3?.callId ?? '', 'BYE'))).toBe(true);
    expect(got.filter(isTerminated)).toHaveLength(1);
    expect(got.some(isDeleted)).toBe(false);
    for (const user of ['alice', 'bob']) {
      const versions = member(c, user).client.received(marks[user]).filter(isRoster).map((m) => versionOf(m.body.toString()) ?? NaN);
      expect(versions).toHaveLength(2);
      expect(versions[1]).toBe((versions[0] as number) + 1);
    }
    const info = member(c, 'alice').client.received(marks['alice']).find(isC3pInfo);
    expect(info && parseC3pResponse(info.body).code).toBe('success');
  });
});

describe('fault switches', () => {
  it('omit-focus-bye: no focus BYE on Carol\'s D1', async () => {
    const c = await conferenceWith(['omit-focus-bye']);
    const carol = member(c, 'carol');
    const marks = await ejectWithoutCarolLeaving(c);
    const got = carol.client.received(marks['carol']);
    expect(got.some(onDialog(carol.d1.callId, 'BYE'))).toBe(false);
    expect(got.some(onDialog(carol.d3?.callId ?? '', 'BYE'))).toBe(true);
  });

  it('omit-mcu-bye: no MCU BYE on Carol\'s D3', async () => {
    const c = await conferenceWith(['omit-mcu-bye']);
    const carol = member(c, 'carol');
    const marks = await ejectWithoutCarolLeaving(c);
    const got = carol.client.received(marks['carol']);
    expect(got.some(onDialog(carol.d3?.callId ?? '', 'BYE'))).toBe(false);
    expect(got.some(onDialog(carol.d1.callId, 'BYE'))).toBe(true);
  });

  it('keep-ejected-subscription: Carol\'s D2 is never terminated and keeps receiving updates', async () => {
    const c = await conferenceWith(['keep-ejected-subscription']);
    const carol = member(c, 'carol');
    const marks = await ejectWithoutCarolLeaving(c);
    const got = carol.client.received(marks['carol']);
    expect(got.filter(isTerminated)).toHaveLength(0);
    expect(got.some((m) => isDeleted(m) && m.headers.get('call-id') === carol.d2.callId)).toBe(true);
  });

  it('skip-roster-version: the deletion jumps a version', async () => {
    const c = await conferenceWith(['skip-roster-version']);
    const marks = await ejectWithoutCarolLeaving(c);
    const versions = member(c, 'bob').client.received(marks['bob']).filter(isRoster).map((m) => versionOf(m.body.toString()) ?? NaN);
    expect(versions[1]).toBe((versions[0] as number) + 2);
  });

  it('repeat-roster-version: the deletion repeats the previous version', async () => {
    const c = await conferenceWith(['repeat-roster-version']);
    const marks = await ejectWithoutCarolLeaving(c);
    const versions = member(c, 'alice').client.received(marks['alice']).filter(isRoster).map((m) => versionOf(m.body.toString()) ?? NaN);
    expect(versions).toHaveLength(2);
    expect(versions[1]).toBe(versions[0]);
  });

  it('omit-deleted-update: the last subscriber never learns Carol is gone', async () => {
    const c = await conferenceWith(['omit-deleted-update']);
    const alice = member(c, 'alice');
    const bob = member(c, 'bob');
    const flow = await ejectCarol(c, { carolLeaves: false, waitForSeed: false });
    await alice.client.waitFor('deleted update', isDeleted, flow.marks['alice']);
    await bob.client.settle();
    expect(bob.client.received(flow.marks['bob']).filter(isRoster)).toHaveLength(1);
    expect(bob.client.received(flow.marks['bob']).some(isDeleted)).toBe(false);
  });

  it('eject-reports-failure: a valid eject is carried out but reported as failure', async () => {
    const c = await conferenceWith(['eject-reports-failure']);
    const marks = await ejectWithoutCarolLeaving(c);
    const alice = member(c, 'alice');
    const info = await alice.client.waitFor('C3P response', isC3pInfo, marks['alice']);
    expect(parseC3pResponse(info.body).code).toBe('failure');
    expect(alice.client.received(marks['alice']).some(isDeleted)).toBe(true);
  });

  it('attendee-may-eject: Bob, an attendee, ejects Carol', async () => {
    const c = await conferenceWith(['attendee-may-eject']);
    const flow = await ejectCarol(c, { ejector: member(c, 'bob'), carolLeaves: false });
    const bob = member(c, 'bob');
    const info = await bob.client.waitFor('C3P response', isC3pInfo, flow.marks['bob']);
    expect(parseC3pResponse(info.body).code).toBe('success');
    expect(member(c, 'carol').client.received(flow.marks['carol']).some(isTerminated)).toBe(true);
  });

  it('echo-im-to-author: Alice receives her own message back', async () => {
    const c = await conferenceWith(['echo-im-to-author']);
    const alice = member(c, 'alice');
    const mark = alice.client.inbox.length;
    await sendIm(alice, 'hello all');
    const echoed = await alice.client.waitFor('echo', (m) => m.kind === 'request' && m.method === 'MESSAGE', mark);
    expect(echoed.body.toString()).toBe('hello all');
  });

  it('malformed-benotify-xml: the deletion document is not well-formed', async () => {
    const c = await conferenceWith(['malformed-benotify-xml']);
    const marks = await ejectWithoutCarolLeaving(c);
    const rosters = member(c, 'alice').client.received(marks['alice']).filter(isRoster);
    expect(() => parseConferenceInfo(rosters[0]?.body ?? Buffer.alloc(0))).not.toThrow();
    expect(() => parseConferenceInfo(rosters[1]?.body ?? Buffer.alloc(0))).toThrow();
  });

  it('wrong-content-length: the deletion notification is framed short of its body', async () => {
    const c = await conferenceWith(['wrong-content-length']);
    const flow = await ejectCarol(c, { carolLeaves: false, waitForSeed: false });
    const bob = member(c, 'bob');
    const cut = await bob.client.waitFor('a notification after the first', (m) => isRoster(m) && !m.body.toString().includes('state="full"'), flow.marks['bob']);
    expect(cut.body.toString()).not.toMatch(/<\/conference-info>\s*$/);
    expect(() => parseConferenceInfo(cut.body)).toThrow();
  });

  it('c3p-response-never-sent: 202 Accepted, then no C3P response', async () => {
    const c = await conferenceWith(['c3p-response-never-sent']);
    const flow = await ejectCarol(c, { carolLeaves: false });
    const alice = member(c, 'alice');
    await alice.client.settle(300);
    expect(flow.infoResponse).toMatchObject({ status: 202 });
    expect(alice.client.received(flow.marks['alice']).some(isC3pInfo)).toBe(false);
  });

  it('drop-connection-mid-eject: Alice\'s connection is closed before the result', async () => {
    const c = await conferenceWith(['drop-connection-mid-eject']);
    const alice = member(c, 'alice');
    const flow = await ejectCarol(c, { carolLeaves: false, waitForSeed: false });
    await alice.client.connection.whenClosed();
    expect(alice.client.received(flow.marks['alice']).some(isC3pInfo)).toBe(false);
    await member(c, 'bob').client.waitFor('deleted update', isDeleted, flow.marks['bob']);
  });

  it('ended-dialog-still-answered: requests on Carol\'s ended D1 and D3 are answered 200', async () => {
    const c = await conferenceWith(['ended-dialog-still-answered']);
    expect(await probeCarolsEndedDialogs(c)).toEqual([200, 200]);
  });

  it('omit-ms-sender: forwarded messages do not name their author', async () => {
    const c = await conferenceWith(['omit-ms-sender']);
    const bob = member(c, 'bob');
    const mark = bob.client.inbox.length;
    await sendIm(member(c, 'alice'), 'who said this?');
    const forwarded = await bob.client.waitFor('MESSAGE', (m) => m.kind === 'request' && m.method === 'MESSAGE', mark);
    expect(forwarded.headers.get('ms-sender')).toBeUndefined();
  });
});
