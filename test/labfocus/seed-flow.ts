/**
 * Reads the MS-CONFIM 4.3.1 seed (17 messages) and reduces each message to the shape the lab
 * focus must reproduce: start line kind, key headers and body elements, with identifiers
 * (conference id, tags, versions) normalised so a live flow can be compared with it.
 */
import { readFileSync } from 'node:fs';
import type { SipMessage } from '../../src/sip/index.js';

export interface FlowMessage {
  /** 1-based number in the seed. */
  n: number;
  /** `INFO`, `BENOTIFY`, `202`, … */
  start: string;
  headers: [string, string][];
  body: string;
  /** Sent by the server (the seed's server messages carry Authentication-Info). */
  fromServer: boolean;
  /** The user whose connection carries it: alice, bob or carol. */
  connectionOf: string;
}

function userOf(value: string | undefined): string {
  return /sip:([a-z]+)@/.exec(value ?? '')?.[1] ?? '?';
}

export function readSeed(): FlowMessage[] {
  const text = readFileSync(new URL('../fixtures/seed/ms-confim-4.3.1-user-ejected.txt', import.meta.url), 'utf8');
  const blocks = text.split(/\n\s{2}(\d+)\. [^\n]*\n\n/).slice(1);
  const out: FlowMessage[] = [];
  for (let i = 0; i < blocks.length; i += 2) {
    const n = Number(blocks[i]);
    const lines = (blocks[i + 1] ?? '').split('\n').map((l) => l.replace(/^ {4}/, '')).filter((l) => l.trim().length > 0);
    const startLine = lines[0] ?? '';
    const bodyAt = lines.findIndex((l) => l.startsWith('<'));
    const headerLines = lines.slice(1, bodyAt < 0 ? undefined : bodyAt);
    const headers = headerLines.map((l) => {
      const colon = l.indexOf(':');
      return [l.slice(0, colon).trim(), l.slice(colon + 1).trim()] as [string, string];
    });
    const get = (name: string) => headers.find(([h]) => h.toLowerCase() === name)?.[1];
    const isResponse = startLine.startsWith('SIP/2.0');
    const fromServer = get('authentication-info') !== undefined;
    const start = isResponse ? (startLine.split(' ')[1] ?? '') : (startLine.split(' ')[0] ?? '');
    // A server request goes to the To user; a server response to the From user (the requester).
    const connectionOf = fromServer === !isResponse ? userOf(get('to')) : userOf(get('from'));
    out.push({ n, start, headers, body: bodyAt < 0 ? '' : lines.slice(bodyAt).join('\n'), fromServer, connectionOf });
  }
  return out;
}

/** A live message in the same form. */
export function fromLive(message: SipMessage, raw: Buffer): Omit<FlowMessage, 'n' | 'fromServer' | 'connectionOf'> {
  const text = raw.toString('utf8');
  const headEnd = text.indexOf('\r\n\r\n');
  const headers = text
    .slice(0, headEnd)
    .split('\r\n')
    .slice(1)
    .map((l) => {
      const colon = l.indexOf(':');
      return [l.slice(0, colon).trim(), l.slice(colon + 1).trim()] as [string, string];
    });
  return {
    start: message.kind === 'request' ? message.method : String(message.status),
    headers,
    body: message.body.toString('utf8'),
  };
}

/**
 * The comparable shape of a message: what MS-CONFIM 4.3.1 fixes, with roster versions made
 * relative to `baseVersion` (the seed's 10 and the live flow's first post-eject version).
 */
export function shapeOf(m: Pick<FlowMessage, 'start' | 'headers' | 'body'>, baseVersion: number): string[] {
  const get = (name: string) => m.headers.find(([h]) => h.toLowerCase() === name)?.[1];
  const shape = [`start ${m.start}`, `cseq-method ${(get('cseq') ?? '').split(/\s+/)[1]}`];
  if (m.headers.some(([h]) => h === 'CSEQ')) shape.push('mcu header case');
  for (const name of ['event', 'subscription-state', 'expires', 'ms-diagnostics-public', 'reason']) {
    const value = get(name);
    if (value !== undefined) shape.push(`${name} ${value}`);
  }
  const diag = get('ms-diagnostics');
  if (diag) shape.push(`ms-diagnostics ${diag.split(';')[0]} ${/component="([^"]*)"/.exec(diag)?.[1] ?? ''}`);
  if (m.start === 'BYE' && get('reason')) shape.push(`cseq ${get('cseq')}`);
  const type = get('content-type');
  if (type) shape.push(`content-type ${type}`);
  const body = m.body;
  const root = /<conference-info[^>]*\sstate="([a-z]+)"[^>]*\sversion="(\d+)"|<conference-info[^>]*\sversion="(\d+)"[^>]*\sstate="([a-z]+)"/.exec(body);
  if (root) {
    const state = root[1] ?? root[4];
    const version = Number(root[2] ?? root[3]);
    shape.push(`roster ${state} v+${version - baseVersion}`);
    for (const user of body.matchAll(/<user entity="sip:([a-z]+)@[^"]*"(?: state="([a-z]+)")?/g)) shape.push(`user ${user[1]} ${user[2] ?? ''}`);
    for (const ep of body.matchAll(/session-type="([a-z-]+)"/g)) shape.push(`endpoint ${ep[1]}`);
  }
  const c3p = /<response[^>]*\scode="([a-z]+)"/.exec(body);
  if (c3p) {
    shape.push(`c3p ${c3p[1]}`);
    if (/<deleteUser>/.test(body)) shape.push('c3p deleteUser');
    if (/conferenceKeys confEntity="sip:alice@contoso\.com;gruu;opaque=app:conf:focus:id:[0-9A-F]+"/.test(body)) shape.push('c3p confEntity focus');
  }
  return shape;
}

/** The roster version a message carries, if any. */
export function versionOf(body: string): number | undefined {
  const match = /<conference-info[^>]*\sversion="(\d+)"/.exec(body);
  return match ? Number(match[1]) : undefined;
}
