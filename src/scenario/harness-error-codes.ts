import type { FocusHarnessErrorCode } from '../errors.js';

/**
 * Error codes that mean the harness could not run (exit 2: fix the setup), as opposed to the
 * server misbehaving mid-flow (a closed connection or a transaction timeout: exit 1).
 */
export const HARNESS_ERROR_CODES: ReadonlySet<FocusHarnessErrorCode> = new Set<FocusHarnessErrorCode>([
  'FH_TRANSPORT_CONNECT',
  'FH_TRANSPORT_CONNECT_TIMEOUT',
  'FH_TLS_HANDSHAKE',
  'FH_CERT',
  'FH_PROFILE_INVALID',
  'FH_SCENARIO_INVALID',
  'FH_USAGE',
  'FH_AUTH',
  'FH_INTERNAL',
]);
