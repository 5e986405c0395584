import { FocusHarnessError } from '../errors.js';

/** What was wrong with a C3P body (brief §4.11, MS-OCER 3006 "failed to parse", 3004 "not implemented"). */
export type C3pFault =
  | 'malformed-xml'
  | 'wrong-root'
  | 'missing-attribute'
  | 'invalid-attribute'
  | 'no-command'
  | 'several-commands'
  | 'unknown-command'
  | 'invalid-command';

/** The envelope attributes that could be read before the fault, so a server can still answer. */
export interface C3pEnvelopeHint {
  requestId?: string;
  from?: string;
  to?: string;
}

/**
 * A C3P body that cannot be used: `code` is `FH_C3P`, `fault` says why.
 *
 * @remarks For `unknown-command`, `unknownCommand` carries the element name so a focus can answer with
 * `ms-diagnostics: 3004` (command not implemented) and a `code="failure"` response naming it.
 */
export class C3pParseError extends FocusHarnessError {
  readonly fault: C3pFault;
  readonly unknownCommand: string | undefined;
  readonly envelope: C3pEnvelopeHint;

  constructor(fault: C3pFault, message: string, details: { unknownCommand?: string; envelope?: C3pEnvelopeHint; cause?: unknown } = {}) {
    super('FH_C3P', `C3P ${fault}: ${message}`, details.cause === undefined ? {} : { cause: details.cause });
    this.name = 'C3pParseError';
    this.fault = fault;
    this.unknownCommand = details.unknownCommand;
    this.envelope = details.envelope ?? {};
  }
}
