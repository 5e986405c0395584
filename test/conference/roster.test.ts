import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/index.js';
import {
  ROSTER_UPDATED_CHANNEL,
  Roster,
  type RosterUpdatedMessage,
  childElement,
  childElements,
  parseConferenceInfo,
  renderConferenceInfo,
  serializeXml,
  type ConferenceInfoDocument,
} from './conference-exports.js';
import { ALICE, BOB, CAROL, CHAT, FOCUS, xmlFixture } from './xml-fixture.js';

const CAROL_GUID = '{C263F024-15CC-4B33-971D-FCF9BE23BB0D}';

function seeded(): Roster {
  const roster = new Roster();
  expect(roster.apply(xmlFixture('roster-full-v9-three-users.xml'))).toMatchObject({ applied: true, version: 9 });
  return roster;
}

function partial(version: number, body: Omit<ConferenceInfoDocument, 'entity' | 'state' | 'version'>): string {
  return renderConferenceInfo({ entity: FOCUS, state: 'partial', version, ...body });
}

describe('Roster: full documents', () => {
  it('applies a full roster and exposes the views', () => {
    const roster = seeded();
    expect(roster.users()).toEqual([ALICE, BOB, CAROL]);
    expect(roster.version).toBe(9);
    expect(roster.state).toBe('active');
    expect(roster.focusUri).toBe(FOCUS);
    expect(roster.chatUri).toBe(CHAT);
    expect(roster.locked).toBe(false);
    expect(roster.roles(ALICE)).toEqual(['presenter']);
    expect(roster.roles(BOB)).toEqual(['attendee']);
    expect(roster.inChat(CAROL)).toBe(true);
    expect(roster.user(CAROL)?.endpoints.map((endpoint) => endpoint.sessionType)).toEqual(['focus', 'chat']);
    expect(roster.user(ALICE)?.displayText).toBe('Alice');
    expect(roster.has('sip:dave@contoso.com')).toBe(false);
    expect(roster.roles('sip:dave@contoso.com')).toEqual([]);
  });

  it('replaces local state with a newer full document, even across a version jump', () => {
    const roster = seeded();
    const update = roster.apply(
      renderConferenceInfo({ entity: FOCUS, state: 'full', version: 20, users: { users: [{ entity: ALICE, roles: ['presenter'] }] } }),
    );
    expect(update).toMatchObject({ applied: true, version: 20 });
    expect(update.issue).toBeUndefined();
    expect(roster.users()).toEqual([ALICE]);
    expect(roster.chatUri).toBeUndefined();
  });

  it('a deleted document empties the roster', () => {
    const roster = seeded();
    expect(roster.apply(xmlFixture('roster-deleted-v12.xml'))).toMatchObject({ applied: true, version: 12 });
    expect(roster.state).toBe('deleted');
    expect(roster.users()).toEqual([]);
    expect(roster.has(ALICE)).toBe(false);
    expect(roster.focusUri).toBe(FOCUS);
  });
});

describe('Roster: the seed ejection (MS-CONFIM 4.3.1)', () => {
  it('v10 leaves Carol in IM but not in the focus, v11 removes her', () => {
    const roster = seeded();
    const v10 = roster.apply(xmlFixture('seed-msg12-roster-v10-partial.xml'));
    expect(v10).toMatchObject({ applied: true, version: 10 });
    expect(v10.detail).toContain(`user ${CAROL} full`);
    expect(roster.has(CAROL)).toBe(true);
    expect(roster.inChat(CAROL)).toBe(true);
    expect(roster.user(CAROL)?.endpoints).toEqual([
      { entity: CAROL_GUID, sessionType: 'chat', status: 'connected', endpointUri: 'sip:carol@contoso.com;opaque=user:epid:d7NL6_mHNFSL3I1rbITi2gAA;gruu' },
    ]);
    expect(roster.user(BOB)?.endpoints).toHaveLength(2);

    expect(roster.apply(xmlFixture('seed-msg16-roster-v11-partial.xml'))).toMatchObject({ applied: true, version: 11 });
    expect(roster.users()).toEqual([ALICE, BOB]);
    expect(roster.inChat(CAROL)).toBe(false);
    expect(roster.inChat(BOB)).toBe(true);
    expect(roster.roles(ALICE)).toEqual(['presenter']);
  });

  it('keeps the history as the participant saw it', () => {
    const clock = new ManualClock(1000);
    const roster = new Roster({ clock });
    roster.apply(xmlFixture('roster-full-v9-three-users.xml'));
    clock.advance(250);
    roster.apply(xmlFixture('seed-msg12-roster-v10-partial.xml'));
    roster.apply(xmlFixture('seed-msg13-roster-v10-partial.xml'));
    roster.apply(xmlFixture('seed-msg16-roster-v11-partial.xml'));
    expect(roster.history.map((entry) => [entry.seq, entry.applied, entry.version, entry.issue, entry.state])).toEqual([
      [1, true, 9, undefined, 'full'],
      [2, true, 10, undefined, 'partial'],
      [3, false, 10, 'stale', 'partial'],
      [4, true, 11, undefined, 'partial'],
    ]);
    expect(roster.history[0]?.at).toBe(1000);
    expect(roster.history[1]?.at).toBe(1250);
    expect(roster.history[0]?.summary).toBe('v9: alice@contoso.com [presenter, chat]; bob@contoso.com [attendee, chat]; carol@contoso.com [attendee, chat]');
    expect(roster.history[3]?.summary).toBe('v11: alice@contoso.com [presenter, chat]; bob@contoso.com [attendee, chat]');
  });
});

