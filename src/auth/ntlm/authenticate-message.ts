/**
 * AUTHENTICATE_MESSAGE (MS-NLMP §2.2.1.3), without a MIC (this client never sets MsvAvFlags).
 *
 * ```
 *  0 "NTLMSSP\0"  8 type=3  12 LmChallengeResponse  20 NtChallengeResponse  28 DomainName
 * 36 UserName    44 Workstation  52 EncryptedRandomSessionKey  60 NegotiateFlags  64 Version(8)
 * 72 payload: domain, user, workstation, LM response, NT response, session key
 * ```
 */
import {
  checkHeader,
  DEFAULT_NTLM_VERSION,
  encodeVersion,
  malformedNtlm,
  NTLM_SIGNATURE,
  readField,
  textEncoding,
  writeFieldDescriptor,
  type NtlmVersion,
} from './ntlm-fields.js';

export interface AuthenticateMessage {
  readonly flags: number;
  readonly lmChallengeResponse: Buffer;
  readonly ntChallengeResponse: Buffer;
  readonly domain: string;
  readonly user: string;
  readonly workstation: string;
  /** Empty when KEY_EXCH was not negotiated. */
  readonly encryptedRandomSessionKey: Buffer;
}

const HEAD_LENGTH = 72;

export function formatAuthenticateMessage(message: AuthenticateMessage, version: NtlmVersion = DEFAULT_NTLM_VERSION): Buffer {
  const text = (value: string): Buffer => Buffer.from(value, textEncoding(message.flags));
  const payload = [
    text(message.domain),
    text(message.user),
    text(message.workstation),
    message.lmChallengeResponse,
    message.ntChallengeResponse,
    message.encryptedRandomSessionKey,
  ];
  const head = Buffer.alloc(HEAD_LENGTH);
  NTLM_SIGNATURE.copy(head, 0);
  head.writeUInt32LE(3, 8);
  // Descriptor positions in the header, in the order of `payload`.
  const descriptorAt = [28, 36, 44, 12, 20, 52];
  let offset = HEAD_LENGTH;
  payload.forEach((part, index) => {
    writeFieldDescriptor(head, descriptorAt[index] ?? 0, part.length, offset);
    offset += part.length;
  });
  head.writeUInt32LE(message.flags >>> 0, 60);
  encodeVersion(version).copy(head, 64);
  return Buffer.concat([head, ...payload]);
}

export function parseAuthenticateMessage(bytes: Buffer): AuthenticateMessage {
  checkHeader(bytes, 3, 'AUTHENTICATE_MESSAGE');
  if (bytes.length < 64) throw malformedNtlm('AUTHENTICATE_MESSAGE is shorter than 64 bytes');
  const flags = bytes.readUInt32LE(60);
  const encoding = textEncoding(flags);
  return {
    flags,
    lmChallengeResponse: readField(bytes, 12, 'LmChallengeResponse'),
    ntChallengeResponse: readField(bytes, 20, 'NtChallengeResponse'),
    domain: readField(bytes, 28, 'DomainName').toString(encoding),
    user: readField(bytes, 36, 'UserName').toString(encoding),
    workstation: readField(bytes, 44, 'Workstation').toString(encoding),
    encryptedRandomSessionKey: readField(bytes, 52, 'EncryptedRandomSessionKey'),
  };
}
