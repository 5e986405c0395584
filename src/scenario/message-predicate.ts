import type { ObservedMessage } from './observed-message.js';

/**
 * A named condition on one message. `test` returns `undefined` when the message satisfies it,
 * otherwise why not (the words of a nearest-miss diagnostic).
 */
export interface MessagePredicate {
  readonly description: string;
  test(observed: ObservedMessage): string | undefined;
}

export function predicate(description: string, test: (observed: ObservedMessage) => string | undefined): MessagePredicate {
  return { description, test };
}
