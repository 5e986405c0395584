/**
 * An established NTLM security context for connectionless use (the SIP case): signs what this side
 * sends with its own direction's keys and verifies what the peer sends with the other direction's.
 */
import { connectionlessMac, verifyConnectionlessMac } from './message-signature.js';
import type { NtlmDirectionKeys, NtlmSessionKeys } from './session-keys.js';

export type NtlmRole = 'client' | 'server';

export class NtlmSecurityContext {
  readonly role: NtlmRole;
  readonly flags: number;
  readonly #outgoing: NtlmDirectionKeys;
  readonly #incoming: NtlmDirectionKeys;

  constructor(role: NtlmRole, flags: number, keys: NtlmSessionKeys) {
    this.role = role;
    this.flags = flags;
    this.#outgoing = role === 'client' ? keys.clientToServer : keys.serverToClient;
    this.#incoming = role === 'client' ? keys.serverToClient : keys.clientToServer;
  }

  /** The 16-byte signature of `message` sent by this side with NTLM sequence number `seqNum`. */
  sign(message: Buffer, seqNum: number): Buffer {
    return connectionlessMac(this.flags, this.#outgoing, seqNum, message);
  }

  /** Whether `signature` is the peer's signature of `message` with `seqNum`. */
  verify(message: Buffer, signature: Buffer, seqNum: number): boolean {
    return verifyConnectionlessMac(this.flags, this.#incoming, seqNum, message, signature);
  }
}
