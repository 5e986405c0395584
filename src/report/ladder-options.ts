/** How {@link renderLadder} lays out and decorates a ladder. */
export interface LadderOptions {
  /** Target line width in characters; the column spacing and the label column fit into it. @default 120 */
  readonly width?: number;
  /** ANSI colours (failed step red, highlighted messages bold yellow). @default false */
  readonly color?: boolean;
  /** Role columns in this order first (e.g. the scenario's `roles`). */
  readonly roles?: readonly string[];
  /** Step headers drawn above the messages each step produced; a failed step is marked ✗. */
  readonly steps?: readonly LadderStepMark[];
  /** Sequence numbers to point at with `>` (the failing message, the nearest miss). */
  readonly highlight?: readonly number[];
}

/** One step of a run as the ladder shows it: the trace records with `fromSeq ≤ seq ≤ toSeq`. */
export interface LadderStepMark {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'warned' | 'skipped';
  readonly fromSeq: number;
  readonly toSeq: number;
}
