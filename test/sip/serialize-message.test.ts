import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HeaderList,
  createRequest,
  createResponse,
  getTo,
  newBranch,
  newCallId,
  newEpid,
  newTag,
  parseMessage,
  reasonPhrase,
  serializeMessage,
  type SipRequest,
} from '../../src/sip/index.js';

const dir = new URL('../fixtures/sip/', import.meta.url);
const seeds = readdirSync(dir).filter((f) => f.endsWith('.sip')).sort();

describe('serializeMessage', () => {
  it.each(seeds)('round-trips %s byte for byte', (file) => {
    const bytes = readFileSync(new URL(file, dir));
    expect(serializeMessage(parseMessage(bytes)).equals(bytes)).toBe(true);
  });

  it('recomputes Content-Length from UTF-8 body bytes, keeping the name and place', () => {
    const m = createRequest({
      method: 'MESSAGE',
      uri: 'sip:bob@example.com',
      headers: [['CONTENT-LENGTH', '999'], ['Call-ID', 'x'], ['l', '5']],
      body: 'héllo ☃',
    });
    const out = serializeMessage(m).toString('utf8');
    expect(out).toBe(`MESSAGE sip:bob@example.com SIP/2.0\r\nCONTENT-LENGTH: ${Buffer.byteLength('héllo ☃')}\r\nCall-ID: x\r\n\r\nhéllo ☃`);
  });

  it('adds Content-Length when absent and keeps binary bodies intact', () => {
    const body = Buffer.from([0, 255, 13, 10, 13, 10, 128]);
    const m = createRequest({ method: 'INFO', uri: 'sip:a@b', headers: [['Call-ID', 'y']], body });
    const out = serializeMessage(m);
    expect(out.subarray(out.length - body.length).equals(body)).toBe(true);
    expect(out.toString('latin1')).toContain('Content-Length: 7\r\n\r\n');
  });
});

describe('createResponse (RFC 3261 §8.2.6)', () => {
  const request = parseMessage(readFileSync(new URL('seed-07-bye-mcu-to-carol.sip', dir))) as SipRequest;

  it('copies every Via in order, From, To, Call-ID and CSeq', () => {
    const r = createResponse(request, 200);
    expect(r.reason).toBe('OK');
    expect(r.headers.getAll('via')).toEqual(request.headers.getAll('via'));
    for (const h of ['from', 'to', 'call-id', 'cseq']) expect(r.headers.get(h)).toBe(request.headers.get(h));
    expect(r.headers.has('max-forwards')).toBe(false);
    expect(r.headers.has('authentication-info')).toBe(false);
  });

  it('adds a To tag only when To has none', () => {
    expect(getTo(createResponse(request, 200, 'OK', { toTag: 'zzz' })).params.get('tag')).toBe('8d9b5cc1fb');
    const noTag = createRequest({ method: 'INVITE', uri: 'sip:f@x', headers: [['Via', 'SIP/2.0/TLS h;branch=z9hG4bK1'], ['To', '<sip:f@x>'], ['From', '<sip:a@x>;tag=1'], ['Call-ID', 'c'], ['CSeq', '1 INVITE']] });
    const r = createResponse(noTag, 486, undefined, { toTag: 'abc', headers: [['Ms-Diagnostics', '1;reason="x"']], body: 'b' });
    expect(r.headers.get('to')).toBe('<sip:f@x>;tag=abc');
    expect(r.reason).toBe('Busy Here');
    expect(r.headers.get('ms-diagnostics')).toBe('1;reason="x"');
    expect(r.body.toString()).toBe('b');
    const parsed = parseMessage(serializeMessage(r));
    expect(parsed.kind === 'response' && parsed.status).toBe(486);
  });
});

describe('HeaderList', () => {
  it('is case-insensitive, knows compact forms and keeps order', () => {
    const h = new HeaderList([['Via', 'a'], ['v', 'b, c'], ['CONTACT', '<sip:x>']]);
    expect(h.getAll('VIA')).toEqual(['a', 'b, c']);
    expect(h.getValues('via')).toEqual(['a', 'b', 'c']);
    expect(h.get('m')).toBe('<sip:x>');
    h.prepend('Via', 'z').set('via', 'only');
    expect(h.getAll('via')).toEqual(['only']);
  });
});

describe('generators and reason phrases', () => {
  it('make well-formed, distinct identifiers', () => {
    expect(newBranch()).toMatch(/^z9hG4bK[0-9a-f]{16}$/);
    expect(newTag()).toMatch(/^[0-9a-f]{10}$/);
    expect(newEpid()).toMatch(/^[0-9a-f]{10}$/);
    expect(newCallId()).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(Array.from({ length: 100 }, newBranch)).size).toBe(100);
  });
  it('names status codes', () => {
    expect(reasonPhrase(481)).toBe('Call/Transaction Does Not Exist');
    expect(reasonPhrase(202)).toBe('Accepted');
    expect(reasonPhrase(499)).toBe('Client Error');
  });
});
