import { describe, expect, it } from 'vitest';
import {
  CONFERENCE_NS,
  attributeValue,
  childElement,
  parseConferenceInfo,
  parseXml,
  renderConferenceInfo,
  type ConferenceInfoDocument,
} from './conference-exports.js';
import { CAROL, CHAT, FOCUS, seedBody, xmlFixture } from './xml-fixture.js';

const full: ConferenceInfoDocument = {
  entity: FOCUS,
  state: 'full',
  version: 3,
  description: {
    subject: 'Q4 & <plans>',
    confUris: { entries: [{ uri: CHAT, purpose: 'chat', displayText: 'chat' }] },
    conferenceId: '7ECB5F9BFFB1F343B36775DBA09E8038',
    expiryTime: '2026-11-25T18:00:00Z',
    admissionPolicy: 'openAuthenticated',
  },
  conferenceState: { active: true, locked: false, userCount: 1 },
  view: { entityViews: [{ entity: 'chat', entityState: { locked: false, mediaTypes: ['chat'] } }] },
  users: {
    users: [
      {
        entity: CAROL,
        displayText: 'Carol',
        roles: ['attendee'],
        endpoints: [
          { entity: '{C263F024-15CC-4B33-971D-FCF9BE23BB0D}', sessionType: 'focus', status: 'connected', joiningMethod: 'dialed-in' },
          {
            entity: '{C263F024-15CC-4B33-971D-FCF9BE23BB0D}',
            sessionType: 'chat',
            endpointUri: 'sip:carol@contoso.com;opaque=user:epid:d7NL6_mHNFSL3I1rbITi2gAA;gruu',
            status: 'connected',
            joiningMethod: 'dialed-in',
            media: [{ id: '1', type: 'chat', label: 'main', status: 'sendrecv' }],
            capabilities: { supportedImFormats: 'text/plain multipart/alternative', userAgent: 'focus-harness/0.1' },
          },
        ],
      },
    ],
  },
};

function dropDeclarations(key: string, value: unknown): unknown {
  if (key === 'attributes' && Array.isArray(value)) return value.filter((attribute: { prefix: string; local: string }) => attribute.prefix !== 'xmlns' && attribute.local !== 'xmlns');
  return value;
}

