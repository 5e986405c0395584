/**
 * The error base shared by every layer, with a stable string `code`.
 *
 * @remarks Protocol outcomes (a 486, a C3P `code="failure"`) are values, not errors;
 * a `FocusHarnessError` means the harness itself could not do what it was asked.
 */
export type FocusHarnessErrorCode =
  | 'FH_SIP_PARSE'
  | 'FH_SIP_FRAMING'
  | 'FH_TRANSPORT_CONNECT'
  | 'FH_TRANSPORT_CONNECT_TIMEOUT'
  | 'FH_TRANSPORT_CLOSED'
  | 'FH_TLS_HANDSHAKE'
  | 'FH_TXN_TIMEOUT'
  | 'FH_DIALOG'
  | 'FH_C3P'
  | 'FH_XML'
  | 'FH_ROSTER'
  | 'FH_CERT'
  | 'FH_PROFILE_INVALID'
  | 'FH_SCENARIO_INVALID'
  | 'FH_AUTH'
  | 'FH_USAGE'
  | 'FH_INTERNAL';

export interface FocusHarnessErrorOptions {
  readonly cause?: unknown;
  /** Where the fault is: a file:line, a byte offset, a connection, a step. */
  readonly where?: string;
}

export class FocusHarnessError extends Error {
  readonly code: FocusHarnessErrorCode;
  readonly where: string | undefined;

  constructor(code: FocusHarnessErrorCode, message: string, options: FocusHarnessErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FocusHarnessError';
    this.code = code;
    this.where = options.where;
  }
}

export function isFocusHarnessError(value: unknown): value is FocusHarnessError {
  return value instanceof FocusHarnessError;
}
