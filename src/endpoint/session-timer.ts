/**
 * Session timers (RFC 4028) on the INVITE dialogs D1 and D3: Lync clients send `Supported: timer`
 * (brief §2 item 10); when the 2xx names us as refresher we refresh before the interval ends.
 */
import type { SipResponse } from '../sip/index.js';

export interface SessionExpires {
  /** Interval in seconds. */
  seconds: number;
  refresher: 'uac' | 'uas' | undefined;
}

/** `Session-Expires: 1800;refresher=uac` (compact form `x`) → `{ seconds: 1800, refresher: 'uac' }`. */
export function parseSessionExpires(response: SipResponse): SessionExpires | undefined {
  const value = response.headers.get('session-expires');
  if (value === undefined) return undefined;
  const seconds = Number.parseInt(value, 10);
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  const refresher = /;\s*refresher\s*=\s*(uac|uas)/i.exec(value)?.[1]?.toLowerCase();
  return { seconds, refresher: refresher === 'uac' || refresher === 'uas' ? refresher : undefined };
}

/**
 * When we (the UAC of D1/D3) must refresh, the delay in ms before doing so, else `undefined`.
 *
 * @remarks RFC 4028 §7.4: the 2xx carries the refresher; the UAC refreshes when it is named (our
 * requests never ask to be `uas`, so an absent parameter leaves it to the UAC as well, §9).
 * §10: refresh at half the interval.
 */
export function sessionRefreshDelay(response: SipResponse): number | undefined {
  const expires = parseSessionExpires(response);
  if (!expires || expires.refresher === 'uas') return undefined;
  return (expires.seconds * 1000) / 2;
}
