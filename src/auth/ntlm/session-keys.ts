/**
 * SIGNKEY and SEALKEY with extended session security (MS-NLMP §3.4.5.2, §3.4.5.3): MD5 of the
 * exported session key (cut to 16, 7 or 5 bytes for sealing by NEGOTIATE_128 / NEGOTIATE_56) and a
 * magic constant per direction.
 */
import { createHash } from 'node:crypto';
import { hasFlag, NtlmFlag } from './ntlm-flags.js';

export type NtlmDirection = 'client-to-server' | 'server-to-client';

export interface NtlmDirectionKeys {
  readonly signingKey: Buffer;
  readonly sealingKey: Buffer;
}

export interface NtlmSessionKeys {
  readonly clientToServer: NtlmDirectionKeys;
  readonly serverToClient: NtlmDirectionKeys;
}

export function md5(...parts: Buffer[]): Buffer {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function magic(direction: NtlmDirection, use: 'signing' | 'sealing'): Buffer {
  return Buffer.from(`session key to ${direction} ${use} key magic constant\0`, 'latin1');
}

export function signKey(exportedSessionKey: Buffer, direction: NtlmDirection): Buffer {
  return md5(exportedSessionKey, magic(direction, 'signing'));
}

export function sealKey(flags: number, exportedSessionKey: Buffer, direction: NtlmDirection): Buffer {
  const length = hasFlag(flags, NtlmFlag.NEGOTIATE_128) ? 16 : hasFlag(flags, NtlmFlag.NEGOTIATE_56) ? 7 : 5;
  return md5(exportedSessionKey.subarray(0, length), magic(direction, 'sealing'));
}

export function deriveSessionKeys(flags: number, exportedSessionKey: Buffer): NtlmSessionKeys {
  const keys = (direction: NtlmDirection): NtlmDirectionKeys => ({
    signingKey: signKey(exportedSessionKey, direction),
    sealingKey: sealKey(flags, exportedSessionKey, direction),
  });
  return { clientToServer: keys('client-to-server'), serverToClient: keys('server-to-client') };
}
