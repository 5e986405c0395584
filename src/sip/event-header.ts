/**
 * Event and Subscription-State (RFC 6665 §8.2.1, §8.2.3).
 */
import { formatParams, parseParams, type Params } from './params.js';
import { headerValueError } from './sip-parse-error.js';

export interface EventHeader {
  /** Lower-cased event package, e.g. `conference`, `registration`. */
  event: string;
  params: Params;
}

export function parseEvent(text: string): EventHeader {
  const value = text.trim();
  const semi = value.indexOf(';');
  const event = (semi >= 0 ? value.slice(0, semi) : value).trim();
  if (!/^[A-Za-z0-9.!%*_+`'~-]+$/.test(event)) throw headerValueError('bad-header', 'bad Event', text);
  return { event: event.toLowerCase(), params: semi >= 0 ? parseParams(value.slice(semi)) : new Map() };
}

export function formatEvent(value: EventHeader): string {
  return `${value.event}${formatParams(value.params)}`;
}

export interface SubscriptionState {
  /** Lower-cased: `active`, `pending`, `terminated` or an extension value. */
  state: string;
  expires?: number;
  /** `reason=` as written (the seed has `ParticipantRemoved`). */
  reason?: string;
  retryAfter?: number;
  params: Params;
}

export function parseSubscriptionState(text: string): SubscriptionState {
  const value = text.trim();
  const semi = value.indexOf(';');
  const state = (semi >= 0 ? value.slice(0, semi) : value).trim();
  if (!/^[A-Za-z0-9.!%*_+`'~-]+$/.test(state)) throw headerValueError('bad-header', 'bad Subscription-State', text);
  const params = semi >= 0 ? parseParams(value.slice(semi)) : new Map<string, string | null>();
  const result: SubscriptionState = { state: state.toLowerCase(), params };
  const expires = params.get('expires');
  if (expires !== undefined && expires !== null) {
    if (!/^\d{1,10}$/.test(expires)) throw headerValueError('bad-header', 'bad Subscription-State expires', text);
    result.expires = Number(expires);
  }
  const retry = params.get('retry-after');
  if (retry !== undefined && retry !== null && /^\d{1,10}$/.test(retry)) result.retryAfter = Number(retry);
  const reason = params.get('reason');
  if (reason !== undefined && reason !== null) result.reason = reason;
  return result;
}

export function formatSubscriptionState(value: SubscriptionState): string {
  const params = new Map(value.params);
  if (value.expires !== undefined) params.set('expires', String(value.expires));
  if (value.reason !== undefined) params.set('reason', value.reason);
  if (value.retryAfter !== undefined) params.set('retry-after', String(value.retryAfter));
  return `${value.state}${formatParams(params)}`;
}
