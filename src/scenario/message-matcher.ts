/**
 * What an expectation looks for in a role's inbound messages: method or status, the dialog (D1
 * focus / D2 roster / D3 IM MCU, brief §1.4), the peer, and named predicates over the content.
 */
import type { TraceDialog, TracePeer } from '../capture/index.js';
import type { MessagePredicate } from './message-predicate.js';
import { cseqMethodOf, type ObservedMessage } from './observed-message.js';

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | '6xx';

export interface MessageMatcher {
  /** Request method(s), e.g. `'BENOTIFY'` or `['BENOTIFY', 'NOTIFY']`. */
  readonly method?: string | readonly string[];
  /** Response status(es) or class, e.g. `202`, `[200, 481]`, `'2xx'`. */
  readonly status?: number | readonly number[] | StatusClass;
  /** For responses: the method in CSeq (which request it answers). */
  readonly cseqMethod?: string;
  readonly dialog?: TraceDialog;
  readonly peer?: TracePeer;
  readonly where?: MessagePredicate | readonly MessagePredicate[];
}

function list<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function statusText(status: MessageMatcher['status']): string {
  if (typeof status === 'string') return status;
  return list(status).join(' or ');
}

function statusMatches(status: MessageMatcher['status'], actual: number): boolean {
  if (status === undefined) return true;
  if (typeof status === 'string') return Math.floor(actual / 100) === Number(status[0]);
  return list(status).includes(actual);
}

/** A person's words for a matcher: `BENOTIFY in D2 where subscription terminated …`. */
export function describeMatcher(matcher: MessageMatcher): string {
  const parts: string[] = [];
  const methods = list(matcher.method);
  if (methods.length) parts.push(methods.join(' or '));
  if (matcher.status !== undefined) parts.push(`a ${statusText(matcher.status)} response`);
  if (matcher.cseqMethod) parts.push(`to ${matcher.cseqMethod}`);
  if (!methods.length && matcher.status === undefined) parts.push('a message');
  if (matcher.dialog) parts.push(`in ${matcher.dialog}`);
  if (matcher.peer) parts.push(`from the ${matcher.peer}`);
  const where = list(matcher.where);
  if (where.length) parts.push(`where ${where.map((p) => p.description).join(' and ')}`);
  return parts.join(' ');
}

/** `undefined` when `observed` matches; otherwise the first reason it does not. */
export function mismatch(matcher: MessageMatcher, observed: ObservedMessage): string | undefined {
  const { message } = observed;
  const methods = list(matcher.method).map((m) => m.toUpperCase());
  if (methods.length) {
    if (message.kind !== 'request') return `is a ${message.status} response, not ${methods.join('/')}`;
    if (!methods.includes(message.method.toUpperCase())) return `is ${message.method}, not ${methods.join('/')}`;
  }
  if (matcher.status !== undefined) {
    if (message.kind !== 'response') return `is a ${message.method} request, not a ${statusText(matcher.status)} response`;
    if (!statusMatches(matcher.status, message.status)) return `status is ${message.status}, not ${statusText(matcher.status)}`;
  }
  if (matcher.cseqMethod && cseqMethodOf(message) !== matcher.cseqMethod.toUpperCase()) {
    return `answers ${cseqMethodOf(message) || '?'}, not ${matcher.cseqMethod}`;
  }
  if (matcher.dialog && observed.dialog !== matcher.dialog) return `is in ${observed.dialog ?? 'no known dialog'}, not ${matcher.dialog}`;
  if (matcher.peer && observed.peer !== matcher.peer) return `comes from the ${observed.peer}, not the ${matcher.peer}`;
  for (const p of list(matcher.where)) {
    const why = p.test(observed);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** How close `observed` comes to `matcher` (higher is closer; 0 means nothing in common). */
export function closeness(matcher: MessageMatcher, observed: ObservedMessage): number {
  const { message } = observed;
  let score = 0;
  const methods = list(matcher.method).map((m) => m.toUpperCase());
  if (methods.length && message.kind === 'request' && methods.includes(message.method.toUpperCase())) score += 4;
  if (matcher.status !== undefined && message.kind === 'response') {
    score += statusMatches(matcher.status, message.status) ? 4 : 1;
  }
  if (matcher.cseqMethod && cseqMethodOf(message) === matcher.cseqMethod.toUpperCase()) score += 2;
  if (matcher.dialog && observed.dialog === matcher.dialog) score += 2;
  if (matcher.peer && observed.peer === matcher.peer) score += 1;
  return score;
}
