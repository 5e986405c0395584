/**
 * Renders the short ladder label of a SIP message: the method or status plus the one detail a
 * reader of MS-CONFIM 4.3.1's figure needs (C3P command, roster version, subscription end, IM text).
 *
 * @remarks Pure and cheap: looks only at a few headers and the first bytes of the body with
 * regular expressions; never throws, whatever the body holds.
 */
import type { SipMessage } from '../sip/index.js';

const BODY_PEEK = 4096;
const IM_PREVIEW = 24;
/** Enough bytes of an IM for its preview (4 bytes per character at most). */
const IM_PEEK = IM_PREVIEW * 4 + 4;

const C3P_ROOT = /<(?:[\w.-]+:)?(request|response)\b([^>]*)>\s*<(?:[\w.-]+:)?([\w.-]+)/;
const CONF_INFO_ROOT = /<(?:[\w.-]+:)?conference-info\b([^>]*)>/;

const ATTRIBUTE_PATTERNS: Readonly<Record<'code' | 'state' | 'version', RegExp>> = {
  code: /(?:^|\s)code\s*=\s*(?:"([^"]*)"|'([^']*)')/,
  state: /(?:^|\s)state\s*=\s*(?:"([^"]*)"|'([^']*)')/,
  version: /(?:^|\s)version\s*=\s*(?:"([^"]*)"|'([^']*)')/,
};

function attribute(attrs: string, name: keyof typeof ATTRIBUTE_PATTERNS): string | undefined {
  const match = ATTRIBUTE_PATTERNS[name].exec(attrs);
  return match ? (match[1] ?? match[2]) : undefined;
}

function mediaType(message: SipMessage): string {
  const value = message.headers.get('content-type') ?? '';
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

function bodyDetail(message: SipMessage): string | undefined {
  if (message.body.length === 0) return undefined;
  const type = mediaType(message);
  // latin1 is a plain byte copy (several times cheaper than UTF-8 decoding) and keeps XML markup intact.
  const peek = message.body.toString('latin1', 0, Math.min(message.body.length, BODY_PEEK));
  if (type === 'application/cccp+xml') {
    const m = C3P_ROOT.exec(peek);
    if (!m) return 'C3P ?';
    const code = m[1] === 'response' ? attribute(m[2] ?? '', 'code') : undefined;
    return code === undefined ? m[3] : `${m[3]} ${code}`;
  }
  if (type === 'application/conference-info+xml') {
    const m = CONF_INFO_ROOT.exec(peek);
    if (!m) return 'conference-info ?';
    const attrs = m[1] ?? '';
    return `v${attribute(attrs, 'version') ?? '?'} ${attribute(attrs, 'state') ?? 'full'}`;
  }
  if (type === 'application/sdp') {
    const m = /^m=(\S+)/m.exec(peek);
    return m ? `m=${m[1]}` : 'sdp';
  }
  if (type === 'application/ms-imdn+xml') {
    const status = /<(?:[\w.-]+:)?status>\s*(\d+)/.exec(peek);
    return status ? `imdn ${status[1]}` : 'imdn';
  }
  if (type.startsWith('text/')) {
    const text = message.body.toString('utf8', 0, Math.min(message.body.length, IM_PEEK)).replace(/\s+/g, ' ').trim();
    return JSON.stringify(text.length > IM_PREVIEW ? `${text.slice(0, IM_PREVIEW - 1)}…` : text);
  }
  return type === '' ? undefined : type;
}

function requestDetail(message: SipMessage & { kind: 'request' }): string | undefined {
  const method = message.method.toUpperCase();
  const expires = message.headers.get('expires')?.trim();
  switch (method) {
    case 'REGISTER':
      return expires === '0' ? 'unregister' : undefined;
    case 'SUBSCRIBE': {
      const event = message.headers.get('event')?.split(';')[0]?.trim();
      return [event, expires === '0' ? 'unsubscribe' : undefined].filter(Boolean).join(' ') || undefined;
    }
    case 'NOTIFY':
    case 'BENOTIFY': {
      const state = message.headers.get('subscription-state') ?? '';
      if (/^\s*terminated/i.test(state)) {
        const reason = /reason=([^;\s]+)/i.exec(state)?.[1];
        return reason === undefined ? 'terminated' : `terminated;reason=${reason}`;
      }
      return bodyDetail(message);
    }
    case 'BYE': {
      const reason = message.headers.get('reason');
      const text = reason ? /text="([^"]*)"/.exec(reason)?.[1] : undefined;
      return text === undefined ? undefined : `(${text})`;
    }
    default:
      return bodyDetail(message);
  }
}

export function labelFor(message: SipMessage): string {
  if (message.kind === 'request') {
    const detail = requestDetail(message);
    return detail === undefined ? message.method : `${message.method} ${detail}`;
  }
  const detail = bodyDetail(message);
  const head = `${message.status} ${message.reason}`;
  return detail === undefined ? head : `${head} ${detail}`;
}
