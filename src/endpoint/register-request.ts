/**
 * REGISTER in the MS-SIPREGE shape (brief §3.1) and reading our GRUU from its 200 OK (§3.2).
 */
import type { HeaderInit, SipResponse } from '../sip/index.js';

/** Methods a Lync client advertises on its registered Contact. */
export const LYNC_CONTACT_METHODS = 'INVITE, MESSAGE, INFO, SUBSCRIBE, OPTIONS, BYE, CANCEL, NOTIFY, ACK, REFER, BENOTIFY';

export interface RegisterContactInit {
  host: string;
  port: number;
  transport: 'tls' | 'tcp';
  msOpaque: string;
  instanceId: string;
}

/** `<sip:addr:port;transport=tls;ms-opaque=…>;methods="…";proxy=replace;+sip.instance="<urn:uuid:…>"` */
export function registerContact(init: RegisterContactInit): string {
  const host = init.host.includes(':') ? `[${init.host}]` : init.host;
  return (
    `<sip:${host}:${init.port};transport=${init.transport};ms-opaque=${init.msOpaque}>` +
    `;methods="${LYNC_CONTACT_METHODS}";proxy=replace;+sip.instance="<urn:uuid:${init.instanceId}>"`
  );
}

/** Headers a REGISTER carries besides the basic ones (brief §3.1). */
export function registerHeaders(expires: number): HeaderInit {
  return [
    ['Supported', 'gruu-10, adhoclist, msrtc-event-categories, com.microsoft.msrtc.presence'],
    ['Event', 'registration'],
    ['ms-keep-alive', 'UAC;hop-hop=yes'],
    ['Allow-Events', 'presence'],
    ['Expires', String(expires)],
  ];
}

export interface RegistrationBinding {
  /** The `gruu` Contact parameter of our binding. */
  gruu?: string;
  /** Seconds until the binding expires (Contact `expires=` or the Expires header). */
  expires?: number;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

/** Splits `<uri>;a=b;c="d;e"` into its header parameters (the part after `>`), honouring quotes. */
function contactParams(contact: string): Map<string, string> {
  const params = new Map<string, string>();
  const close = contact.indexOf('>');
  const tail = close >= 0 ? contact.slice(close + 1) : contact.slice(contact.indexOf(';'));
  const re = /;\s*([^=;\s]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;]*))?/g;
  for (let m = re.exec(tail); m; m = re.exec(tail)) params.set((m[1] ?? '').toLowerCase(), unquote(m[2] ?? ''));
  return params;
}

/**
 * Picks our binding among the Contacts of a REGISTER 200 OK by the `+sip.instance` UUID (several
 * devices may be registered; SIPE matches the instance the same way).
 */
export function readRegistrationBinding(response: SipResponse, instanceId: string): RegistrationBinding {
  const wanted = `<urn:uuid:${instanceId}>`.toLowerCase();
  const contacts = response.headers.getValues('contact');
  const headerExpires = Number.parseInt(response.headers.get('expires') ?? '', 10);
  for (const contact of contacts) {
    const params = contactParams(contact);
    if ((params.get('+sip.instance') ?? '').toLowerCase() !== wanted) continue;
    const expires = Number.parseInt(params.get('expires') ?? '', 10);
    const binding: RegistrationBinding = {};
    const gruu = params.get('gruu');
    if (gruu) binding.gruu = gruu;
    if (Number.isFinite(expires)) binding.expires = expires;
    else if (Number.isFinite(headerExpires)) binding.expires = headerExpires;
    return binding;
  }
  return Number.isFinite(headerExpires) ? { expires: headerExpires } : {};
}