describe('renderConferenceInfo / parseConferenceInfo', () => {
  it('round-trips a full document through the typed model', () => {
    const parsed = parseConferenceInfo(renderConferenceInfo(full));
    expect(parsed).toMatchObject({ entity: FOCUS, state: 'full', version: 3 });
    expect(parsed.document()).toEqual(full);
  });

  it('writes core elements in the default namespace and MS extensions prefixed', () => {
    const root = parseXml(renderConferenceInfo(full));
    expect(root).toMatchObject({ ns: CONFERENCE_NS.ci, prefix: '' });
    const view = childElement(root, 'conference-view', CONFERENCE_NS.msci);
    expect(view).toMatchObject({ prefix: 'msci', ns: CONFERENCE_NS.msci });
  });

  it('writes partial documents with state on users, user and endpoint, ci:state on extensions', () => {
    const xml = renderConferenceInfo({
      entity: FOCUS,
      state: 'partial',
      version: 4,
      view: { state: 'partial', entityViews: [{ entity: 'chat', state: 'partial', entityState: { state: 'partial', locked: true } }] },
      users: {
        state: 'partial',
        users: [
          { entity: CAROL, state: 'partial', endpoints: [{ entity: '{E}', sessionType: 'focus', state: 'deleted', status: 'connected' }] },
          { entity: 'sip:bob@contoso.com', state: 'deleted', roles: ['attendee'] },
        ],
      },
    });
    const root = parseXml(xml);
    const users = childElement(root, 'users');
    expect(attributeValue(users!, 'state')).toBe('partial');
    const [carol, bob] = users!.children;
    expect(attributeValue(carol!, 'state')).toBe('partial');
    expect(carol!.children[0]?.children).toEqual([]);
    expect(attributeValue(carol!.children[0]!, 'state')).toBe('deleted');
    expect(bob!.children).toEqual([]);
    const entityView = childElement(childElement(root, 'conference-view')!, 'entity-view')!;
    expect(entityView.attributes.find((attribute) => attribute.local === 'state')).toMatchObject({ ns: CONFERENCE_NS.ci, prefix: 'ci', value: 'partial' });
    expect(xml).toContain('ci:state="partial"');
  });

  it('writes a deleted document without children', () => {
    const xml = renderConferenceInfo({ ...full, state: 'deleted', version: 9 });
    const root = parseXml(xml);
    expect(root.children).toEqual([]);
    expect(parseConferenceInfo(xml)).toMatchObject({ state: 'deleted', version: 9 });
  });

  it('keeps unknown elements as extensions and writes them back', () => {
    const parsed = parseConferenceInfo(xmlFixture('roster-full-v9-three-users.xml'));
    const document = parsed.document();
    const bob = document.users?.users.find((user) => user.entity === 'sip:bob@contoso.com');
    expect(bob?.extensions?.map((element) => element.local)).toEqual(['room-note']);
    expect(document.description?.extensions?.map((element) => element.local)).toEqual(['organizer']);
    const again = parseConferenceInfo(renderConferenceInfo(document)).document();
    // The writer declares the unknown prefix where the element now sits; declarations aside, nothing changes.
    expect(JSON.parse(JSON.stringify(again, dropDeclarations))).toEqual(JSON.parse(JSON.stringify(document, dropDeclarations)));
    expect(renderConferenceInfo(document)).toContain('urn:example:focus-harness:unknown');
  });

  it('parses the seed version-10 partial (msgs 12 and 13)', () => {
    for (const [name, n] of [['seed-msg12-roster-v10-partial.xml', 12], ['seed-msg13-roster-v10-partial.xml', 13]] as const) {
      const body = xmlFixture(name);
      expect(body).toBe(seedBody(n));
      const parsed = parseConferenceInfo(body);
      expect(parsed).toMatchObject({ entity: FOCUS, state: 'partial', version: 10 });
      const users = parsed.document().users;
      expect(users?.state).toBe('partial');
      expect(users?.users).toEqual([
        {
          entity: CAROL,
          state: 'full',
          displayText: 'Carol',
          roles: ['attendee'],
          endpoints: [
            {
              entity: '{C263F024-15CC-4B33-971D-FCF9BE23BB0D}',
              sessionType: 'chat',
              endpointUri: 'sip:carol@contoso.com;opaque=user:epid:d7NL6_mHNFSL3I1rbITi2gAA;gruu',
              status: 'connected',
              joiningMethod: 'dialed-in',
              media: [{ id: '1', type: 'chat' }],
              capabilities: {
                supportedImFormats: 'text/rtf application/x-ms-ink image/gif multipart/alternative application/ms-imdn+xml',
                userAgent: 'UCCP/2.0.6362.0 OC/2.0.6362.0 (Microsoft Office Communicator)',
              },
            },
          ],
        },
      ]);
    }
  });

  it('parses the seed version-11 partial (msgs 16 and 17)', () => {
    expect(xmlFixture('seed-msg16-roster-v11-partial.xml')).toBe(seedBody(16));
    expect(xmlFixture('seed-msg17-roster-v11-partial.xml')).toBe(seedBody(17));
    const parsed = parseConferenceInfo(xmlFixture('seed-msg17-roster-v11-partial.xml'));
    expect(parsed.version).toBe(11);
    expect(parsed.document().users?.users).toEqual([{ entity: CAROL, state: 'deleted' }]);
  });

  it('refuses a wrong root and a bad state with FH_XML', () => {
    expect(() => parseConferenceInfo('<response xmlns="urn:ietf:params:xml:ns:cccp"/>')).toThrow(/expected <conference-info>/);
    expect(() => parseConferenceInfo(`<conference-info xmlns="${CONFERENCE_NS.ci}" entity="e" state="half" version="1"/>`)).toThrow(
      expect.objectContaining({ code: 'FH_XML' }),
    );
  });

  it('reports a missing or non-numeric version as undefined', () => {
    expect(parseConferenceInfo(`<conference-info xmlns="${CONFERENCE_NS.ci}" entity="e"/>`)).toMatchObject({ version: undefined, state: 'full' });
    expect(parseConferenceInfo(`<conference-info xmlns="${CONFERENCE_NS.ci}" entity="e" version="-1"/>`).version).toBeUndefined();
  });
});
