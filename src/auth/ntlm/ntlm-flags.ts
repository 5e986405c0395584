/**
 * NegotiateFlags of MS-NLMP §2.2.2.5 (the bits this implementation reads or sets).
 */
export const NtlmFlag = {
  UNICODE: 0x0000_0001,
  OEM: 0x0000_0002,
  REQUEST_TARGET: 0x0000_0004,
  SIGN: 0x0000_0010,
  SEAL: 0x0000_0020,
  DATAGRAM: 0x0000_0040,
  LM_KEY: 0x0000_0080,
  NTLM: 0x0000_0200,
  ALWAYS_SIGN: 0x0000_8000,
  TARGET_TYPE_DOMAIN: 0x0001_0000,
  TARGET_TYPE_SERVER: 0x0002_0000,
  EXTENDED_SESSIONSECURITY: 0x0008_0000,
  IDENTIFY: 0x0010_0000,
  TARGET_INFO: 0x0080_0000,
  VERSION: 0x0200_0000,
  NEGOTIATE_128: 0x2000_0000,
  KEY_EXCH: 0x4000_0000,
  NEGOTIATE_56: 0x8000_0000,
} as const;

/** The flags a client of this implementation is willing to keep from a server's CHALLENGE_MESSAGE. */
export const CLIENT_SUPPORTED_FLAGS = (
  NtlmFlag.UNICODE | NtlmFlag.REQUEST_TARGET | NtlmFlag.SIGN | NtlmFlag.SEAL | NtlmFlag.DATAGRAM
  | NtlmFlag.NTLM | NtlmFlag.ALWAYS_SIGN | NtlmFlag.EXTENDED_SESSIONSECURITY | NtlmFlag.IDENTIFY
  | NtlmFlag.TARGET_INFO | NtlmFlag.VERSION | NtlmFlag.NEGOTIATE_128 | NtlmFlag.KEY_EXCH | NtlmFlag.NEGOTIATE_56
) >>> 0;

/** Whether `flag` is set in `flags`. */
export function hasFlag(flags: number, flag: number): boolean {
  return ((flags & flag) >>> 0) !== 0;
}

/**
 * The flags of an AUTHENTICATE_MESSAGE answering a challenge with `challengeFlags`: what both
 * sides support, with REQUEST_TARGET set and neither OEM (when Unicode is chosen) nor a target type
 * (MS-NLMP §3.1.5.1.2 keeps only the negotiated options).
 */
export function negotiateClientFlags(challengeFlags: number): number {
  let flags = (challengeFlags & CLIENT_SUPPORTED_FLAGS) | NtlmFlag.REQUEST_TARGET;
  if (hasFlag(challengeFlags, NtlmFlag.UNICODE)) flags &= ~NtlmFlag.OEM;
  return flags >>> 0;
}
