/**
 * RFC 4475 and RFC 5118 torture messages against the decisions recorded next to them
 * (test/fixtures/rfc4475/DECISIONS.md, test/fixtures/rfc5118/DECISIONS.md).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SipParseError,
  StreamFramer,
  getCSeq,
  getCallId,
  getContacts,
  getFrom,
  getTo,
  getVias,
  parseMessage,
  parseUri,
  serializeMessage,
  type SipMessage,
} from '../../src/sip/index.js';

interface Decision {
  file: string;
  input: string;
  decision: 'accept' | 'reject';
  fault: string;
}

function readDecisions(url: URL): Decision[] {
  const rows = readFileSync(url, 'utf8').split('\n').filter((l) => /^\| [^-|]/.test(l) && !l.startsWith('| file'));
  return rows.map((row) => {
    const [file = '', input = '', decision = '', fault = ''] = row.split('|').slice(1).map((c) => c.trim());
    if (decision !== 'accept' && decision !== 'reject') throw new Error(`bad decision row: ${row}`);
    return { file, input, decision, fault };
  });
}

const rfc4475 = new URL('../fixtures/rfc4475/', import.meta.url);
const rfc5118 = new URL('../fixtures/rfc5118/', import.meta.url);
const d4475 = readDecisions(new URL('DECISIONS.md', rfc4475));
const d5118 = readDecisions(new URL('DECISIONS.md', rfc5118));

function withLength(bytes: Buffer): Buffer {
  const end = bytes.indexOf('\r\n\r\n') + 4;
  const head = bytes.toString('latin1', 0, end).replace(/(\r\nContent-Length:[ \t]*)\d+/i, `$1${bytes.length - end}`);
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes.subarray(end)]);
}

function load(dir: URL, row: Decision): Buffer {
  const crlfDir = new URL('crlf/', dir);
  switch (row.input) {
    case 'as-is': return readFileSync(new URL(row.file, dir));
    case '+crlf': return Buffer.concat([readFileSync(new URL(row.file, dir)), Buffer.from('\r\n')]);
    case 'crlf': return readFileSync(new URL(row.file, crlfDir));
    case 'crlf+crlf': return Buffer.concat([readFileSync(new URL(row.file, crlfDir)), Buffer.from('\r\n')]);
    case 'crlf+length': return withLength(readFileSync(new URL(row.file, crlfDir)));
    default: throw new Error(`unknown input variant ${row.input}`);
  }
}

function outcome(bytes: Buffer): { message?: SipMessage; fault?: string } {
  try {
    return { message: parseMessage(bytes) };
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    expect(error.code).toBe('FH_SIP_PARSE');
    expect(error.line).toBeGreaterThan(0);
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(bytes.length);
    return { fault: error.fault };
  }
}

const startOf = (m: SipMessage): string => (m.kind === 'request' ? `${m.method} ${m.uri}` : String(m.status));

/** Read off the messages by hand: start line and Call-ID of every accepted message, plus spot checks. */
const EXPECT: Record<string, { start: string; callId: string; check?: (m: SipMessage) => void }> = {
  'wsinv.dat': {
    start: 'INVITE sip:vivekg@chair-dnrc.example.com;unknownparam',
    callId: 'wsinv.ndaksdj@192.0.2.1',
    check: (m) => {
      expect(getCSeq(m)).toEqual({ seq: 9, method: 'INVITE' });
      expect(getTo(m).params.get('tag')).toBe('1918181833n');
      expect(getVias(m).map((v) => v.transport)).toEqual(['UDP', 'TCP', 'UDP']);
      expect(m.headers.get('max-forwards')).toBe('0068');
      expect(m.body.length).toBe(150);
    },
  },
  'intmeth.dat': {
    start: "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com",
    callId: 'intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{',
    check: (m) => {
      expect(getTo(m).displayName).toBe('BEL:\u0007 NUL:\u0000 DEL:\u007f');
      expect(getFrom(m).displayName).toBe("token1~` token2'+_ token3*%!.-");
      expect(getFrom(m).params.get("fromparam''~+*_!.-%")).toBe('"работающий"');
      expect(getCSeq(m).method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    },
  },
  'esc01.dat': { start: 'INVITE sip:sips%3Auser%40example.com@example.net', callId: 'esc01.239409asdfakjkn23onasd0-3234', check: (m) => m.kind === 'request' && expect(parseUri(m.uri).user).toBe('sips%3Auser%40example.com') },
  'escnull.dat': { start: 'REGISTER sip:example.com', callId: 'escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd', check: (m) => expect(getContacts(m).map((c) => parseUri(c.uri).user)).toEqual(['%00', '%00%00']) },
  'esc02.dat': { start: 'RE%47IST%45R sip:registrar.example.com', callId: 'esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf' },
  'lwsdisp.dat': { start: 'OPTIONS sip:user@example.com', callId: 'lwsdisp.1234abcd@funky.example.com', check: (m) => expect(getFrom(m).displayName).toBe('caller') },
  'longreq.dat': { start: 'INVITE sip:user@example.com', callId: `longreq.one${'really'.repeat(20)}longcallid`, check: (m) => expect(getVias(m).length).toBeGreaterThan(20) },
  'dblreq.dat': { start: 'REGISTER sip:example.com', callId: 'dblreq.0ha0isndaksdj99sdfafnl3lk233412', check: (m) => expect(m.body.length).toBe(0) },
  'semiuri.dat': { start: 'OPTIONS sip:user;par=u%40example.net@example.com', callId: 'semiuri.0ha0isndaksdj', check: (m) => m.kind === 'request' && expect(parseUri(m.uri)).toMatchObject({ user: 'user;par=u%40example.net', host: 'example.com' }) },
  'transports.dat': { start: 'OPTIONS sip:user@example.com', callId: 'transports.kijh4akdnaqjkwendsasfdj', check: (m) => expect(getVias(m).map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']) },
  'mpart01.dat': { start: 'MESSAGE sip:kumiko@example.org', callId: '3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..', check: (m) => { expect(m.body.length).toBe(553); expect(m.body.includes(0)).toBe(true); } },
  'unreason.dat': { start: '200', callId: 'unreason.1234ksdfak3j2erwedfsASdf', check: (m) => m.kind === 'response' && expect(m.reason).toBe('= 2**3 * 5**2 но сто девяносто девять - простое') },
  'noreason.dat': { start: '100', callId: 'noreason.asndj203insdf99223ndf', check: (m) => m.kind === 'response' && expect(m.reason).toBe('') },
  'baddate.dat': { start: 'INVITE sip:user@example.com', callId: 'baddate.239423mnsadf3j23lj42--sedfnm234' },
  'badbranch.dat': { start: 'OPTIONS sip:user@example.com', callId: 'badbranch.sadonfo23i420jv0as0derf3j3n', check: (m) => expect(getVias(m)[0]?.params.get('branch')).toBe('z9hG4bK') },
  'unkscm.dat': { start: 'OPTIONS nobodyKnowsThisScheme:totallyopaquecontent', callId: 'unkscm.nasdfasser0q239nwsdfasdkl34' },
  'novelsc.dat': { start: 'OPTIONS soap.beep://192.0.2.103:3002', callId: 'novelsc.asdfasser0q239nwsdfasdkl34' },
  'unksm2.dat': { start: 'REGISTER sip:example.com', callId: 'unksm2.daksdj@hyphenated-host.example.com', check: (m) => expect(parseUri(getTo(m).uri).scheme).toBe('isbn') },
  'bext01.dat': { start: 'OPTIONS sip:user@example.com', callId: 'bext01.0ha0isndaksdj' },
  'invut.dat': { start: 'INVITE sip:user@example.com', callId: 'invut.0ha0isndaksdjadsfij34n23d' },
  'regaut01.dat': { start: 'REGISTER sip:example.com', callId: 'regaut01.0ha0isndaksdj' },
  'bcast.dat': { start: '200', callId: 'bcast.0384840201234ksdfak3j2erwedfsASdf', check: (m) => expect(getVias(m)[1]?.host).toBe('255.255.255.255') },
  'zeromf.dat': { start: 'OPTIONS sip:user@example.com', callId: 'zeromf.jfasdlfnm2o2l43r5u0asdfas', check: (m) => expect(m.headers.get('max-forwards')).toBe('0') },
  'cparam01.dat': { start: 'REGISTER sip:example.com', callId: 'cparam01.70710@saturn.example.com', check: (m) => { expect(getContacts(m)[0]?.uri).toBe('sip:+19725552222@gw1.example.net'); expect(getContacts(m)[0]?.params.has('unknownparam')).toBe(true); } },
  'cparam02.dat': { start: 'REGISTER sip:example.com', callId: 'cparam02.70710@saturn.example.com', check: (m) => expect(parseUri(getContacts(m)[0]?.uri ?? '').params.has('unknownparam')).toBe(true) },
  'regescrt.dat': { start: 'REGISTER sip:example.com', callId: 'regescrt.k345asrl3fdbv@192.0.2.1', check: (m) => expect(parseUri(getContacts(m)[0]?.uri ?? '').headers).toBe('Route=%3Csip:sip.example.com%3E') },
  'sdp01.dat': { start: 'INVITE sip:user@example.com', callId: 'sdp01.ndaksdj9342dasdd' },
  'inv2543.dat': { start: 'INVITE sip:UserB@example.com', callId: 'inv2543.1717@ift.client.example.com', check: (m) => expect(getTo(m).params.has('tag')).toBe(false) },
  'ipv6-good.dat': { start: 'REGISTER sip:[2001:db8::10]', callId: 'SSG9559905523997077@hlau_4100', check: (m) => m.kind === 'request' && expect(parseUri(m.uri).host).toBe('[2001:db8::10]') },
  'port-ambiguous.dat': { start: 'REGISTER sip:[2001:db8::10:5070]', callId: 'SSG9559905523997077@hlau_4100', check: (m) => m.kind === 'request' && expect(parseUri(m.uri).port).toBeUndefined() },
  'port-unambiguous.dat': { start: 'REGISTER sip:[2001:db8::10]:5070', callId: 'SSG9559905523997077@hlau_4100', check: (m) => m.kind === 'request' && expect(parseUri(m.uri)).toMatchObject({ host: '[2001:db8::10]', port: 5070 }) },
  'via-received-param-with-delim.dat': { start: 'BYE sip:[2001:db8::10]', callId: 'SSG9559905523997077@hlau_4100', check: (m) => expect(getVias(m)[0]?.params.get('received')).toMatch(/^\[2001:db8::9:255\]$/) },
  'via-received-param-no-delim.dat': { start: 'OPTIONS sip:[2001:db8::10]', callId: 'SSG95523997077@hlau_4100', check: (m) => expect(getVias(m)[0]?.params.get('received')).toBe('2001:db8::9:255') },
  'ipv6-in-sdp.dat': { start: 'INVITE sip:user@[2001:db8::10]', callId: 'SSG9559905523997077@hlau_4100', check: (m) => expect(m.body.toString()).toContain('IN IP6 2001:db8::') },
  'mult-ip-in-header.dat': { start: 'BYE sip:user@host.example.net', callId: '997077@lau_4100', check: (m) => expect(getVias(m).map((v) => v.host)).toEqual(['[2001:db8::9:1]', '192.0.2.1', '[2001:db8::9:255]']) },
  'mult-ip-in-sdp.dat': { start: 'INVITE sip:user@[2001:db8::10]', callId: 'SSG9559905523997077@hlau_4100' },
  'ipv4-mapped-ipv6.dat': { start: 'INVITE sip:user@example.com', callId: 'SSG9559905523997077@hlau_4100', check: (m) => expect(m.body.length).toBe(236) },
  'ipv6-bug-abnf-3-colons.dat': { start: 'OPTIONS sip:user@[2001:db8:::192.0.2.1]', callId: 'G9559905523997077@hlau_4100' },
  'ipv6-correct-abnf-2-colons.dat': { start: 'OPTIONS sip:user@[2001:db8::192.0.2.1]', callId: 'G9559905523997077@hlau_4100' },
};

function checkRow(dir: URL, row: Decision): void {
  const bytes = load(dir, row);
  const got = outcome(bytes);
  if (row.decision === 'reject') {
    expect(got.message === undefined ? undefined : startOf(got.message), 'expected a rejection').toBeUndefined();
    expect(got.fault).toBe(row.fault);
    return;
  }
  expect(got.fault, 'expected the message to parse').toBeUndefined();
  const m = got.message as SipMessage;
  const want = EXPECT[row.file];
  expect(want, `no expectations written for ${row.file}`).toBeDefined();
  if (!want) return;
  expect(startOf(m)).toBe(want.start);
  expect(getCallId(m)).toBe(want.callId);
  want.check?.(m);
  // What we accept we can also write back and read again unchanged.
  const again = parseMessage(serializeMessage(m));
  const noLength = (h: [string, string][]) => h.filter(([n]) => !/^(content-length|l)$/i.test(n));
  expect(noLength(again.headers.toJSON())).toEqual(noLength(m.headers.toJSON()));
  expect(again.body.equals(m.body)).toBe(true);
}

describe('RFC 4475 torture messages', () => {
  it('has a decision for every file', () => {
    const files = readdirSync(rfc4475).filter((f) => f.endsWith('.dat'));
    expect(new Set(d4475.map((d) => d.file))).toEqual(new Set(files));
  });
  it.each(d4475.map((d) => [`${d.file} (${d.input})`, d] as const))('%s', (_name, row) => checkRow(rfc4475, row));

  it('clerr.dat on a stream: the framer waits for the missing body instead of failing', () => {
    const framer = new StreamFramer();
    const bytes = readFileSync(new URL('clerr.dat', rfc4475));
    expect(framer.push(bytes)).toEqual([]);
    expect(framer.buffered).toBe(bytes.length);
  });

  it('dblreq.dat on a stream: the second request is framed as its own message', () => {
    const events = new StreamFramer().push(readFileSync(new URL('dblreq.dat', rfc4475)));
    const starts = events.flatMap((e) => (e.type === 'message' ? [startOf(e.message)] : []));
    expect(starts[0]).toBe('REGISTER sip:example.com');
    expect(starts).toHaveLength(2);
  });
});

describe('RFC 5118 IPv6 torture messages', () => {
  const rows = d5118.filter((d) => d.file !== '*');
  it('has a decision for every file', () => {
    const files = readdirSync(rfc5118).filter((f) => f.endsWith('.dat'));
    expect(new Set(rows.map((d) => d.file))).toEqual(new Set(files));
  });
  it.each(rows.map((d) => [`${d.file} (${d.input})`, d] as const))('%s', (_name, row) => checkRow(rfc5118, row));

  const lfRow = d5118.find((d) => d.file === '*');
  it.each(readdirSync(rfc5118).filter((f) => f.endsWith('.dat')))('%s with its original LF line ends', (file) => {
    expect(lfRow?.decision).toBe('reject');
    expect(outcome(readFileSync(new URL(file, rfc5118))).fault).toBe(lfRow?.fault);
  });
});
