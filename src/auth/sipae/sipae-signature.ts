/**
 * Signing and checking one SIP message under an MS-SIPAE NTLM security association (brief §3.6–3.7):
 * the NTLM MAC of the message's signature buffer, always with the same NTLM sequence number. Both
 * sides use it: the client for `response` / `rspauth`, the server for `rspauth` / `response`.
 */
import type { SipMessage } from '../../sip/index.js';
import type { NtlmSecurityContext } from '../ntlm/index.js';
import { buildSignatureBuffer, type SignatureBufferInput } from './signature-buffer.js';

/** The NTLM sequence number of every SIP message MAC (brief §3.7; `cnum`/`snum` are separate). */
export const SIPAE_NTLM_SEQ = 100;

/** The SA fields and the message's salt and counter (`crand`/`cnum` or `srand`/`snum`). */
export type SipaeSignedFields = Omit<SignatureBufferInput, 'scheme'>;

function signedBytes(message: SipMessage, fields: SipaeSignedFields): Buffer {
  return Buffer.from(buildSignatureBuffer(message, { scheme: 'NTLM', ...fields }), 'utf8');
}

/** This side's 16-byte signature of `message`. */
export function signSipaeMessage(context: NtlmSecurityContext, message: SipMessage, fields: SipaeSignedFields): Buffer {
  return context.sign(signedBytes(message, fields), SIPAE_NTLM_SEQ);
}

/** Whether `signatureHex` (32 hex digits, any case) is the peer's signature of `message`. */
export function verifySipaeMessage(context: NtlmSecurityContext, message: SipMessage, fields: SipaeSignedFields, signatureHex: string): boolean {
  if (!/^[0-9a-f]{32}$/i.test(signatureHex)) return false;
  return context.verify(signedBytes(message, fields), Buffer.from(signatureHex, 'hex'), SIPAE_NTLM_SEQ);
}
