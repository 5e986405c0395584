/**
 * Builds a response to a request (RFC 3261 §8.2.6).
 */
import { HeaderList } from './header-list.js';
import type { HeaderInit, SipRequest, SipResponse } from './message.js';
import { parseNameAddr } from './name-addr.js';
import { reasonPhrase } from './reason-phrase.js';

export interface CreateResponseOptions {
  /** Tag to add to To when the request's To has none (RFC 3261 §8.2.6.2). */
  toTag?: string;
  /** Extra headers, appended after the copied ones. */
  headers?: HeaderInit;
  body?: Buffer | string;
}

/**
 * RFC 3261 §8.2.6.2: the response copies every Via (in order), From, To, Call-ID and CSeq from
 * the request; To gets `;tag=` when `toTag` is given and To has no tag yet.
 */
export function createResponse(request: SipRequest, status: number, reason?: string, options: CreateResponseOptions = {}): SipResponse {
  const headers = new HeaderList();
  for (const field of request.headers) {
    switch (field.key) {
      case 'via':
      case 'from':
      case 'call-id':
      case 'cseq':
        headers.append(field.name, field.value);
        break;
      case 'to':
        headers.append(field.name, withTag(field.value, options.toTag));
        break;
      default:
        break;
    }
  }
  for (const [name, value] of options.headers ?? []) headers.append(name, value);
  const body = options.body === undefined ? Buffer.alloc(0) : typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
  return { kind: 'response', status, reason: reason ?? reasonPhrase(status), headers, body };
}

function withTag(to: string, tag: string | undefined): string {
  if (tag === undefined) return to;
  let hasTag = false;
  try {
    hasTag = parseNameAddr(to).params.has('tag');
  } catch {
    hasTag = /;\s*tag\s*=/i.test(to);
  }
  return hasTag ? to : `${to};tag=${tag}`;
}
