/**
 * Focus factory, focus and IM MCU addresses (protocol brief §1.1): the organizer's AOR with
 * `;gruu;opaque=app:conf:<kind>`.
 */
import { randomBytes } from 'node:crypto';

/** What a Request-URI addresses on the lab focus. */
export type ConferenceAddress =
  | { kind: 'focusfactory'; user: string }
  | { kind: 'focus'; user: string; conferenceId: string }
  | { kind: 'chat'; user: string; conferenceId: string }
  | { kind: 'other' };

/** A new conference id: 32 upper-case hex characters, like the seed's. */
export function newConferenceId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** `sip:user@domain` without parameters, headers or angle brackets; lower-cased scheme. */
export function aorOf(uri: string): string {
  let text = uri.trim();
  const lt = text.indexOf('<');
  if (lt >= 0) text = text.slice(lt + 1, text.indexOf('>', lt) < 0 ? undefined : text.indexOf('>', lt));
  const cut = text.search(/[;?]/);
  if (cut >= 0) text = text.slice(0, cut);
  const colon = text.indexOf(':');
  const scheme = colon >= 0 ? text.slice(0, colon).toLowerCase() : 'sip';
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  return `${scheme}:${rest.toLowerCase()}`;
}

/**
 * Whether `aor` (as `aorOf` gives it) is the lab AOR of an authenticated `user` (Digest username or
 * NTLM user): `sip:user@domain`, compared without case.
 */
export function isAorOfUser(aor: string, user: string, domain: string): boolean {
  return `sip:${user}@${domain}`.toLowerCase() === aor;
}

/** The user@host part of an AOR (`sip:alice@contoso.com` → `alice@contoso.com`). */
export function userHostOf(aor: string): string {
  return aor.replace(/^sips?:/i, '');
}

export function focusFactoryUri(organizerAor: string): string {
  return `sip:${userHostOf(organizerAor)};gruu;opaque=app:conf:focusfactory`;
}

export function focusUri(organizerAor: string, conferenceId: string): string {
  return `sip:${userHostOf(organizerAor)};gruu;opaque=app:conf:focus:id:${conferenceId}`;
}

export function chatUri(organizerAor: string, conferenceId: string): string {
  return `sip:${userHostOf(organizerAor)};gruu;opaque=app:conf:chat:id:${conferenceId}`;
}

/** Reads the `opaque=app:conf:…` parameter of a Request-URI (or a name-addr's URI). */
export function classifyAddress(uri: string): ConferenceAddress {
  const text = uri.replace(/^\s*[^<]*<([^>]*)>.*$/s, '$1');
  const match = /;opaque=app:conf:([a-z-]+)(?::id:([A-Za-z0-9]+))?/i.exec(text);
  if (!match) return { kind: 'other' };
  const user = userHostOf(aorOf(text));
  const kind = (match[1] ?? '').toLowerCase();
  const id = match[2];
  if (kind === 'focusfactory') return { kind: 'focusfactory', user };
  if (kind === 'focus' && id) return { kind: 'focus', user, conferenceId: id.toUpperCase() };
  if (kind === 'chat' && id) return { kind: 'chat', user, conferenceId: id.toUpperCase() };
  return { kind: 'other' };
}
