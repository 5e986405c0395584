/**
 * Issue 4: subscribers of a conference share one copy of their identical roster state.
 */
import { describe, expect, it } from 'vitest';
import { isShared, shareElement, sharedElementCount } from '../../src/conference/shared-elements.js';
import { Roster, cloneElement, parseXml, type XmlElement } from './conference-exports.js';
import { collectUntilCleared, heapUsedAfterGc } from '../helpers/collect-garbage.js';
import { xmlFixture } from './xml-fixture.js';

function leaf(text: string, attributes: [string, string][] = []): XmlElement {
  return {
    ns: 'urn:ietf:params:xml:ns:conference-info',
    local: 'status',
    prefix: '',
    attributes: attributes.map(([local, value]) => ({ ns: '', local, prefix: '', value })),
    children: [],
    text,
  };
}

describe('shareElement', () => {
  it('returns one frozen object for equal elements and tells different ones apart', () => {
    const first = shareElement(leaf('connected'));
    expect(shareElement(leaf('connected'))).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.children) && Object.isFrozen(first.attributes)).toBe(true);
    expect(isShared(first)).toBe(true);
    expect(isShared(leaf('connected'))).toBe(false);
    expect(shareElement(leaf('disconnected'))).not.toBe(first);
    // Length-prefixed fields: moving characters between text and attribute value changes the key.
    expect(shareElement(leaf('a1:b', [['x', 'c']]))).not.toBe(shareElement(leaf('a', [['x', '1:bc']])));
    const parent = (children: XmlElement[]): XmlElement => ({ ...leaf(''), local: 'endpoint', children });
    expect(shareElement(parent([first]))).toBe(shareElement(parent([shareElement(leaf('connected'))])));
    expect(shareElement(parent([first]))).not.toBe(shareElement(parent([shareElement(leaf('on-hold'))])));
  });

  it('forgets elements no roster uses any more', async () => {
    const before = sharedElementCount();
    const weak = (() => {
      const roster = new Roster();
      roster.apply(xmlFixture('roster-full-v9-three-users.xml').replace(/Alice/g, 'Alice Forgotten'));
      expect(sharedElementCount()).toBeGreaterThan(before);
      return new WeakRef(roster);
    })();
    expect(await collectUntilCleared(weak)).toBe(true);
    for (let round = 0; round < 20 && sharedElementCount() > before; round++) await collectUntilCleared(new WeakRef({}), 1);
    expect(sharedElementCount()).toBeLessThanOrEqual(before);
  });
});

describe('Rosters of one conference', () => {
  it('hold one copy of the same merged state', () => {
    const full = xmlFixture('roster-full-v9-three-users.xml');
    const parsed = parseXml(full);
    // Enough copies that the fixed cost of a measurement (a few hundred KB, varying) falls well
    // below the per-copy figure: at 200 the roster ratio swung from 0.3 to 0.55 of the tree.
    const count = 1000;
    const perCopy = (make: () => unknown): number => {
      make();
      const before = heapUsedAfterGc();
      const kept = Array.from({ length: count }, make);
      const bytes = (heapUsedAfterGc() - before) / count;
      expect(kept).toHaveLength(count);
      return bytes;
    };
    const treeBytes = perCopy(() => cloneElement(parsed));
    const rosterBytes = perCopy(() => {
      const roster = new Roster();
      roster.apply(full);
      return roster;
    });
    // A roster that kept its own tree would cost at least the tree; sharing leaves its views and
    // history (about a fifth of it here).
    expect(rosterBytes).toBeLessThan(treeBytes / 2);
  });
});
