/** Options of {@link startRepl}: streams are injected so tests drive the REPL without a terminal. */
import type { ReplSessionOptions } from './repl-session-options.js';

export interface StartReplOptions extends ReplSessionOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Treat the output as a terminal (cursor control, line editing). @default output.isTTY */
  readonly terminal?: boolean;
  /** ANSI colours. @default same as `terminal` */
  readonly color?: boolean;
  /** History file; `null` keeps no history. @default ~/.focus-harness_history */
  readonly historyPath?: string | null;
  /** @default 'focus-harness> ' */
  readonly prompt?: string;
  /** Print a line for every message a role sends as well as receives. @default false */
  readonly showSent?: boolean;
  /** Text printed before the first prompt. @default a one-line summary of the target and roles */
  readonly banner?: string;
}
