import type { RunResult, StepResult } from './run-result.js';

/** Reporter hooks (style habit 12): all optional, called in order as the run proceeds. */
export interface RunHooks {
  onRunStart?(info: { scenario: string; title: string; target: string }): void;
  onStepStart?(step: { index: number; name: string }): void;
  onStepResult?(step: StepResult): void;
  onRunEnd?(result: RunResult): void;
}
