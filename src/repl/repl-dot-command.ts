/** The shape of one dot-command in `REPL_DOT_COMMANDS`. */
import type { ReplSession } from './repl-session.js';

/** What a dot-command argument completes to. */
export type DotArgKind = 'none' | 'seq' | 'file' | 'expectation';

export interface DotCommandContext {
  readonly session: ReplSession;
  /** Writes text (a newline is added when missing). */
  print(text: string): void;
  readonly color: boolean;
  /** Terminal width for the ladder. */
  readonly width: number;
  /** The `.help` text (built from the same tables as completion). */
  help(): string;
}

export interface ReplDotCommand {
  /** Without the dot, e.g. `ladder`. */
  readonly name: string;
  readonly args: string;
  readonly summary: string;
  readonly complete: DotArgKind;
  run(context: DotCommandContext, argument: string): void | Promise<void>;
}
