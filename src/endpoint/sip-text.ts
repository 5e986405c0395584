/**
 * Small text helpers over SIP values the endpoint needs.
 */
import type { SipMessage } from '../sip/index.js';

/** The start line as written on the wire. */
export function firstLineOf(message: SipMessage): string {
  return message.kind === 'request' ? `${message.method} ${message.uri} SIP/2.0` : `SIP/2.0 ${message.status} ${message.reason}`;
}

/** `sip:alice@contoso.com` → `contoso.com`. */
export function domainOfAor(aor: string): string {
  const match = /^sips?:[^@]+@([^;>?]+)/i.exec(aor.trim());
  if (!match?.[1]) return aor.replace(/^sips?:/i, '');
  return match[1];
}

/**
 * A pasted join link to a focus URI (brief §1.1, SIPE parse_ocs_focus_uri): strips `conf:` / `meet:`
 * prefixes and a `?…` conference-key suffix, and angle brackets.
 */
export function normalizeFocusUri(text: string): string {
  let uri = text.trim();
  if (uri.startsWith('<') && uri.endsWith('>')) uri = uri.slice(1, -1);
  uri = uri.replace(/^(?:conf|meet):/i, '');
  const query = uri.indexOf('?');
  return query >= 0 ? uri.slice(0, query) : uri;
}

/** MCU URI derivation (brief §1.1, SIPE sipe_conf_build_uri): `:focus:` → `:<mcuType>:`. */
export function deriveMcuUri(focusUri: string, mcuType = 'chat'): string {
  return focusUri.replace(/opaque=app:conf:focus:/i, `opaque=app:conf:${mcuType}:`);
}

/** `…;opaque=app:conf:focus:id:7ECB…` → `7ECB…` */
export function conferenceIdOf(focusUri: string): string | undefined {
  return /:id:([^;>?]+)/i.exec(focusUri)?.[1];
}

/** `TransportAddress` → `addr:port` */
export function hostPort(address: { address: string; port: number }): string {
  return address.address.includes(':') ? `[${address.address}]:${address.port}` : `${address.address}:${address.port}`;
}

/** The media type of a message body, lower-cased, without parameters. */
export function mediaTypeOf(message: SipMessage): string {
  return (message.headers.get('content-type')?.split(';')[0] ?? '').trim().toLowerCase();
}