describe('Roster: version checks (RFC 4575 §4.6)', () => {
  it('discards a stale document (version ≤ local)', () => {
    const roster = seeded();
    const same = roster.apply(xmlFixture('roster-full-v9-three-users.xml'));
    expect(same).toMatchObject({ applied: false, version: 9, issue: 'stale' });
    expect(same.detail).toContain('repeating the version is allowed');
    const older = roster.apply(partial(8, { users: { state: 'partial', users: [{ entity: CAROL, state: 'deleted' }] } }));
    expect(older).toMatchObject({ applied: false, issue: 'stale' });
    expect(roster.has(CAROL)).toBe(true);
    expect(roster.version).toBe(9);
  });

  it('discards a partial after a gap and lists the missing versions', () => {
    const roster = seeded();
    const update = roster.apply(partial(12, { users: { state: 'partial', users: [{ entity: CAROL, state: 'deleted' }] } }));
    expect(update).toMatchObject({ applied: false, version: 12, issue: 'gap', missingVersions: [10, 11] });
    expect(update.detail).toContain('missing v10, 11');
    expect(roster.has(CAROL)).toBe(true);
    expect(roster.version).toBe(9);
    // the in-order v10 still applies afterwards
    expect(roster.apply(xmlFixture('seed-msg12-roster-v10-partial.xml')).applied).toBe(true);
  });

  it('caps the list of missing versions', () => {
    const roster = new Roster({ maxMissingVersions: 3 });
    roster.apply(renderConferenceInfo({ entity: FOCUS, state: 'full', version: 1 }));
    const update = roster.apply(renderConferenceInfo({ entity: FOCUS, state: 'partial', version: 1_000_000 }));
    expect(update.missingVersions).toEqual([2, 3, 4]);
    expect(update.detail).toContain('2, 3, 4, …');
  });

  it('does not apply a partial before any full document', () => {
    const roster = new Roster();
    expect(roster.apply(xmlFixture('seed-msg12-roster-v10-partial.xml'))).toMatchObject({ applied: false, version: 10, issue: 'partial-before-full' });
    expect(roster.users()).toEqual([]);
    expect(roster.version).toBeUndefined();
    expect(roster.state).toBe('empty');
  });

  it('starts over after reset (a new subscription)', () => {
    const roster = seeded();
    roster.reset();
    expect(roster.apply(xmlFixture('seed-msg12-roster-v10-partial.xml')).issue).toBe('partial-before-full');
    expect(roster.apply(renderConferenceInfo({ entity: FOCUS, state: 'full', version: 1, users: { users: [{ entity: BOB }] } })).applied).toBe(true);
    expect(roster.users()).toEqual([BOB]);
  });

  it.each([
    ['garbage', 'not xml at all'],
    ['a C3P body', xmlFixture('seed-msg14-c3p-deleteuser-response.xml')],
    ['no version', `<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="${FOCUS}" state="partial"/>`],
    [
      'a bad nested state',
      `<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="e" state="partial" version="10"><users state="partial"><user entity="${CAROL}" state="gone"/></users></conference-info>`,
    ],
  ])('reports %s as malformed and changes nothing', (_name, body) => {
    const roster = seeded();
    const update = roster.apply(body);
    expect(update).toMatchObject({ applied: false, issue: 'malformed' });
    expect(update.detail).toMatch(/malformed|version/);
    expect(roster.users()).toEqual([ALICE, BOB, CAROL]);
    expect(roster.version).toBe(9);
  });
});

