import { isFocusHarnessError } from '../src/errors.js';

/** Prints a harness error as a person can act on it and returns exit code 2. */
export function reportHarnessError(error: unknown): number {
  if (isFocusHarnessError(error)) {
    const where = error.where ? ` (${error.where})` : '';
    process.stderr.write(`focus-harness: ${error.code}: ${error.message}${where}\n`);
  } else if (error instanceof Error) {
    process.stderr.write(`focus-harness: internal error: ${error.stack ?? error.message}\n`);
  } else {
    process.stderr.write(`focus-harness: internal error: ${String(error)}\n`);
  }
  return 2;
}

/**
 * A command handler's outcome. yargs returns argv from parseAsync, so handlers
 * write the exit code onto it.
 */
export function setExitCode(argv: Record<string, unknown>, code: number): void {
  argv['exitCode'] = code;
}
