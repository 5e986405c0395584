/**
 * Why a `SipConnection` closed.
 */
import type { FocusHarnessError } from '../errors.js';

/**
 * - `local-close`: `close()` was called (graceful FIN).
 * - `local-destroy`: `destroy()` was called, or the listener closed.
 * - `remote-end`: the peer ended the stream.
 * - `error`: a socket error or a fatal framing error; `error` says which.
 */
export interface ConnectionCloseReason {
  readonly kind: 'local-close' | 'local-destroy' | 'remote-end' | 'error';
  readonly error?: FocusHarnessError;
}
