import { describe, expect, it } from 'vitest';
import { ownOptionalString, ownString } from '../../src/util/index.js';
import { heapUsedAfterGc } from '../helpers/collect-garbage.js';

describe('ownString', () => {
  it('returns the same text for short, long, non-ASCII and ill-formed strings', () => {
    const samples = ['', 'a', 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB', 'Zoë 😀 "quoted" \\ \n\t\u0000', '\ud800 lone', 'x'.repeat(5000)];
    for (const text of samples) expect(ownString(text)).toBe(text);
    expect(ownOptionalString(undefined)).toBeUndefined();
    expect(ownOptionalString('sip:bob@contoso.com;transport=tls')).toBe('sip:bob@contoso.com;transport=tls');
  });

  it('does not keep the text a slice was cut from alive', () => {
    const count = 200;
    const parentBytes = 64 * 1024;
    const keepSlices = (own: boolean): number => {
      const before = heapUsedAfterGc();
      const kept: string[] = [];
      for (let i = 0; i < count; i++) {
        const parent = `${'v'.repeat(parentBytes)}${i}`;
        const slice = parent.slice(100, 160);
        kept.push(own ? ownString(slice) : slice);
      }
      const grown = heapUsedAfterGc() - before;
      expect(kept).toHaveLength(count);
      return grown;
    };
    // A plain slice keeps every 64 KiB parent (about 12.5 MiB in all); the owned copies keep 60
    // characters each. The bounds sit far from both.
    expect(keepSlices(false)).toBeGreaterThan((count * parentBytes) / 2);
    expect(keepSlices(true)).toBeLessThan((count * parentBytes) / 8);
  });
});
