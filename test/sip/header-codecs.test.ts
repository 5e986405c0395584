import { describe, expect, it } from 'vitest';
import {
  SipParseError,
  formatCSeq,
  formatMsDiagnostics,
  formatNameAddr,
  formatParams,
  formatReason,
  formatSubscriptionState,
  formatUri,
  formatVia,
  parseCSeq,
  parseEvent,
  parseMsDiagnostics,
  parseNameAddr,
  parseParams,
  parseReason,
  parseSubscriptionState,
  parseUri,
  parseVia,
} from '../../src/sip/index.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';

describe('parseParams', () => {
  it('lower-cases names, keeps values and flags, tolerates LWS', () => {
    const p = parseParams(' ; Tag = abc ;lr; x="a;b"');
    expect([...p]).toEqual([['tag', 'abc'], ['lr', null], ['x', '"a;b"']]);
    expect(formatParams(p)).toBe(';tag=abc;lr;x="a;b"');
  });
  it('rejects empty parameters and unterminated quotes', () => {
    expect(() => parseParams(';;a')).toThrow(SipParseError);
    expect(() => parseParams(';a="x')).toThrow(SipParseError);
    expect(() => parseParams(';a=')).toThrow(SipParseError);
  });
});

describe('parseUri', () => {
  it('parses the focus URI with gruu and opaque', () => {
    const u = parseUri(FOCUS);
    expect(u).toMatchObject({ scheme: 'sip', user: 'alice', host: 'contoso.com' });
    expect(u.params.get('gruu')).toBeNull();
    expect(u.params.get('opaque')).toBe('app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038');
    expect(formatUri(u)).toBe(FOCUS);
  });
  it('parses a contact with ms-opaque, port and flags', () => {
    const text = 'sip:10.29.107.208:2308;transport=tls;ms-opaque=3c71125d8b;ms-received-cid=200;grid';
    const u = parseUri(text);
    expect(u).toMatchObject({ host: '10.29.107.208', port: 2308 });
    expect(u.user).toBeUndefined();
    expect(u.params.get('ms-opaque')).toBe('3c71125d8b');
    expect(u.params.get('grid')).toBeNull();
    expect(formatUri(u)).toBe(text);
  });
  it('handles IPv6 references, passwords, headers, sips, tel and other schemes', () => {
    expect(parseUri('sip:[2001:db8::10]:5070')).toMatchObject({ host: '[2001:db8::10]', port: 5070 });
    expect(parseUri('sip:[2001:db8::10:5070]').port).toBeUndefined();
    const withHeaders = parseUri('SIPS:bob:secret@example.com?subject=x');
    expect(withHeaders).toMatchObject({ scheme: 'sips', user: 'bob', password: 'secret', headers: 'subject=x' });
    expect(formatUri(withHeaders)).toBe('sips:bob:secret@example.com?subject=x');
    const tel = parseUri('tel:+1-201-555-0123;phone-context=example.com');
    expect(tel).toMatchObject({ scheme: 'tel', user: '+1-201-555-0123' });
    expect(formatUri(tel)).toBe('tel:+1-201-555-0123;phone-context=example.com');
    expect(parseUri('urn:uuid:f81d4fae')).toMatchObject({ scheme: 'urn', opaque: 'uuid:f81d4fae' });
  });
  it('rejects what is not a URI', () => {
    for (const bad of ['alice', ':x', 'sip:2001:db8::10', 'sip:a@b:99999', 'sip:a b@c', 'sip:@host']) {
      expect(() => parseUri(bad), bad).toThrow(SipParseError);
    }
  });
});

describe('parseNameAddr', () => {
  it('reads the seed From with display name, tag and epid', () => {
    const n = parseNameAddr('"Alice"<sip:alice@contoso.com>;tag=58b76ebb1c;epid=bd4bd366c2');
    expect(n).toEqual({ displayName: 'Alice', uri: 'sip:alice@contoso.com', params: new Map([['tag', '58b76ebb1c'], ['epid', 'bd4bd366c2']]) });
    expect(formatNameAddr(n)).toBe('"Alice" <sip:alice@contoso.com>;tag=58b76ebb1c;epid=bd4bd366c2');
  });
  it('keeps URI parameters inside <> apart from header parameters', () => {
    const n = parseNameAddr(`<${FOCUS}>;tag=3C150080`);
    expect(n.uri).toBe(FOCUS);
    expect([...n.params]).toEqual([['tag', '3C150080']]);
  });
  it('treats parameters after a bare addr-spec as header parameters (RFC 3261 §20.10)', () => {
    const n = parseNameAddr('sip:bob@example.com;tag=1918181833n');
    expect(n.uri).toBe('sip:bob@example.com');
    expect(n.params.get('tag')).toBe('1918181833n');
  });
  it('accepts token display names and contact parameters with quotes', () => {
    const n = parseNameAddr('Bob Smith <sip:bob@example.com;transport=tls>;+sip.instance="<urn:uuid:1>";expires=3600');
    expect(n.displayName).toBe('Bob Smith');
    expect(n.params.get('+sip.instance')).toBe('"<urn:uuid:1>"');
    expect(n.params.get('expires')).toBe('3600');
  });
  it('rejects malformed values', () => {
    for (const bad of ['', '"open <sip:a@b>', '<sip:a@b', '< sip:a@b >', 'sip:a@b?x=y', '<sip:a@b> junk', 'Bob, Smith <sip:a@b>']) {
      expect(() => parseNameAddr(bad), bad).toThrow(SipParseError);
    }
  });
});

