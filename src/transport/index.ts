/**
 * TLS/TCP transport: the only layer that touches `node:tls` and `node:net`.
 */
export { connect } from './connect.js';
export type { ConnectOptions } from './connect-options.js';
export { listen } from './listen.js';
export type { ListenOptions } from './listen-options.js';
export { SipConnection } from './sip-connection.js';
export type {
  CloseHandler, ConnectionState, KeepAliveHandler, MessageHandler, ParseErrorHandler, SipConnectionInit,
} from './sip-connection.js';
export { SipListener } from './sip-listener.js';
export type { ClientErrorHandler, ConnectionHandler } from './sip-listener.js';
export type { ConnectionCloseReason } from './connection-close-reason.js';
export type { ConnectionRole, TransportAddress, TransportKind } from './transport-address.js';
export type { PemInput } from './secure-context-cache.js';
export { secureContextCacheSize } from './secure-context-cache.js';
export { TlsSessionCache } from './tls-session-cache.js';
export { keyLogFileWriter } from './key-log-file-writer.js';
export { channels as transportChannels } from './diagnostics.js';
export type { ClosedEvent, ConnectedEvent, MessageEvent, ParseErrorEvent } from './diagnostics.js';
export { normalizeConnectError } from './normalize-connect-error.js';
