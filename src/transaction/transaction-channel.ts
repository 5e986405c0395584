/**
 * The two-member channel a `TransactionLayer` runs on (a `SipConnection` fits, as does a linked fake).
 */
import type { SipMessage } from '../sip/index.js';

export interface TransactionChannel {
  /** Sends one message; may throw or return a rejected promise when the connection is gone. */
  send(message: SipMessage): unknown;
  /** Registers the callback for every inbound message (requests and responses). */
  onMessage(callback: (message: SipMessage) => void): unknown;
  /** Optional: called once when the connection closes; pending client transactions then fail. */
  onClose?(callback: (reason?: unknown) => void): unknown;
  /** Optional: `tls` / `tcp`, used to write a Via when a request has none. */
  readonly transport?: string;
  /** Optional: the local socket address, used to write a Via when a request has none. */
  readonly local?: { readonly address: string; readonly port: number };
}
