/**
 * Classifies who is on the other side of a message from the URIs it carries (brief §1.1):
 * `opaque=app:conf:focusfactory` → factory, `app:conf:chat` (or another MCU type) → mcu,
 * `app:conf:focus` → focus, REGISTER → registrar, anything else → server.
 */
import type { SipMessage } from '../sip/index.js';
import type { TracePeer } from './trace-record.js';

const OPAQUE_APP = /opaque=app:conf:([\w-]+)/i;

export function peerForUri(uri: string): TracePeer | undefined {
  const kind = OPAQUE_APP.exec(uri)?.[1]?.toLowerCase();
  if (kind === undefined) return undefined;
  if (kind === 'focusfactory') return 'factory';
  if (kind === 'focus') return 'focus';
  return 'mcu';
}

export function peerFor(message: SipMessage): TracePeer {
  const cseq = message.headers.get('cseq') ?? '';
  if (/\bREGISTER\s*$/i.test(cseq)) return 'registrar';
  const candidates = [message.headers.get('to'), message.headers.get('from')];
  if (message.kind === 'request') candidates.unshift(message.uri);
  for (const text of candidates) {
    if (text === undefined) continue;
    const peer = peerForUri(text);
    if (peer) return peer;
  }
  return 'server';
}
