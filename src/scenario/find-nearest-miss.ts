import { closeness, mismatch, type MessageMatcher } from './message-matcher.js';
import type { NearestMiss } from './nearest-miss.js';
import type { ObservedMessage } from './observed-message.js';

/**
 * The closest message to `matcher` by method/status, dialog and peer: first among `recent` (what
 * arrived during the wait), else among `earlier` messages on the same connection.
 */
export function findNearestMiss(
  matcher: MessageMatcher,
  recent: readonly ObservedMessage[],
  earlier: readonly ObservedMessage[] = [],
): NearestMiss | undefined {
  for (const pool of [recent, earlier]) {
    let best: ObservedMessage | undefined;
    let bestScore = 0;
    for (const observed of pool) {
      const score = closeness(matcher, observed);
      // Later messages win ties among earlier ones: the most recent state of that dialog.
      if (score > bestScore || (score === bestScore && score > 0 && pool === earlier)) {
        best = observed;
        bestScore = score;
      }
    }
    if (best) {
      return {
        seq: best.seq,
        firstLine: best.firstLine,
        label: best.label,
        ...(best.dialog ? { dialog: best.dialog } : {}),
        reason: mismatch(matcher, best) ?? 'matches, but arrived outside the window the expectation looked at',
      };
    }
  }
  return undefined;
}
