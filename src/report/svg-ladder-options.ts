import type { LadderStepMark } from './ladder-options.js';

/** How {@link renderSvgLadder} draws one scenario. */
export interface SvgLadderOptions {
  /** Role columns first, in this order. */
  readonly roles?: readonly string[];
  /** Step bands drawn behind the messages of each step; a failed step is shaded red. */
  readonly steps?: readonly LadderStepMark[];
  /** Sequence numbers drawn as failing / nearest-miss arrows (red, thick). */
  readonly highlight?: readonly number[];
  /** Prefix of element ids, unique per ladder on a page. @default 'l' */
  readonly idPrefix?: string;
  /** Pixels between lifelines. @default 170 */
  readonly columnWidth?: number;
}
