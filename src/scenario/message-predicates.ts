/**
 * Ready-made predicates for `MessageMatcher.where`, each quoting the protocol fact it checks.
 */
import { predicate, type MessagePredicate } from './message-predicate.js';

/**
 * RFC 6665 §4.1.3 / brief §4.5: a NOTIFY/BENOTIFY ending the subscription carries
 * `Subscription-State: terminated` (the focus adds `;reason=ParticipantRemoved` on ejection, seed msg 3).
 */
export function subscriptionTerminated(reason?: string): MessagePredicate {
  const description = reason ? `subscription-state is terminated;reason=${reason}` : 'subscription-state is terminated';
  return predicate(description, ({ message }) => {
    const state = message.headers.get('subscription-state');
    if (state === undefined) return 'has no Subscription-State header';
    if (!/^\s*terminated\b/i.test(state)) return `subscription-state is "${state.trim()}"`;
    if (reason) {
      const actual = /;\s*reason\s*=\s*([^;\s]+)/i.exec(state)?.[1];
      if (actual?.toLowerCase() !== reason.toLowerCase()) return `terminated with reason ${actual ?? '(none)'}, not ${reason}`;
    }
    return undefined;
  });
}

/** The header is present and, when given, its value matches `pattern`. */
export function header(name: string, pattern?: RegExp): MessagePredicate {
  const description = pattern ? `${name} matches ${String(pattern)}` : `${name} is present`;
  return predicate(description, ({ message }) => {
    const values = message.headers.getAll(name);
    if (values.length === 0) return `has no ${name} header`;
    if (pattern && !values.some((v) => pattern.test(v))) return `${name} is "${values.join(', ')}"`;
    return undefined;
  });
}

/** `application/…+xml` bodies and friends: the media type without parameters. */
export function contentType(type: string): MessagePredicate {
  return predicate(`Content-Type is ${type}`, ({ message }) => {
    const actual = (message.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return actual === type.toLowerCase() ? undefined : `Content-Type is ${actual || '(none)'}`;
  });
}

/** The body text contains `text`. */
export function bodyContains(text: string): MessagePredicate {
  return predicate(`the body contains ${JSON.stringify(text)}`, ({ message }) =>
    message.body.toString('utf8').includes(text) ? undefined : `the body does not contain ${JSON.stringify(text)}`,
  );
}

/** A C3P response (`application/cccp+xml`, MS-CONFPRO 2.2.3) for `requestId`. */
export function c3pResponseFor(requestId: string): MessagePredicate {
  return predicate(`it carries the C3P response to requestId ${requestId}`, ({ message }) => {
    const body = message.body.toString('utf8');
    if (!/<(?:[\w.-]+:)?response\b/.test(body)) return 'carries no C3P response';
    const id = /\brequestId\s*=\s*"([^"]*)"/.exec(body)?.[1];
    return id === requestId ? undefined : `carries the C3P response to requestId ${id ?? '(none)'}`;
  });
}

/** The conference-info document's root `version` (RFC 4575 §5.1). */
export function rosterVersionOf(body: Buffer | string): number | undefined {
  const text = typeof body === 'string' ? body : body.toString('utf8', 0, Math.min(body.length, 4096));
  const root = /<(?:[\w.-]+:)?conference-info\b([^>]*)>/.exec(text)?.[1];
  const version = root ? /\bversion\s*=\s*"(\d+)"/.exec(root)?.[1] : undefined;
  return version === undefined ? undefined : Number(version);
}
