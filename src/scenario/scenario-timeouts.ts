/** Time budgets of a run (profile `timeouts`, CLI `--timeout`). */
export interface ScenarioTimeouts {
  /** A step fails when it runs longer. @default 5000 */
  readonly stepMs: number;
  /** `receives` / roster expectations wait this long by default. @default 5000 */
  readonly expectMs: number;
  /** Quiet period used by `receivesNo` and the end-of-run checks. @default 150 */
  readonly settleMs: number;
  /** How long an endpoint waits for a C3P response INFO after a 202. @default 5000 */
  readonly c3pMs: number;
}

export const DEFAULT_TIMEOUTS: ScenarioTimeouts = { stepMs: 5000, expectMs: 5000, settleMs: 150, c3pMs: 5000 };
