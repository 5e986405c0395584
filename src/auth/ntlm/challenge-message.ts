/**
 * CHALLENGE_MESSAGE (MS-NLMP §2.2.1.2): the server's flags, 8-byte challenge and target info.
 *
 * ```
 *  0 "NTLMSSP\0"   8 type=2   12 TargetNameFields   20 NegotiateFlags   24 ServerChallenge(8)
 * 32 Reserved(8)  40 TargetInfoFields   48 Version(8, with NEGOTIATE_VERSION)   56 payload
 * ```
 */
import {
  checkHeader,
  encodeVersion,
  malformedNtlm,
  NTLM_SIGNATURE,
  readField,
  textEncoding,
  unicode,
  writeFieldDescriptor,
  type NtlmVersion,
} from './ntlm-fields.js';

export interface ChallengeMessage {
  readonly flags: number;
  readonly serverChallenge: Buffer;
  /** Decoded as UTF-16LE (Unicode negotiated) or latin1. */
  readonly targetName: string;
  /** The raw AV_PAIR list, EOL included, exactly as sent (the NTLMv2 response covers these bytes). */
  readonly targetInfo: Buffer;
}

export function parseChallengeMessage(message: Buffer): ChallengeMessage {
  checkHeader(message, 2, 'CHALLENGE_MESSAGE');
  if (message.length < 32) throw malformedNtlm('CHALLENGE_MESSAGE is shorter than 32 bytes');
  const flags = message.readUInt32LE(20);
  const nameBytes = readField(message, 12, 'TargetName');
  const targetInfo = message.length >= 48 ? readField(message, 40, 'TargetInfo') : Buffer.alloc(0);
  return {
    flags,
    serverChallenge: Buffer.from(message.subarray(24, 32)),
    targetName: nameBytes.toString(textEncoding(flags)),
    targetInfo,
  };
}

export interface ChallengeMessageInput {
  readonly flags: number;
  readonly serverChallenge: Buffer;
  readonly targetName: string;
  readonly targetInfo: Buffer;
  readonly version?: NtlmVersion;
}

export function formatChallengeMessage(input: ChallengeMessageInput): Buffer {
  const name = unicode(input.targetName);
  const head = Buffer.alloc(56);
  NTLM_SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  writeFieldDescriptor(head, 12, name.length, 56);
  head.writeUInt32LE(input.flags >>> 0, 20);
  input.serverChallenge.copy(head, 24, 0, 8);
  writeFieldDescriptor(head, 40, input.targetInfo.length, 56 + name.length);
  if (input.version !== undefined) encodeVersion(input.version).copy(head, 48);
  return Buffer.concat([head, name, input.targetInfo]);
}
