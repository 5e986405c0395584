/**
 * `src/dialog` — RFC 3261 §12 dialogs with the MS-SIPRE epid extension.
 */
export { Dialog, type DialogRole } from './dialog.js';
export { DialogTable, type MessageRole } from './dialog-table.js';
export { dialogKey } from './dialog-key.js';
export { DIALOG_TRANSITIONS, dialogStep, type DialogEffect, type DialogEvent, type DialogState } from './dialog-state.js';
export type { CreateInDialogRequestOptions } from './create-in-dialog-request-options.js';
export type { DialogCreateOptions } from './dialog-create-options.js';
export type { ReceiveRequestVerdict } from './receive-request-verdict.js';
export { isLooseRouter, requestTarget, routeUri, type RequestTarget } from './route-set.js';
export { unknownDialogResponse } from './unknown-dialog-response.js';
