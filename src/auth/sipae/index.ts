/**
 * MS-SIPAE (SIP authentication extensions) over NTLM: header parameters, the signed buffer, the
 * client security association and the per-connection server side.
 */
export {
  formatSipaeAuthenticationInfo,
  formatSipaeChallenge,
  formatSipaeCredentials,
  isSipaeLine,
  parseSipaeParams,
  SIPAE_SCHEMES,
  type SipaeParams,
  type SipaeScheme,
} from './sipae-params.js';
export { buildSignatureBuffer, type SignatureBufferInput } from './signature-buffer.js';
export { SipaeClient, type SipaeClientOptions, type SipaeIncomingVerdict } from './sipae-client.js';
export { SIPAE_NTLM_SEQ } from './sipae-signature.js';
export {
  SipaeServerSession,
  SIPAE_DEFAULT_REALM,
  type SipaeInboundVerdict,
  type SipaeServerOptions,
} from './sipae-server.js';
