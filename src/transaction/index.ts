/**
 * `src/transaction` — RFC 3261 §17 transactions over reliable transports.
 */
export { TransactionLayer } from './transaction-layer.js';
export type {
  RequestHandler,
  SendRequestOptions,
  StrayInfo,
  StrayReason,
  StrayResponseHandler,
  TransactionErrorHandler,
  TransactionLayerOptions,
} from './transaction-layer-options.js';
export { ServerTransaction, type ServerTransactionKind, type ServerTransactionState } from './server-transaction.js';
export type { TransactionChannel } from './transaction-channel.js';
export { createLinkedChannels, type LinkedChannel, type LinkedChannelOptions } from './linked-channel.js';
export { createNon2xxAck } from './create-non2xx-ack.js';
export { createCancel } from './create-cancel.js';
export { clientTransactionKey, serverTransactionKey, cancelledInviteKey, MAGIC_COOKIE } from './transaction-key.js';
export { DEFAULT_T1, transactionTimers, type TimerName, type TransactionTimers } from './transaction-timers.js';
export { isAllowedTransition, type StepResult, type TransitionTable } from './step-result.js';
export {
  INVITE_CLIENT_TRANSITIONS,
  inviteClientStart,
  inviteClientStep,
  type InviteClientEffect,
  type InviteClientEvent,
  type InviteClientState,
} from './invite-client-transaction.js';
export {
  NON_INVITE_CLIENT_TRANSITIONS,
  nonInviteClientStart,
  nonInviteClientStep,
  type NonInviteClientEffect,
  type NonInviteClientEvent,
  type NonInviteClientState,
} from './non-invite-client-transaction.js';
export {
  INVITE_SERVER_TRANSITIONS,
  inviteServerStart,
  inviteServerStep,
  type InviteServerEffect,
  type InviteServerEvent,
  type InviteServerState,
} from './invite-server-transaction.js';
export {
  NON_INVITE_SERVER_TRANSITIONS,
  nonInviteServerStart,
  nonInviteServerStep,
  type NonInviteServerEffect,
  type NonInviteServerEvent,
  type NonInviteServerState,
} from './non-invite-server-transaction.js';
export { transactionErrorChannel, transactionStateChannel, transactionStrayChannel } from './transaction-diagnostics.js';
