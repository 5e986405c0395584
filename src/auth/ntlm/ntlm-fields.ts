/**
 * Shared pieces of the NTLM message layouts (MS-NLMP §2.2): the signature, the
 * (length, maxLength, offset) field descriptors, the VERSION structure and UTF-16LE text.
 */
import { FocusHarnessError } from '../../errors.js';
import { hasFlag, NtlmFlag } from './ntlm-flags.js';

export const NTLM_SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

/** A payload field descriptor: `len` (u16), `maxLen` (u16), `offset` (u32). */
export function writeFieldDescriptor(out: Buffer, at: number, length: number, offset: number): void {
  out.writeUInt16LE(length, at);
  out.writeUInt16LE(length, at + 2);
  out.writeUInt32LE(offset, at + 4);
}

/** The bytes a field descriptor at `at` points to; `FH_AUTH` when they lie outside `message`. */
export function readField(message: Buffer, at: number, what: string): Buffer {
  if (at + 8 > message.length) throw malformedNtlm(`${what} descriptor is past the end`);
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  if (length === 0) return Buffer.alloc(0);
  if (offset + length > message.length) throw malformedNtlm(`${what} (${length} bytes at ${offset}) is past the end`);
  return Buffer.from(message.subarray(offset, offset + length));
}

/** Checks the signature and message type. */
export function checkHeader(message: Buffer, type: number, name: string): void {
  if (message.length < 12 || !message.subarray(0, 8).equals(NTLM_SIGNATURE)) {
    throw malformedNtlm(`${name} does not start with NTLMSSP\\0`);
  }
  const found = message.readUInt32LE(8);
  if (found !== type) throw malformedNtlm(`expected ${name} (type ${type}), got message type ${found}`);
}

/** UTF-16LE bytes of `text` (MS-NLMP "UNICODE()"). */
export function unicode(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/** How a message's text fields are encoded: UTF-16LE when NEGOTIATE_UNICODE is set, else OEM (latin1). */
export function textEncoding(flags: number): 'utf16le' | 'latin1' {
  return hasFlag(flags, NtlmFlag.UNICODE) ? 'utf16le' : 'latin1';
}

/** MS-NLMP §2.2.2.10 VERSION: product major/minor, build, 3 reserved bytes, NTLM revision 15. */
export interface NtlmVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
}

export const DEFAULT_NTLM_VERSION: NtlmVersion = { major: 10, minor: 0, build: 17763 };

export function encodeVersion(version: NtlmVersion): Buffer {
  const out = Buffer.alloc(8);
  out[0] = version.major;
  out[1] = version.minor;
  out.writeUInt16LE(version.build, 2);
  out[7] = 0x0f;
  return out;
}

export function malformedNtlm(why: string): FocusHarnessError {
  return new FocusHarnessError('FH_AUTH', `Malformed NTLM message: ${why}`);
}
