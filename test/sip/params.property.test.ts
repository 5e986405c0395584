/**
 * The strict parser checks parameters with a regex (no allocation) while the typed parsers use a
 * loop that builds the map: both must accept exactly the same strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/sip/params.js';
import { SipParseError } from '../../src/sip/index.js';

function accepts(text: string, build: boolean): boolean {
  try {
    readParams(text, 0, build ? new Map() : undefined);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(SipParseError);
    return false;
  }
}

const pieces = fc.constantFrom(';', '=', ' ', '\t', '"', '\\', 'a', 'B', '1', '-', '.', ':', '[', ']', ',', 'tag', 'lr', 'x y', '"q;r"');

describe('readParams: syntax check and builder agree', () => {
  it('on random parameter-like strings', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(accepts(text, false)).toBe(accepts(text, true));
      }),
      { numRuns: 3000 },
    );
  });

  it('on the usual shapes', () => {
    for (const ok of ['', ';lr', ';tag=1', ' ; a = b ; c', ';x="a;b\\"c"', ';ms-internal-info="abc";branched=FALSE']) {
      expect(accepts(ok, false), ok).toBe(true);
      expect(accepts(ok, true), ok).toBe(true);
    }
    for (const bad of [';', ';;a', ';a=', ';a="x', 'a=b', ';a=b c', ';a b']) {
      expect(accepts(bad, false), bad).toBe(false);
      expect(accepts(bad, true), bad).toBe(false);
    }
  });
});
