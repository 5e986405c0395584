/**
 * Options of `dialog.createRequest` / `dialog.createAck`.
 */
import type { HeaderInit } from '../sip/index.js';

export interface CreateInDialogRequestOptions {
  /** Extra headers, appended after the dialog's own. */
  readonly headers?: HeaderInit;
  readonly body?: Buffer | string;
  /** Content-Type of the body (written only with a body or when given). */
  readonly contentType?: string;
}
