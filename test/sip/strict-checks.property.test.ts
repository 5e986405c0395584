/**
 * The strict parser checks Via, name-addr and Request-URI values with fast paths (one pattern for
 * the usual shapes, index scans without slices) while the typed parsers build the values: both
 * must accept exactly the same strings, and refuse the others with the same fault.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNameAddr } from '../../src/sip/name-addr.js';
import { ASCII_PARAMS_TO_END, PARAMS_TO_END } from '../../src/sip/params.js';
import { checkUri } from '../../src/sip/uri.js';
import { checkVia } from '../../src/sip/via.js';
import { SipParseError, parseNameAddr, parseUri, parseVia } from '../../src/sip/index.js';

/** `'ok'`, or the fault of the `SipParseError` thrown. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(SipParseError);
    return (error as SipParseError).fault;
  }
}

function text(pieces: string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(''));
}

const hostPort = text(['h', 'a.b', '10.0.0.1', ':', '5060', '65535', '65536', '00080', '123456', '[::1]', '[', ']', 'x_y', '%', ' ', '\t']);
// No non-ASCII whitespace after a ';': there the parameter check (a pattern, where \s includes it)
// and the builder's loop (SP, HT, CR, LF only) already disagreed before these fast paths.
const params = text([';', 'branch', 'tag', '=', 'z9hG4bK1', ' ', '\t', '"q;r"', '"', '\\', 'a=b', ';x', '\r\n', ',', 'é']);
const viaText = fc.oneof(
  fc.tuple(text(['SIP', '2.0', 'TLS', '/', ' ', 'x']), hostPort, params).map(([p, h, r]) => `${p} ${h}${r}`),
  fc.tuple(hostPort, params).map(([h, r]) => `SIP/2.0/TLS ${h}${r}`),
);
const display = text(['"A"', '"a\\"b"', '"<x>"', 'Bob', ' ', '\t', 'é', ',', '\u00a0', '\u2028', '"', '']);
// No '>' here: it would end the URI early and put the non-ASCII space among the parameters.
const inBrackets = text(['sip', ':', 'a@b', 'x', ';', '=', '?', ' ', '"', '<', '\t', '\u00a0']);
const nameAddrText = fc.oneof(
  fc.tuple(display, fc.boolean(), inBrackets, fc.boolean(), params).map(([d, scheme, u, tag, r]) => `${d}<${scheme ? 'sip:' : ''}${u}>${tag ? ';tag=1' : ''}${r}`),
  text(['"', 'Alice', ' ', '<', '>', 'sip', ':', 'a@b', ';', 'tag', '=', '1', '\\', ',', '?', '\r\n']),
);
const sipUriText = fc
  .tuple(fc.constantFrom('sip:', 'sips:', 'SIP:', 'SiPs:'), text(['alice', '@', 'h', 'a.b', ':', 'pw', ';', 'gruu', '=', 'x', '?', 'h=v', '[::1]', '5060', '99999', ' ', '"', '<', '%', 'opaque=app:conf']))
  .map(([scheme, rest]) => scheme + rest);

describe('strict checks agree with the typed parsers', () => {
  it('Via', () => {
    fc.assert(
      fc.property(viaText, (value) => {
        expect(outcome(() => checkVia(value))).toBe(outcome(() => parseVia(value)));
      }),
      { numRuns: 4000 },
    );
  });

  it('name-addr', () => {
    fc.assert(
      fc.property(nameAddrText, (value) => {
        expect(outcome(() => checkNameAddr(value))).toBe(outcome(() => parseNameAddr(value)));
      }),
      { numRuns: 4000 },
    );
  });

  it('sip and sips URIs (accept or reject)', () => {
    fc.assert(
      fc.property(sipUriText, (value) => {
        expect(outcome(() => checkUri(value)) === 'ok').toBe(outcome(() => parseUri(value)) === 'ok');
      }),
      { numRuns: 4000 },
    );
  });

  it('the ASCII parameter pattern of the fast paths matches only what the full one matches', () => {
    const ascii = new RegExp(`^${ASCII_PARAMS_TO_END}`);
    const full = new RegExp(`^${PARAMS_TO_END}`);
    const anyParams = text([';', '=', ' ', '\t', '\r\n', '"', '\\', 'a', '1', '-', ':', ',', '<', '>', '\u00a0', 'é', '"q;r"', '\x7f', '\x01']);
    fc.assert(
      fc.property(fc.oneof(params, anyParams), (value) => {
        if (ascii.test(value)) expect(full.test(value)).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });

  it('on the usual shapes', () => {
    for (const ok of ['SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bK1;ms-received-port=2157', 'SIP/2.0/TCP [::1]:5060', 'SIP / 2.0 / UDP host : 5060 ; rport']) {
      expect(outcome(() => checkVia(ok)), ok).toBe('ok');
    }
    for (const bad of ['SIP/2.0/TLS host:65536', 'SIP/2.0/TLS host:5060 x', 'SIP/2.0/TLS', 'SIP/2.0/TLS host;;a']) {
      expect(outcome(() => checkVia(bad)), bad).not.toBe('ok');
    }
    for (const ok of ['<sip:a@b>;tag=1', '"A \\" b" <sip:a@b>', 'Bob <sip:b@c>;x', 'sip:a@b;tag=1']) {
      expect(outcome(() => checkNameAddr(ok)), ok).toBe('ok');
    }
    for (const bad of ['<sip:a@b> x', '<:a@b>', 'a,b <sip:a@b>', '<sip:a @b>', '"A <sip:a@b>']) {
      expect(outcome(() => checkNameAddr(bad)), bad).not.toBe('ok');
    }
  });
});
