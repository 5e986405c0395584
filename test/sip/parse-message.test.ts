import { describe, expect, it } from 'vitest';
import {
  SipParseError,
  getCSeq,
  getCallId,
  getContentType,
  getFrom,
  getTo,
  getTopVia,
  getVias,
  parseMessage,
  type SipParseFault,
} from '../../src/sip/index.js';

const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

const BASE = [
  'BYE sip:10.29.107.208:2308;transport=tls;ms-opaque=3c71125d8b;ms-received-cid=200;grid SIP/2.0',
  'Via: SIP/2.0/TLS 10.29.106.52:5061;branch=z9hG4bK813470AD.FD03477F;branched=FALSE',
  'Max-Forwards: 69',
  'Via: SIP/2.0/TLS 10.29.106.56:18164;branch=z9hG4bK86ed724f;ms-received-port=18164;ms-received-cid=31900',
  'FROM: <sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7ECB5F9BFFB1F343B36775DBA09E8038>;tag=740746dec',
  'TO: <sip:carol@contoso.com>;epid=dceed2edfb;tag=8d9b5cc1fb',
  'CSEQ: 2 BYE',
  'CALL-ID: 08501c03562b4515a1ad55e367dd503d',
  'CONTENT-LENGTH: 0',
  '',
  '',
];

