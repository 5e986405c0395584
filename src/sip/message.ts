/**
 * The SIP message model (RFC 3261 §7): a start line, an ordered header list and a body of bytes.
 *
 * @remarks Header names keep the spelling they had on the wire (the seed's IM MCU writes
 * `FROM:` and `CSEQ:`); lookups are case-insensitive and understand compact forms (§7.3.3).
 */
import { HeaderList } from './header-list.js';

export interface SipRequest {
  readonly kind: 'request';
  method: string;
  /** The Request-URI exactly as written on the start line. */
  uri: string;
  headers: HeaderList;
  body: Buffer;
}

export interface SipResponse {
  readonly kind: 'response';
  status: number;
  reason: string;
  headers: HeaderList;
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

export function isRequest(message: SipMessage): message is SipRequest {
  return message.kind === 'request';
}

export function isResponse(message: SipMessage): message is SipResponse {
  return message.kind === 'response';
}

export type HeaderInit = ReadonlyArray<readonly [name: string, value: string]>;

export interface RequestInit {
  method: string;
  uri: string;
  headers?: HeaderInit;
  body?: Buffer | string;
}

export function createRequest(init: RequestInit): SipRequest {
  return {
    kind: 'request',
    method: init.method,
    uri: init.uri,
    headers: new HeaderList(init.headers ?? []),
    body: toBody(init.body),
  };
}

export interface ResponseInit {
  status: number;
  reason: string;
  headers?: HeaderInit;
  body?: Buffer | string;
}

export function createResponseMessage(init: ResponseInit): SipResponse {
  return {
    kind: 'response',
    status: init.status,
    reason: init.reason,
    headers: new HeaderList(init.headers ?? []),
    body: toBody(init.body),
  };
}

function toBody(body: Buffer | string | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}
