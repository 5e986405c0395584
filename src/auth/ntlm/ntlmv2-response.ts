/**
 * NTLMv2 responses and keys (MS-NLMP §3.3.2, §3.4.5.1): NTOWFv2, the NTLMv2 and LMv2 responses,
 * the session base key and, with KEY_EXCH, the encrypted random (exported) session key.
 */
import { createHmac } from 'node:crypto';
import { md4 } from './md4.js';
import { hasFlag, NtlmFlag } from './ntlm-flags.js';
import { unicode } from './ntlm-fields.js';
import { rc4 } from './rc4.js';

export function hmacMd5(key: Buffer, ...data: Buffer[]): Buffer {
  const mac = createHmac('md5', key);
  for (const part of data) mac.update(part);
  return mac.digest();
}

/** NTOWFv2 = HMAC_MD5(MD4(UNICODE(password)), UNICODE(UPPER(user) ‖ domain)); also LMOWFv2. */
export function ntowfV2(password: string, user: string, domain: string): Buffer {
  return hmacMd5(md4(unicode(password)), unicode(user.toUpperCase() + domain));
}

/** Milliseconds since the Unix epoch → FILETIME (100 ns ticks since 1601-01-01), 8 bytes LE. */
export function fileTime(unixMs: number): Buffer {
  const ticks = (BigInt(Math.trunc(unixMs)) + 11_644_473_600_000n) * 10_000n;
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(ticks < 0n ? 0n : ticks);
  return out;
}

export interface NtlmV2ResponseInput {
  readonly responseKey: Buffer;
  readonly serverChallenge: Buffer;
  readonly clientChallenge: Buffer;
  /** FILETIME, 8 bytes. */
  readonly time: Buffer;
  /** The server's AV pairs as received. */
  readonly targetInfo: Buffer;
}

export interface NtlmV2Response {
  readonly ntProofStr: Buffer;
  /** NTProofStr ‖ temp. */
  readonly ntChallengeResponse: Buffer;
  readonly lmChallengeResponse: Buffer;
  readonly sessionBaseKey: Buffer;
}

/** `temp` of §3.3.2: 0x01 0x01, Z(6), time, client challenge, Z(4), target info, Z(4). */
export function ntlmV2ClientBlob(time: Buffer, clientChallenge: Buffer, targetInfo: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]),
    time,
    clientChallenge,
    Buffer.alloc(4),
    targetInfo,
    Buffer.alloc(4),
  ]);
}

export function computeNtlmV2Response(input: NtlmV2ResponseInput): NtlmV2Response {
  const temp = ntlmV2ClientBlob(input.time, input.clientChallenge, input.targetInfo);
  const ntProofStr = hmacMd5(input.responseKey, input.serverChallenge, temp);
  return {
    ntProofStr,
    ntChallengeResponse: Buffer.concat([ntProofStr, temp]),
    lmChallengeResponse: Buffer.concat([
      hmacMd5(input.responseKey, input.serverChallenge, input.clientChallenge),
      input.clientChallenge,
    ]),
    sessionBaseKey: hmacMd5(input.responseKey, ntProofStr),
  };
}

/**
 * KXKEY for NTLMv2 is the session base key; with KEY_EXCH the client picks a random exported key
 * and sends it RC4-encrypted under the key exchange key (§3.1.5.1.2), otherwise the exported key
 * is the key exchange key.
 */
export function exportSessionKey(
  flags: number,
  keyExchangeKey: Buffer,
  randomSessionKey: Buffer,
): { exportedSessionKey: Buffer; encryptedRandomSessionKey: Buffer } {
  if (!hasFlag(flags, NtlmFlag.KEY_EXCH)) {
    return { exportedSessionKey: keyExchangeKey, encryptedRandomSessionKey: Buffer.alloc(0) };
  }
  return { exportedSessionKey: randomSessionKey, encryptedRandomSessionKey: rc4(keyExchangeKey, randomSessionKey) };
}
