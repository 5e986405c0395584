/**
 * Diagnostics channels published by the transaction layer (style habit 8).
 */
import diagnostics from 'node:diagnostics_channel';

/** `{ key, kind, method, callId, from, to, event }` on every state change. */
export const transactionStateChannel = diagnostics.channel('focus-harness:transaction:state');
/** `{ response, reason, detail }` for every stray response. */
export const transactionStrayChannel = diagnostics.channel('focus-harness:transaction:stray');
/** `{ error }` for problems that have no caller to reject. */
export const transactionErrorChannel = diagnostics.channel('focus-harness:transaction:error');
