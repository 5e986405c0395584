import { describe, expect, it } from 'vitest';
import { classifyAddress, aorOf, newConferenceId } from '../../src/labfocus/conference-address.js';
import { LabConference } from '../../src/labfocus/lab-conference.js';
import { fullRosterDocument, partialRosterDocument } from '../../src/labfocus/roster-documents.js';

const ALICE = 'sip:alice@contoso.com';
const CAROL = 'sip:carol@contoso.com';

function conference(): LabConference {
  return new LabConference({ id: '7ECB5F9BFFB1F343B36775DBA09E8038', organizer: ALICE });
}

describe('conference addresses', () => {
  it('mints 32-hex ids and the seed\'s focus and chat URIs', () => {
    expect(newConferenceId()).toMatch(/^[0-9A-F]{32}$/);
    const c = conference();
    expect(c.focusUri).toBe('sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038');
    expect(c.chatUri).toBe('sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7ECB5F9BFFB1F343B36775DBA09E8038');
  });

  it('classifies Request-URIs', () => {
    expect(classifyAddress('sip:alice@contoso.com;gruu;opaque=app:conf:focusfactory')).toEqual({
      kind: 'focusfactory',
      user: 'alice@contoso.com',
    });
    expect(classifyAddress('<sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:abc123>;tag=1')).toMatchObject({
      kind: 'chat',
      conferenceId: 'ABC123',
    });
    expect(classifyAddress('sip:contoso.com')).toEqual({ kind: 'other' });
    expect(aorOf('"Carol" <SIP:Carol@Contoso.com;transport=tls>;tag=x')).toBe('sip:carol@contoso.com');
  });
});

describe('LabConference', () => {
  it('grants presenter to the organizer only', () => {
    const c = conference();
    c.joinFocus({ aor: ALICE });
    c.joinFocus({ aor: CAROL, endpointEntity: '{E1}' });
    expect(c.participant(ALICE)?.role).toBe('presenter');
    expect(c.participant(CAROL)?.role).toBe('attendee');
    expect(c.participant(CAROL)?.displayName).toBe('Carol');
  });

  it('removes a user once both endpoints are gone (seed v10 then v11)', () => {
    const c = conference();
    c.joinFocus({ aor: CAROL });
    c.joinChat(CAROL, { imFormats: 'text/plain' });
    expect(c.leaveFocus(CAROL)).toEqual({ kind: 'user', aor: CAROL });
    const v10 = partialRosterDocument(c, { kind: 'user', aor: CAROL }, 10);
    expect(v10.users?.users[0]?.state).toBe('full');
    expect(v10.users?.users[0]?.endpoints?.map((e) => e.sessionType)).toEqual(['chat']);
    expect(c.leaveChat(CAROL)).toEqual({ kind: 'user-deleted', aor: CAROL });
    expect(c.has(CAROL)).toBe(false);
    expect(c.leaveChat(CAROL)).toBeUndefined();
  });

  it('admits only current users and the organizer when locked', () => {
    const c = conference();
    c.joinFocus({ aor: CAROL });
    c.setLocked(true);
    expect(c.admits('sip:bob@contoso.com')).toBe(false);
    expect(c.admits(CAROL)).toBe(true);
    expect(c.admits(ALICE)).toBe(true);
  });

  it('renders a full document with the chat conf-uri, roles, endpoints and lock', () => {
    const c = conference();
    c.joinFocus({ aor: ALICE, gruu: 'sip:alice@contoso.com;opaque=user:epid:x;gruu' });
    c.setLocked(true);
    const doc = fullRosterDocument(c, 3);
    expect(doc.state).toBe('full');
    expect(doc.version).toBe(3);
    expect(doc.description?.confUris?.entries[0]).toMatchObject({ uri: c.chatUri, purpose: 'chat' });
    expect(doc.users?.users[0]).toMatchObject({ entity: ALICE, roles: ['presenter'] });
    expect(doc.users?.users[0]?.endpoints?.[0]).toMatchObject({ sessionType: 'focus', status: 'connected' });
    expect(doc.view?.entityViews[0]?.entityState?.locked).toBe(true);
    expect(partialRosterDocument(c, { kind: 'conference-deleted' }, 4).state).toBe('deleted');
  });
});