describe('Roster: keyed merge', () => {
  it('adds a user from a partial', () => {
    const roster = seeded();
    roster.apply(
      partial(10, {
        users: {
          state: 'partial',
          users: [{ entity: 'sip:dave@contoso.com', displayText: 'Dave', roles: ['attendee'], endpoints: [{ entity: '{D}', sessionType: 'focus', status: 'connected' }] }],
        },
      }),
    );
    expect(roster.users()).toEqual([ALICE, BOB, CAROL, 'sip:dave@contoso.com']);
    expect(roster.inChat('sip:dave@contoso.com')).toBe(false);
    expect(roster.user('sip:dave@contoso.com')?.endpoints).toEqual([{ entity: '{D}', sessionType: 'focus', status: 'connected' }]);
  });

  it('changes roles with a partial user, keeping the endpoints', () => {
    const roster = seeded();
    roster.apply(partial(10, { users: { state: 'partial', users: [{ entity: BOB, state: 'partial', roles: ['presenter'] }] } }));
    expect(roster.roles(BOB)).toEqual(['presenter']);
    expect(roster.user(BOB)?.endpoints).toHaveLength(2);
    expect(roster.inChat(BOB)).toBe(true);
    expect(roster.user(BOB)?.displayText).toBe('Bob');
  });

  it('locks with ci:state on the MS extension elements', () => {
    const roster = seeded();
    expect(roster.apply(xmlFixture('roster-partial-v10-lock-ci-state.xml'))).toMatchObject({ applied: true, version: 10 });
    expect(roster.locked).toBe(true);
    expect(roster.users()).toEqual([ALICE, BOB, CAROL]);
    roster.apply(partial(11, { view: { state: 'partial', entityViews: [{ entity: 'chat', state: 'partial', entityState: { state: 'partial', locked: false } }] } }));
    expect(roster.locked).toBe(false);
  });

  it('keys endpoints by entity and session-type: deleting the focus endpoint keeps the chat one', () => {
    const roster = seeded();
    roster.apply(
      partial(10, { users: { state: 'partial', users: [{ entity: CAROL, state: 'partial', endpoints: [{ entity: CAROL_GUID, sessionType: 'focus', state: 'deleted' }] }] } }),
    );
    expect(roster.user(CAROL)?.endpoints.map((endpoint) => endpoint.sessionType)).toEqual(['chat']);
    expect(roster.inChat(CAROL)).toBe(true);
  });

  it('falls back to the entity when a partial endpoint has no session-type', () => {
    const roster = seeded();
    roster.apply(
      partial(10, {
        users: { state: 'partial', users: [{ entity: BOB, state: 'partial', endpoints: [{ entity: '{5B0B0B0B-0002-4000-8000-000000000B0B}', state: 'partial', status: 'disconnected' }] }] },
      }),
    );
    expect(roster.user(BOB)?.endpoints).toEqual([
      { entity: '{5B0B0B0B-0001-4000-8000-000000000B0B}', sessionType: 'focus', status: 'connected' },
      { entity: '{5B0B0B0B-0002-4000-8000-000000000B0B}', sessionType: 'chat', status: 'disconnected' },
    ]);
    expect(roster.inChat(BOB)).toBe(false);
  });

  it('merges media by id and conf-uris entries by uri', () => {
    const roster = seeded();
    roster.apply(
      partial(10, {
        description: { state: 'partial', confUris: { state: 'partial', entries: [{ uri: 'sip:alice@contoso.com;gruu;opaque=app:conf:audio-video:id:7E', purpose: 'audio-video' }] } },
        users: {
          state: 'partial',
          users: [{ entity: ALICE, state: 'partial', endpoints: [{ entity: '{9A1B2C3D-0002-4000-8000-00000000A11C}', sessionType: 'chat', state: 'partial', media: [{ id: '1', state: 'partial', status: 'recvonly' }] }] }],
        },
      }),
    );
    expect(roster.chatUri).toBe(CHAT);
    const tree = roster.document()!;
    const entries = childElements(childElement(childElement(tree, 'conference-description')!, 'conf-uris')!, 'entry');
    expect(entries).toHaveLength(2);
    const alice = childElements(childElement(tree, 'users')!, 'user')[0]!;
    const media = childElement(childElements(alice, 'endpoint')[1]!, 'media')!;
    expect(childElement(media, 'type')?.text).toBe('chat');
    expect(childElement(media, 'status')?.text).toBe('recvonly');
    // the subject (unkeyed sibling not mentioned in the partial) is untouched
    expect(childElement(childElement(tree, 'conference-description')!, 'subject')?.text).toBe('Quarterly numbers & plans');
  });

  it('replaces unkeyed children and deletes a conf-uris entry by uri', () => {
    const roster = seeded();
    roster.apply(
      partial(10, {
        description: { state: 'partial', subject: 'New subject', confUris: { state: 'partial', entries: [{ uri: CHAT, state: 'deleted' }] } },
      }),
    );
    const description = parseConferenceInfo(serializeXml(roster.document()!)).document().description;
    expect(description?.subject).toBe('New subject');
    expect(description?.confUris?.entries).toEqual([]);
    expect(description?.conferenceId).toBe('7ECB5F9BFFB1F343B36775DBA09E8038');
    expect(roster.chatUri).toBeUndefined();
  });

  it('keeps unknown elements through merges and writes them back out', () => {
    const roster = seeded();
    roster.apply(xmlFixture('seed-msg12-roster-v10-partial.xml'));
    roster.apply(xmlFixture('seed-msg16-roster-v11-partial.xml'));
    roster.apply(
      `<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" xmlns:y="urn:example:other" entity="${FOCUS}" state="partial" version="12"><y:banner>hello</y:banner></conference-info>`,
    );
    const xml = serializeXml(roster.document()!);
    expect(xml).toContain('dialled in from the lab');
    expect(xml).toContain('<msci:display-name>Alice</msci:display-name>');
    expect(xml).toContain('hello');
    const reparsed = parseConferenceInfo(xml);
    expect(reparsed.state).toBe('full');
    expect(reparsed.document().users?.users.map((user) => user.entity)).toEqual([ALICE, BOB]);
    expect(xml).not.toMatch(/state="(partial|deleted)"/);
  });

  it('a full user in a partial replaces the whole user (unlisted endpoints disappear)', () => {
    const roster = seeded();
    roster.apply(partial(10, { users: { state: 'partial', users: [{ entity: ALICE, state: 'full', roles: ['presenter'] }] } }));
    expect(roster.user(ALICE)?.endpoints).toEqual([]);
    expect(roster.user(ALICE)?.displayText).toBeUndefined();
  });

  it('accepts a parsed document or a tree as input', () => {
    const roster = new Roster();
    expect(roster.apply(parseConferenceInfo(xmlFixture('roster-full-v9-three-users.xml'))).applied).toBe(true);
    expect(roster.apply(parseConferenceInfo(xmlFixture('seed-msg12-roster-v10-partial.xml')).tree).applied).toBe(true);
    expect(roster.apply(Buffer.from(xmlFixture('seed-msg16-roster-v11-partial.xml'))).applied).toBe(true);
    expect(roster.users()).toEqual([ALICE, BOB]);
  });

  it('returns the merged state as the typed model', () => {
    const roster = seeded();
    roster.apply(xmlFixture('seed-msg12-roster-v10-partial.xml'));
    const document = roster.toDocument();
    expect(document).toMatchObject({ entity: FOCUS, state: 'full', version: 10 });
    expect(document?.users?.users.find((user) => user.entity === CAROL)?.endpoints?.[0]?.capabilities?.userAgent).toContain('Office Communicator');
  });
});