function faultOf(bytes: Buffer): { fault: SipParseFault; line: number; offset: number } {
  try {
    parseMessage(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(SipParseError);
    const e = error as SipParseError;
    expect(e.code).toBe('FH_SIP_PARSE');
    expect(e.message).toContain(`line ${e.line}`);
    return { fault: e.fault, line: e.line, offset: e.offset };
  }
  throw new Error('expected a SipParseError');
}

function replaceLine(index: number, line: string): Buffer {
  const lines = [...BASE];
  lines[index] = line;
  return crlf(lines);
}

describe('parseMessage', () => {
  it('parses upper-case header names from the IM MCU and keeps their spelling', () => {
    const m = parseMessage(crlf(BASE));
    expect(m.kind).toBe('request');
    if (m.kind !== 'request') return;
    expect(m.method).toBe('BYE');
    expect(m.uri).toBe('sip:10.29.107.208:2308;transport=tls;ms-opaque=3c71125d8b;ms-received-cid=200;grid');
    expect(getCallId(m)).toBe('08501c03562b4515a1ad55e367dd503d');
    expect(getCSeq(m)).toEqual({ seq: 2, method: 'BYE' });
    expect(m.headers.toJSON().map(([n]) => n)).toEqual(['Via', 'Max-Forwards', 'Via', 'FROM', 'TO', 'CSEQ', 'CALL-ID', 'CONTENT-LENGTH']);
    const vias = getVias(m);
    expect(vias).toHaveLength(2);
    expect(vias[1]?.params.get('ms-received-cid')).toBe('31900');
    expect(getTopVia(m).params.get('branch')).toBe('z9hG4bK813470AD.FD03477F');
    expect(getFrom(m).uri).toBe('sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7ECB5F9BFFB1F343B36775DBA09E8038');
    expect(getTo(m).params.get('epid')).toBe('dceed2edfb');
    expect(getTo(m).params.get('tag')).toBe('8d9b5cc1fb');
    expect(m.body.length).toBe(0);
  });

  it('expands compact forms, unfolds continuation lines and splits comma lists', () => {
    const m = parseMessage(crlf([
      'OPTIONS sip:bob@example.com SIP/2.0',
      'v: SIP/2.0/TCP a.example.com;branch=z9hG4bK1,',
      '  SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bK2;received=192.0.2.1',
      'f: "Bob \\"B\\"" <sip:bob@example.com>;tag=1',
      't: sip:bob@example.com',
      'i: abc@host',
      'CSeq: 7',
      '\tOPTIONS',
      'Subject: first part',
      ' second part',
      'l: 0',
      '',
      '',
    ]));
    expect(m.headers.get('via')).toContain('SIP/2.0/TLS [2001:db8::1]:5061');
    expect(m.headers.getValues('v')).toHaveLength(2);
    const vias = getVias(m);
    expect(vias[1]).toMatchObject({ transport: 'TLS', host: '[2001:db8::1]', port: 5061 });
    expect(getFrom(m).displayName).toBe('Bob "B"');
    expect(getTo(m).uri).toBe('sip:bob@example.com');
    expect(getCSeq(m)).toEqual({ seq: 7, method: 'OPTIONS' });
    expect(m.headers.get('subject')).toBe('first part second part');
    expect(getCallId(m)).toBe('abc@host');
  });

  it('parses a response and keeps the body as bytes (Content-Length counts bytes, not chars)', () => {
    const body = '<p>Grüße — ☃</p>';
    const bytes = Buffer.byteLength(body);
    const m = parseMessage(crlf([
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bKx',
      'From: "Zoë" <sip:a@b>;tag=1',
      'To: <sip:c@d>;tag=2',
      'Call-ID: x',
      'CSeq: 1 INFO',
      'Content-Type: Application/CCCP+XML; charset=utf-8',
      `Content-Length: ${bytes}`,
      '',
      body,
    ]));
    expect(m.kind).toBe('response');
    if (m.kind !== 'response') return;
    expect(m.status).toBe(200);
    expect(m.reason).toBe('OK');
    expect(Buffer.isBuffer(m.body)).toBe(true);
    expect(m.body.toString('utf8')).toBe(body);
    expect(getContentType(m)).toBe('application/cccp+xml');
    expect(getFrom(m).displayName).toBe('Zoë');
  });

  it('accepts CSeq 2^31-1 and rejects 2^31', () => {
    const ok = parseMessage(replaceLine(6, `CSEQ: ${2 ** 31 - 1} BYE`));
    expect(getCSeq(ok).seq).toBe(2147483647);
    expect(getCSeq(parseMessage(replaceLine(6, 'CSEQ: 2147483645 BYE'))).seq).toBe(2147483645);
    expect(faultOf(replaceLine(6, `CSEQ: ${2 ** 31} BYE`))).toMatchObject({ fault: 'bad-cseq', line: 7 });
  });

  it('skips leading CRLFs and discards bytes beyond Content-Length (RFC 3261 §18.3)', () => {
    const m = parseMessage(Buffer.concat([Buffer.from('\r\n\r\n'), crlf(BASE), Buffer.from('junk')]));
    expect(m.body.length).toBe(0);
  });

  it('takes the rest of the buffer as the body when Content-Length is absent', () => {
    const lines = BASE.filter((l) => !l.startsWith('CONTENT-LENGTH'));
    const m = parseMessage(Buffer.concat([crlf(lines), Buffer.from('hello')]));
    expect(m.body.toString()).toBe('hello');
  });

  it.each([
    ['bad start line', replaceLine(0, 'HELLO'), 'bad-start-line', 1, 0],
    ['bad version', replaceLine(0, 'BYE sip:a@b SIP/3.0'), 'bad-version', 1, 12],
    ['bad status', crlf(['SIP/2.0 2000 OK', ...BASE.slice(1)]), 'bad-status', 1, 0],
    ['header without colon', replaceLine(2, 'Max-Forwards 69'), 'bad-header', 3, 0],
    ['folding before any header', crlf([BASE[0] ?? '', ' folded', ...BASE.slice(1)]), 'bad-folding', 2, 0],
    ['two Content-Length', replaceLine(2, 'l: 0'), 'bad-content-length', 9, 0],
    ['negative Content-Length', replaceLine(8, 'Content-Length: -1'), 'bad-content-length', 9, 0],
    ['missing Call-ID', replaceLine(7, 'X-Call: 1'), 'missing-header', 1, 0],
    ['CSeq method mismatch', replaceLine(6, 'CSeq: 2 INVITE'), 'cseq-method-mismatch', 7, 0],
    ['bad Via', replaceLine(1, 'Via: SIP/2.0/TLS'), 'bad-via', 2, 0],
    ['bad To', replaceLine(5, 'TO: "unterminated <sip:a@b>'), 'bad-name-addr', 6, 0],
    ['bare LF inside the head', replaceLine(2, 'Max-Forwards: 6\n9'), 'bad-byte', 3, 0],
  ] as const)('%s → %s', (_name, bytes, fault, line, _offset) => {
    const got = faultOf(bytes);
    expect(got.fault).toBe(fault);
    expect(got.line).toBe(line);
    // The offset points into the faulty line (or its start).
    const text = bytes.toString('latin1');
    const lineStart = text.split('\r\n').slice(0, line - 1).reduce((n, l) => n + l.length + 2, 0);
    expect(got.offset).toBeGreaterThanOrEqual(lineStart);
    expect(got.offset).toBeLessThan(lineStart + (text.split('\r\n')[line - 1]?.length ?? 0) + 2);
  });

  it('reports a body shorter than Content-Length and an unterminated head', () => {
    const lines = [...BASE];
    lines[8] = 'Content-Length: 10';
    expect(faultOf(Buffer.concat([crlf(lines), Buffer.from('abc')])).fault).toBe('content-length-mismatch');
    expect(faultOf(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n')).fault).toBe('incomplete-head');
    expect(faultOf(Buffer.alloc(0)).fault).toBe('empty-message');
    expect(faultOf(Buffer.from('\r\n\r\n')).fault).toBe('empty-message');
  });

  it('refuses a start line glued into a header or reason phrase (a truncated message before it)', () => {
    expect(faultOf(replaceLine(2, 'Max-Forwards: 6BYE sip:x@y SIP/2.0')).fault).toBe('embedded-start-line');
    expect(faultOf(crlf(['SIP/2.0 481 INFO sip:a@b SIP/2.0', ...BASE.slice(1)])).fault).toBe('embedded-start-line');
    expect(faultOf(crlf(['SIP/2.0 200 OSIP/2.0 200 OK', ...BASE.slice(1)])).fault).toBe('embedded-start-line');
  });

  it('lenient mode skips the header checks but still frames', () => {
    const bytes = replaceLine(6, 'CSeq: 2 INVITE');
    expect(() => parseMessage(bytes, { strict: false })).not.toThrow();
  });
});
