/**
 * The server side of connectionless NTLMv2: issues a CHALLENGE_MESSAGE and checks the
 * AUTHENTICATE_MESSAGE that answers it against the user's password, deriving the same session keys
 * as the client (MS-NLMP §3.2.5.1.2, §3.3.2). Stands in for the domain controller of a real front end.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { FocusHarnessError } from '../../errors.js';
import type { Clock } from '../../util/index.js';
import { parseAuthenticateMessage, type AuthenticateMessage } from './authenticate-message.js';
import { AvId, encodeAvPairs, textAvPair, type AvPair } from './av-pairs.js';
import { formatChallengeMessage, type ChallengeMessage } from './challenge-message.js';
import { hasFlag, NtlmFlag } from './ntlm-flags.js';
import { DEFAULT_NTLM_VERSION } from './ntlm-fields.js';
import { fileTime, hmacMd5, ntowfV2 } from './ntlmv2-response.js';
import { rc4 } from './rc4.js';
import { NtlmSecurityContext } from './security-context.js';
import { deriveSessionKeys } from './session-keys.js';

/** What a SIP front end offers: Unicode, sign/seal, datagram, NTLMv2 with ESS, 128-bit, key exchange. */
export const SERVER_CHALLENGE_FLAGS = (
  NtlmFlag.UNICODE | NtlmFlag.SIGN | NtlmFlag.SEAL | NtlmFlag.DATAGRAM | NtlmFlag.NTLM | NtlmFlag.ALWAYS_SIGN
  | NtlmFlag.TARGET_TYPE_DOMAIN | NtlmFlag.EXTENDED_SESSIONSECURITY | NtlmFlag.TARGET_INFO | NtlmFlag.VERSION
  | NtlmFlag.NEGOTIATE_128 | NtlmFlag.KEY_EXCH | NtlmFlag.NEGOTIATE_56
) >>> 0;

export interface NtlmChallengeOptions {
  /** NetBIOS domain name: the TargetName and MsvAvNbDomainName. */
  readonly netbiosDomain: string;
  readonly netbiosComputer: string;
  readonly dnsDomain?: string;
  readonly dnsComputer?: string;
  /** Adds MsvAvTimestamp when given. */
  readonly clock?: Clock;
  /** @default crypto.randomBytes */
  readonly random?: (size: number) => Buffer;
  /** @default SERVER_CHALLENGE_FLAGS */
  readonly flags?: number;
}

/** A fresh challenge: the bytes to send and their parsed form to verify the answer against. */
export function createNtlmChallenge(options: NtlmChallengeOptions): { message: Buffer; challenge: ChallengeMessage } {
  const pairs: AvPair[] = [
    textAvPair(AvId.NB_DOMAIN_NAME, options.netbiosDomain),
    textAvPair(AvId.NB_COMPUTER_NAME, options.netbiosComputer),
  ];
  if (options.dnsDomain !== undefined) pairs.push(textAvPair(AvId.DNS_DOMAIN_NAME, options.dnsDomain));
  if (options.dnsComputer !== undefined) pairs.push(textAvPair(AvId.DNS_COMPUTER_NAME, options.dnsComputer));
  if (options.clock !== undefined) pairs.push({ id: AvId.TIMESTAMP, value: fileTime(options.clock.now()) });
  const challenge: ChallengeMessage = {
    flags: options.flags ?? SERVER_CHALLENGE_FLAGS,
    serverChallenge: (options.random ?? randomBytes)(8),
    targetName: options.netbiosDomain,
    targetInfo: encodeAvPairs(pairs),
  };
  return { message: formatChallengeMessage({ ...challenge, version: DEFAULT_NTLM_VERSION }), challenge };
}

export type NtlmRefusalReason = 'malformed' | 'unknown-user' | 'wrong-password' | 'no-session-security';

export type NtlmVerdict =
  | { readonly ok: true; readonly user: string; readonly domain: string; readonly context: NtlmSecurityContext; readonly exportedSessionKey: Buffer }
  | { readonly ok: false; readonly reason: NtlmRefusalReason; readonly detail: string; readonly user?: string };

/** Looks up the password of a user as named in the AUTHENTICATE_MESSAGE. */
export type NtlmPasswordLookup = (user: string, domain: string) => string | undefined;

/** Checks `authenticate` (bytes) against the `challenge` this server issued. */
export function verifyNtlmAuthenticate(
  challenge: ChallengeMessage,
  authenticate: Buffer,
  passwordOf: NtlmPasswordLookup,
): NtlmVerdict {
  let message: AuthenticateMessage;
  try {
    message = parseAuthenticateMessage(authenticate);
  } catch (error) {
    if (error instanceof FocusHarnessError) return { ok: false, reason: 'malformed', detail: error.message };
    throw error;
  }
  const who = message.domain === '' ? message.user : `${message.domain}\\${message.user}`;
  if (message.ntChallengeResponse.length <= 24) {
    return { ok: false, reason: 'malformed', detail: `user "${who}" did not send an NTLMv2 response`, user: message.user };
  }
  if (!hasFlag(message.flags, NtlmFlag.EXTENDED_SESSIONSECURITY)) {
    return { ok: false, reason: 'no-session-security', detail: `user "${who}" did not negotiate extended session security`, user: message.user };
  }
  const password = passwordOf(message.user, message.domain);
  if (password === undefined) return { ok: false, reason: 'unknown-user', detail: `unknown user "${who}"`, user: message.user };

  const responseKey = ntowfV2(password, message.user, message.domain);
  const ntProofStr = message.ntChallengeResponse.subarray(0, 16);
  const temp = message.ntChallengeResponse.subarray(16);
  const expected = hmacMd5(responseKey, challenge.serverChallenge, temp);
  if (!timingSafeEqual(expected, ntProofStr)) {
    return { ok: false, reason: 'wrong-password', detail: `wrong password for user "${who}"`, user: message.user };
  }
  const sessionBaseKey = hmacMd5(responseKey, ntProofStr);
  let exportedSessionKey = sessionBaseKey;
  if (hasFlag(message.flags, NtlmFlag.KEY_EXCH)) {
    if (message.encryptedRandomSessionKey.length !== 16) {
      return { ok: false, reason: 'malformed', detail: `user "${who}" negotiated key exchange but sent no session key`, user: message.user };
    }
    exportedSessionKey = rc4(sessionBaseKey, message.encryptedRandomSessionKey);
  }
  return {
    ok: true,
    user: message.user,
    domain: message.domain,
    exportedSessionKey,
    context: new NtlmSecurityContext('server', message.flags, deriveSessionKeys(message.flags, exportedSessionKey)),
  };
}
