/**
 * Issue 4 (endpoints by the tens of thousands): a roster keeps its merged state and a bounded
 * history, not the documents it was built from.
 */
import { describe, expect, it } from 'vitest';
import { Roster, renderConferenceInfo, type ConferenceUser } from './conference-exports.js';
import { heapUsedAfterGc } from '../helpers/collect-garbage.js';
import { FOCUS, xmlFixture } from './xml-fixture.js';

const PADDING = 32 * 1024;
const COUNT = 100;

/** The same document with a large comment inside it: every parsed value is cut from that text. */
function padded(xml: string): string {
  const end = xml.lastIndexOf('</');
  return `${xml.slice(0, end)}<!--${'p'.repeat(PADDING)}-->${xml.slice(end)}`;
}

function joined(version: number, n: number): string {
  const user: ConferenceUser = {
    entity: `sip:user${n}@contoso.com`,
    state: 'full',
    displayText: `User number ${n}`,
    roles: ['attendee'],
    endpoints: [{ entity: `{00000000-0000-4000-8000-${String(n).padStart(12, '0')}}`, sessionType: 'chat', status: 'connected' }],
  };
  return renderConferenceInfo({ entity: FOCUS, state: 'partial', version, users: { state: 'partial', users: [user] } });
}

describe('Roster memory', () => {
  it('keeps none of the text of the documents it applied', () => {
    const fullText = xmlFixture('roster-full-v9-three-users.xml');
    const build = (pad: (xml: string) => string): { grown: number; rosters: Roster[] } => {
      const full = pad(fullText);
      const before = heapUsedAfterGc();
      const rosters: Roster[] = [];
      for (let n = 0; n < COUNT; n++) {
        const roster = new Roster();
        roster.apply(full);
        roster.apply(pad(joined(10, n)));
        rosters.push(roster);
      }
      return { grown: heapUsedAfterGc() - before, rosters };
    };
    build(padded); // warm-up: compiles the parser and the merge
    const plain = build((xml) => xml);
    const withPadding = build(padded);
    expect(withPadding.rosters[COUNT - 1]?.has(`sip:user${COUNT - 1}@contoso.com`)).toBe(true);
    expect(withPadding.rosters[0]?.history.map((entry) => entry.detail)).toEqual(['full v9 applied: 3 users', 'partial v10 applied: user sip:user0@contoso.com full']);
    // Keeping each partial's text would add COUNT × 32 KiB (3.2 MiB) to the same rosters built
    // from unpadded documents.
    expect(withPadding.grown - plain.grown).toBeLessThan((COUNT * PADDING) / 4);
  });

  it('keeps only the latest historyLimit entries, numbering on', () => {
    const roster = new Roster({ historyLimit: 2 });
    roster.apply(xmlFixture('roster-full-v9-three-users.xml'));
    for (let version = 10; version < 14; version++) roster.apply(joined(version, version));
    expect(roster.history.map((entry) => [entry.seq, entry.version])).toEqual([[4, 12], [5, 13]]);
    expect(roster.users()).toContain('sip:user13@contoso.com');
    expect(roster.users()).toHaveLength(7);
    expect(new Roster({ historyLimit: 0 }).apply(joined(1, 1)).issue).toBe('partial-before-full');
  });

  it('adds to elements that had no attributes or children without touching other rosters', () => {
    const bare = renderConferenceInfo({ entity: FOCUS, state: 'full', version: 1, users: { users: [{ entity: 'sip:dave@contoso.com' }] } });
    const grows = new Roster();
    const stays = new Roster();
    grows.apply(bare);
    stays.apply(bare);
    const update = renderConferenceInfo({
      entity: FOCUS,
      state: 'partial',
      version: 2,
      users: {
        state: 'partial',
        users: [{ entity: 'sip:dave@contoso.com', state: 'partial', roles: ['presenter'], endpoints: [{ entity: '{D}', sessionType: 'chat', status: 'connected' }] }],
      },
    });
    expect(grows.apply(update)).toMatchObject({ applied: true });
    expect(grows.roles('sip:dave@contoso.com')).toEqual(['presenter']);
    expect(grows.inChat('sip:dave@contoso.com')).toBe(true);
    expect(stays.roles('sip:dave@contoso.com')).toEqual([]);
    expect(stays.user('sip:dave@contoso.com')?.endpoints).toEqual([]);
    const document = stays.document();
    document?.children.push(document);
    expect(stays.document()?.children).toHaveLength(1);
    // An attribute arriving on an element that had none (its state attribute is not kept).
    const ci = 'urn:ietf:params:xml:ns:conference-info';
    grows.apply(`<conference-info xmlns="${ci}" entity="${FOCUS}" state="partial" version="3"><users state="partial" lang="en"/></conference-info>`);
    const users = grows.document()?.children.find((child) => child.local === 'users');
    expect(users?.attributes.map((attribute) => [attribute.local, attribute.value])).toEqual([['lang', 'en']]);
    expect(stays.document()?.children.find((child) => child.local === 'users')?.attributes).toEqual([]);
  });
});