describe('parseVia', () => {
  it('reads the seed Via with received, ms-received-port and ms-received-cid', () => {
    const v = parseVia('SIP/2.0/TLS 10.56.64.122:2157;received=10.29.107.208;ms-received-port=2157;ms-received-cid=29500');
    expect(v).toMatchObject({ protocol: 'SIP/2.0', transport: 'TLS', host: '10.56.64.122', port: 2157 });
    expect(v.params.get('received')).toBe('10.29.107.208');
    expect(v.params.get('ms-received-port')).toBe('2157');
    expect(v.params.get('ms-received-cid')).toBe('29500');
    expect(v.params.has('branch')).toBe(false);
    expect(formatVia(v)).toBe('SIP/2.0/TLS 10.56.64.122:2157;received=10.29.107.208;ms-received-port=2157;ms-received-cid=29500');
  });
  it('tolerates LWS around slashes and keeps quoted ms-internal-info', () => {
    const v = parseVia('SIP / 2.0 / tcp host.example.com ;branch=z9hG4bK1;ms-internal-info="a;b"');
    expect(v).toMatchObject({ transport: 'TCP', host: 'host.example.com' });
    expect(v.port).toBeUndefined();
    expect(v.params.get('ms-internal-info')).toBe('"a;b"');
  });
  it('rejects a Via without sent-by', () => {
    expect(() => parseVia('SIP/2.0/TLS')).toThrow(SipParseError);
    expect(() => parseVia('SIP/2.0/TLS host;;')).toThrow(SipParseError);
  });
});

describe('CSeq, Event, Subscription-State, Reason, ms-diagnostics', () => {
  it('CSeq', () => {
    expect(parseCSeq('2147483645 BYE')).toEqual({ seq: 2147483645, method: 'BYE' });
    expect(parseCSeq(' 0009 INVITE ')).toEqual({ seq: 9, method: 'INVITE' });
    expect(formatCSeq({ seq: 3, method: 'BENOTIFY' })).toBe('3 BENOTIFY');
    for (const bad of ['2147483648 BYE', '-1 BYE', '1', 'BYE 1', '99999999999 BYE']) {
      expect(() => parseCSeq(bad), bad).toThrow(SipParseError);
    }
  });
  it('Event', () => {
    expect(parseEvent('Conference;id=7')).toEqual({ event: 'conference', params: new Map([['id', '7']]) });
  });
  it('Subscription-State from the seed', () => {
    const s = parseSubscriptionState('terminated;expires=0;reason=ParticipantRemoved');
    expect(s).toMatchObject({ state: 'terminated', expires: 0, reason: 'ParticipantRemoved' });
    expect(formatSubscriptionState(s)).toBe('terminated;expires=0;reason=ParticipantRemoved');
    expect(parseSubscriptionState('active;expires=3600').expires).toBe(3600);
    expect(() => parseSubscriptionState('active;expires=soon')).toThrow(SipParseError);
  });
  it('Reason (RFC 3326) from the seed', () => {
    const r = parseReason('SIP;cause=481;text="Participant Removed"');
    expect(r).toMatchObject({ protocol: 'SIP', cause: 481, text: 'Participant Removed' });
    expect(formatReason(r)).toBe('SIP;cause=481;text="Participant Removed"');
  });
  it('ms-diagnostics from the seed', () => {
    const d = parseMsDiagnostics('6019;source="M18-OCG.topa.contoso.com";reason="Dialog does not exist";component="ImMcu"');
    expect(d.code).toBe(6019);
    expect(d.reason).toBe('Dialog does not exist');
    expect(d.params.get('component')).toBe('"ImMcu"');
    expect(parseMsDiagnostics('3118;reason="Participant Removed"').reason).toBe('Participant Removed');
    expect(formatMsDiagnostics({ code: 3118, reason: 'Participant Removed', params: new Map() })).toBe('3118;reason="Participant Removed"');
    expect(() => parseMsDiagnostics('abc')).toThrow(SipParseError);
  });
});
