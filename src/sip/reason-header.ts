/**
 * Reason (RFC 3326) and Microsoft's ms-diagnostics / ms-diagnostics-public (MS-SIPRE 2.2.11).
 */
import { formatParams, parseParams, quote, unquote, type Params } from './params.js';
import { headerValueError } from './sip-parse-error.js';

export interface ReasonHeader {
  /** `SIP`, `Q.850` or another protocol token, as written. */
  protocol: string;
  cause?: number;
  /** The `text` parameter, unquoted. */
  text?: string;
  params: Params;
}

/** Parses one Reason value: `SIP;cause=481;text="Participant Removed"`. */
export function parseReason(text: string): ReasonHeader {
  const value = text.trim();
  const semi = value.indexOf(';');
  const protocol = (semi >= 0 ? value.slice(0, semi) : value).trim();
  if (!/^[A-Za-z0-9.!%*_+`'~-]+$/.test(protocol)) throw headerValueError('bad-header', 'bad Reason protocol', text);
  const params = semi >= 0 ? parseParams(value.slice(semi)) : new Map<string, string | null>();
  const result: ReasonHeader = { protocol, params };
  const cause = params.get('cause');
  if (cause !== undefined && cause !== null) {
    if (!/^\d{1,5}$/.test(cause)) throw headerValueError('bad-header', 'bad Reason cause', text);
    result.cause = Number(cause);
  }
  const reasonText = params.get('text');
  if (reasonText !== undefined && reasonText !== null) result.text = unquote(reasonText);
  return result;
}

export function formatReason(value: ReasonHeader): string {
  const params = new Map(value.params);
  if (value.cause !== undefined) params.set('cause', String(value.cause));
  if (value.text !== undefined) params.set('text', quote(value.text));
  return `${value.protocol}${formatParams(params)}`;
}

export interface MsDiagnostics {
  code: number;
  /** The `reason` parameter, unquoted. */
  reason?: string;
  /** Every parameter, values as written (quoted values keep their quotes). */
  params: Params;
}

/** Parses `3118;reason="Participant Removed";source="…"` (ms-diagnostics and ms-diagnostics-public). */
export function parseMsDiagnostics(text: string): MsDiagnostics {
  const value = text.trim();
  const semi = value.indexOf(';');
  const code = (semi >= 0 ? value.slice(0, semi) : value).trim();
  if (!/^\d{1,6}$/.test(code)) throw headerValueError('bad-header', 'bad ms-diagnostics code', text);
  const params = semi >= 0 ? parseParams(value.slice(semi)) : new Map<string, string | null>();
  const result: MsDiagnostics = { code: Number(code), params };
  const reason = params.get('reason');
  if (reason !== undefined && reason !== null) result.reason = unquote(reason);
  return result;
}

export function formatMsDiagnostics(value: MsDiagnostics): string {
  const params = new Map(value.params);
  if (value.reason !== undefined) params.set('reason', quote(value.reason));
  return `${value.code}${formatParams(params)}`;
}