describe('Roster: diagnostics', () => {
  it('publishes every applied or discarded update on focus-harness:roster:updated', () => {
    const seen: RosterUpdatedMessage[] = [];
    const listener = (message: unknown): void => {
      seen.push(message as RosterUpdatedMessage);
    };
    subscribe(ROSTER_UPDATED_CHANNEL, listener);
    try {
      const roster = new Roster({ subscriber: 'bob' });
      roster.apply(xmlFixture('seed-msg13-roster-v10-partial.xml'));
      roster.apply(xmlFixture('roster-full-v9-three-users.xml'));
    } finally {
      unsubscribe(ROSTER_UPDATED_CHANNEL, listener);
    }
    expect(seen.map((message) => [message.subscriber, message.entry.applied, message.entry.issue])).toEqual([
      ['bob', false, 'partial-before-full'],
      ['bob', true, undefined],
    ]);
  });
});

describe('Roster: the conference subject (brief §6.13, modifyConference)', () => {
  it('reads conference-description/subject and follows a partial description change', () => {
    const roster = seeded();
    expect(roster.subject).toBe('Quarterly numbers & plans');
    expect(roster.apply(partial(10, { description: { state: 'partial', subject: 'Budget review, second round' } }))).toMatchObject({ applied: true, version: 10 });
    expect(roster.subject).toBe('Budget review, second round');
    // The rest of the description is untouched by a partial that names only the subject.
    expect(roster.chatUri).toBe(CHAT);
    expect(roster.toDocument()?.description?.conferenceId).toBe('7ECB5F9BFFB1F343B36775DBA09E8038');
  });

  it('has no subject before a full document, without a description, or once the conference is deleted', () => {
    const roster = new Roster();
    expect(roster.subject).toBeUndefined();
    roster.apply(renderConferenceInfo({ entity: FOCUS, state: 'full', version: 1, users: { users: [{ entity: ALICE }] } }));
    expect(roster.subject).toBeUndefined();
    const seededRoster = seeded();
    seededRoster.apply(xmlFixture('roster-deleted-v12.xml'));
    expect(seededRoster.subject).toBeUndefined();
  });

  it('ignores a stale description change', () => {
    const roster = seeded();
    roster.apply(partial(9, { description: { state: 'partial', subject: 'late' } }));
    expect(roster.subject).toBe('Quarterly numbers & plans');
  });
});
