/**
 * Applies the lab's {@link SipaeSigning} decision to a request the MS-SIPAE session has just signed
 * (the `corrupt-sipae-signature` and `unsigned-after-sa` faults; a correct lab leaves it alone).
 */
import type { SipMessage } from '../sip/index.js';
import type { SipaeSigning } from './lab-policy.js';

const INFO_HEADER = 'Authentication-Info';

/**
 * `corrupt`: flips the first checksum byte of `rspauth` (after the 4-byte version), so the
 * signature no longer verifies; `unsigned`: removes the Authentication-Info line.
 */
export function applySipaeSigning(message: SipMessage, signing: SipaeSigning): void {
  if (signing === 'signed') return;
  if (signing === 'unsigned') {
    message.headers.delete(INFO_HEADER);
    return;
  }
  const info = message.headers.get(INFO_HEADER);
  if (info === undefined) return;
  message.headers.set(INFO_HEADER, info.replace(/(rspauth="[0-9a-f]{8})([0-9a-f]{2})/i, (_m, head: string, byte: string) => `${head}${flipByte(byte)}`));
}

function flipByte(hex: string): string {
  return (Number.parseInt(hex, 16) ^ 0xff).toString(16).padStart(2, '0').toUpperCase();
}
