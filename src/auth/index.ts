/**
 * Authentication: HTTP Digest for SIP (RFC 3261 §22, RFC 7616, RFC 2617), client and server side;
 * NTLM (MS-NLMP, connectionless NTLMv2) in `ntlm/`; MS-SIPAE over NTLM (security associations,
 * signed messages) in `sipae/`.
 */
export { digestAlgorithmOf, digestHash, type DigestAlgorithm } from './digest-algorithm.js';
export { parseAuthParams, quoteAuthValue, type AuthParams } from './auth-params.js';
export { formatDigestChallenge, parseDigestChallenge, type DigestChallenge, type DigestQop } from './digest-challenge.js';
export {
  formatDigestAuthorization,
  formatNonceCount,
  parseDigestAuthorization,
  type DigestAuthorization,
} from './digest-authorization.js';
export { computeDigestResponse, hashDigestUsername, type DigestResponseInput } from './compute-digest-response.js';
export type { DigestCredentials } from './digest-credentials.js';
export { challengeHeaderOf, credentialsHeaderOf, type DigestHeaderName } from './digest-header-name.js';
export { DigestClient, type DigestHeaderField, type DigestRequestTarget } from './digest-client.js';
export type { DigestClientOptions } from './digest-client-options.js';
export { DigestServer } from './digest-server.js';
export type { DigestServerOptions } from './digest-server-options.js';
export type { DigestRefusal, DigestVerdict } from './digest-verdict.js';
export { verifyDigest, type VerifyDigestInput } from './verify-digest.js';
export { parseDigestUsers } from './parse-digest-users.js';
export {
  createNtlmAuthenticate,
  createNtlmChallenge,
  parseChallengeMessage,
  verifyNtlmAuthenticate,
  NtlmSecurityContext,
  type ChallengeMessage,
  type NtlmCredentials,
  type NtlmVerdict,
} from './ntlm/index.js';
export {
  buildSignatureBuffer,
  formatSipaeAuthenticationInfo,
  formatSipaeChallenge,
  formatSipaeCredentials,
  parseSipaeParams,
  SipaeClient,
  SipaeServerSession,
  SIPAE_DEFAULT_REALM,
  type SipaeClientOptions,
  type SipaeIncomingVerdict,
  type SipaeInboundVerdict,
  type SipaeParams,
  type SipaeServerOptions,
} from './sipae/index.js';
export { nextAttempt } from './next-attempt.js';
