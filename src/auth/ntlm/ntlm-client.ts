/**
 * The client side of connectionless NTLMv2 with extended session security: CHALLENGE_MESSAGE in,
 * AUTHENTICATE_MESSAGE and a security context out (MS-NLMP §3.1.5.1.2, §3.3.2).
 */
import { randomBytes } from 'node:crypto';
import { FocusHarnessError } from '../../errors.js';
import type { Clock } from '../../util/index.js';
import { formatAuthenticateMessage } from './authenticate-message.js';
import type { ChallengeMessage } from './challenge-message.js';
import { hasFlag, negotiateClientFlags, NtlmFlag } from './ntlm-flags.js';
import { DEFAULT_NTLM_VERSION, type NtlmVersion } from './ntlm-fields.js';
import { computeNtlmV2Response, exportSessionKey, fileTime, ntowfV2 } from './ntlmv2-response.js';
import { NtlmSecurityContext } from './security-context.js';
import { deriveSessionKeys } from './session-keys.js';

export interface NtlmCredentials {
  readonly user: string;
  /** The user's domain (NetBIOS or DNS form); empty for a local account. */
  readonly domain: string;
  readonly password: string;
  /** @default '' */
  readonly workstation?: string;
}

export interface NtlmAuthenticateOptions {
  /** Time for the NTLMv2 timestamp. */
  readonly clock: Clock;
  /** Random bytes for the client challenge (8) and the exported session key (16). @default crypto.randomBytes */
  readonly random?: (size: number) => Buffer;
  /** @default the flags both sides support (negotiateClientFlags) */
  readonly flags?: number;
  readonly version?: NtlmVersion;
}

export interface NtlmAuthenticateResult {
  /** The AUTHENTICATE_MESSAGE bytes. */
  readonly message: Buffer;
  readonly context: NtlmSecurityContext;
  readonly ntProofStr: Buffer;
  readonly sessionBaseKey: Buffer;
  readonly exportedSessionKey: Buffer;
}

/**
 * Answers `challenge` for `credentials`.
 *
 * @throws `FH_AUTH` when the server did not offer NTLMv2 with extended session security (the only
 * session security implemented here).
 */
export function createNtlmAuthenticate(
  challenge: ChallengeMessage,
  credentials: NtlmCredentials,
  options: NtlmAuthenticateOptions,
): NtlmAuthenticateResult {
  const flags = options.flags ?? negotiateClientFlags(challenge.flags);
  if (!hasFlag(flags, NtlmFlag.EXTENDED_SESSIONSECURITY)) {
    throw new FocusHarnessError(
      'FH_AUTH',
      `The NTLM server does not offer extended session security (flags 0x${challenge.flags.toString(16)}); `
        + `user "${credentials.user}" cannot authenticate with this harness`,
    );
  }
  const random = options.random ?? randomBytes;
  const clientChallenge = random(8);
  const responseKey = ntowfV2(credentials.password, credentials.user, credentials.domain);
  const response = computeNtlmV2Response({
    responseKey,
    serverChallenge: challenge.serverChallenge,
    clientChallenge,
    time: fileTime(options.clock.now()),
    targetInfo: challenge.targetInfo,
  });
  const { exportedSessionKey, encryptedRandomSessionKey } = exportSessionKey(flags, response.sessionBaseKey, random(16));
  const message = formatAuthenticateMessage(
    {
      flags,
      lmChallengeResponse: response.lmChallengeResponse,
      ntChallengeResponse: response.ntChallengeResponse,
      domain: credentials.domain,
      user: credentials.user,
      workstation: credentials.workstation ?? '',
      encryptedRandomSessionKey,
    },
    options.version ?? DEFAULT_NTLM_VERSION,
  );
  return {
    message,
    context: new NtlmSecurityContext('client', flags, deriveSessionKeys(flags, exportedSessionKey)),
    ntProofStr: response.ntProofStr,
    sessionBaseKey: response.sessionBaseKey,
    exportedSessionKey,
  };
}
