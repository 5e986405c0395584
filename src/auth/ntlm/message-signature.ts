/**
 * MAC with extended session security (MS-NLMP §3.4.4.2) and the NTLMSSP_MESSAGE_SIGNATURE
 * (§2.2.2.9.2): `01000000` ‖ checksum(8) ‖ seqnum(4), checksum = HMAC_MD5(SigningKey, seqnum ‖
 * message)[0..7], RC4-encrypted when KEY_EXCH was negotiated. Connectionless (datagram) mode
 * re-keys RC4 for every message with MD5(SealingKey ‖ seqnum) (§3.4).
 */
import { timingSafeEqual } from 'node:crypto';
import { hasFlag, NtlmFlag } from './ntlm-flags.js';
import { hmacMd5 } from './ntlmv2-response.js';
import { Rc4 } from './rc4.js';
import { md5, type NtlmDirectionKeys } from './session-keys.js';

function seqBytes(seqNum: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(seqNum >>> 0);
  return out;
}

/**
 * The signature of `message` with a caller-held RC4 handle (connection-oriented use, where the
 * handle's stream continues from earlier sealing).
 */
export function macWithHandle(flags: number, signingKey: Buffer, handle: Rc4, seqNum: number, message: Buffer): Buffer {
  const seq = seqBytes(seqNum);
  let checksum = hmacMd5(signingKey, seq, message).subarray(0, 8);
  if (hasFlag(flags, NtlmFlag.KEY_EXCH)) checksum = handle.transform(checksum);
  return Buffer.concat([Buffer.from([1, 0, 0, 0]), checksum, seq]);
}

/** The connectionless signature: the RC4 handle is keyed afresh with MD5(SealingKey ‖ seqnum). */
export function connectionlessMac(flags: number, keys: NtlmDirectionKeys, seqNum: number, message: Buffer): Buffer {
  const handle = new Rc4(md5(keys.sealingKey, seqBytes(seqNum)));
  return macWithHandle(flags, keys.signingKey, handle, seqNum, message);
}

/** Whether `signature` is the connectionless signature of `message` under `keys`, in constant time. */
export function verifyConnectionlessMac(
  flags: number,
  keys: NtlmDirectionKeys,
  seqNum: number,
  message: Buffer,
  signature: Buffer,
): boolean {
  const expected = connectionlessMac(flags, keys, seqNum, message);
  return signature.length === expected.length && timingSafeEqual(signature, expected);
}
