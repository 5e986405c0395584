import type { DestinationStream } from 'pino';
import type { LogLevel } from './log-level.js';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** @default 'warn' */
  readonly level?: LogLevel;
  /** Write JSON lines to this file (appending) instead of stderr. */
  readonly file?: string;
  /** Human-readable output (pino-pretty) — only when it is installed and no file is given. @default stderr is a TTY */
  readonly pretty?: boolean;
  /** Where JSON lines go when no file is given (tests inject a sink). @default process.stderr */
  readonly destination?: DestinationStream;
  /** Values (passwords) to replace wherever they appear. */
  readonly secrets?: readonly string[];
  /** Keep Authorization values and passwords (`--unsafe-keep-secrets`). @default false */
  readonly unsafeKeepSecrets?: boolean;
  /** Bound on every line as `name`. @default 'focus-harness' */
  readonly name?: string;
}
