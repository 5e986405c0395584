/**
 * NTLM (MS-NLMP) for connectionless SIP use: NTLMv2 with extended session security, client and
 * server side, session keys and message signatures. Pure MD4 and RC4 (OpenSSL 3 dropped both).
 */
export { md4 } from './md4.js';
export { Rc4, rc4 } from './rc4.js';
export { NtlmFlag, hasFlag, negotiateClientFlags, CLIENT_SUPPORTED_FLAGS } from './ntlm-flags.js';
export { DEFAULT_NTLM_VERSION, type NtlmVersion } from './ntlm-fields.js';
export { AvId, parseAvPairs, encodeAvPairs, textAvPair, avPairText, type AvPair } from './av-pairs.js';
export { parseChallengeMessage, formatChallengeMessage, type ChallengeMessage, type ChallengeMessageInput } from './challenge-message.js';
export { parseAuthenticateMessage, formatAuthenticateMessage, type AuthenticateMessage } from './authenticate-message.js';
export {
  computeNtlmV2Response,
  exportSessionKey,
  fileTime,
  hmacMd5,
  ntlmV2ClientBlob,
  ntowfV2,
  type NtlmV2Response,
  type NtlmV2ResponseInput,
} from './ntlmv2-response.js';
export { deriveSessionKeys, sealKey, signKey, type NtlmDirection, type NtlmDirectionKeys, type NtlmSessionKeys } from './session-keys.js';
export { connectionlessMac, macWithHandle, verifyConnectionlessMac } from './message-signature.js';
export { NtlmSecurityContext, type NtlmRole } from './security-context.js';
export {
  createNtlmAuthenticate,
  type NtlmAuthenticateOptions,
  type NtlmAuthenticateResult,
  type NtlmCredentials,
} from './ntlm-client.js';
export {
  createNtlmChallenge,
  verifyNtlmAuthenticate,
  SERVER_CHALLENGE_FLAGS,
  type NtlmChallengeOptions,
  type NtlmPasswordLookup,
  type NtlmRefusalReason,
  type NtlmVerdict,
} from './ntlm-server.js';
