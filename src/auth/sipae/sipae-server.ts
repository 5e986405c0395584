/**
 * The server side of MS-SIPAE over NTLM for one connection (what a Lync front end does; the lab
 * focus uses it): challenges, runs the NTLM handshake on REGISTER, then requires a valid client
 * signature on every request and signs everything it sends (brief §3.3–3.6; MS-SIPAE 3.3).
 *
 * ```
 * inbound(request) → pass | answer (401 / 403 to send back) | drop
 * outbound(message) → adds Authentication-Info (rspauth, srand, snum) once the SA is up
 * ```
 */
import { randomBytes } from 'node:crypto';
import { createResponse, isRequest, newTag, type SipMessage, type SipRequest, type SipResponse } from '../../sip/index.js';
import type { Clock } from '../../util/index.js';
import {
  createNtlmChallenge,
  verifyNtlmAuthenticate,
  type ChallengeMessage,
  type NtlmPasswordLookup,
  type NtlmSecurityContext,
} from '../ntlm/index.js';
import { CHALLENGE_HEADER, CREDENTIALS_HEADER, findSipaeLine, INFO_HEADER, randomSalt, removeSipaeLines } from './sipae-headers.js';
import { formatSipaeAuthenticationInfo, formatSipaeChallenge, type SipaeParams } from './sipae-params.js';
import { signSipaeMessage, verifySipaeMessage, type SipaeSignedFields } from './sipae-signature.js';

export const SIPAE_DEFAULT_REALM = 'SIP Communications Service';

export interface SipaeServerOptions {
  /** @default 'SIP Communications Service' */
  readonly realm?: string;
  /** The server FQDN. */
  readonly targetname: string;
  /** 3 or 4. @default 4 */
  readonly version?: number;
  /** NTLM target information. */
  readonly netbiosDomain: string;
  readonly netbiosComputer: string;
  readonly passwordOf: NtlmPasswordLookup;
  /**
   * Whether the authenticated user may send `request` (e.g. register that AOR): a refusal reason,
   * answered with 403, or undefined.
   */
  readonly refuseUser?: (user: string, domain: string, request: SipRequest) => string | undefined;
  readonly clock: Clock;
  /** @default crypto.randomBytes */
  readonly random?: (size: number) => Buffer;
}

export type SipaeInboundVerdict =
  | { readonly kind: 'pass' }
  | { readonly kind: 'answer'; readonly response: SipResponse; readonly reason: string }
  | { readonly kind: 'drop'; readonly reason: string };

interface EstablishedSa {
  readonly opaque: string;
  readonly context: NtlmSecurityContext;
  readonly user: string;
  readonly domain: string;
}

export class SipaeServerSession {
  readonly realm: string;
  readonly targetname: string;
  readonly version: number;
  readonly #options: SipaeServerOptions;
  readonly #random: (size: number) => Buffer;
  /** opaque → the CHALLENGE_MESSAGE issued under it (one pending handshake at a time is usual). */
  readonly #pending = new Map<string, ChallengeMessage>();
  #sa: EstablishedSa | undefined;
  #snum = 0;

  constructor(options: SipaeServerOptions) {
    this.#options = options;
    this.realm = options.realm ?? SIPAE_DEFAULT_REALM;
    this.targetname = options.targetname;
    this.version = options.version ?? 4;
    this.#random = options.random ?? randomBytes;
  }

  /** The authenticated user once the SA is up. */
  get user(): string | undefined {
    return this.#sa?.user;
  }

  /** The last `snum` used. */
  get snum(): number {
    return this.#snum;
  }

  /** Decides what to do with a message that arrived on the connection. */
  inbound(message: SipMessage): SipaeInboundVerdict {
    // Responses from the client are not signed; ACK and CANCEL are never challenged (brief §3.3).
    if (!isRequest(message)) return { kind: 'pass' };
    const method = message.method.toUpperCase();
    if (method === 'ACK' || method === 'CANCEL') return { kind: 'pass' };
    const credentials = findSipaeLine(message, CREDENTIALS_HEADER)?.params;
    const register = method === 'REGISTER';

    if (credentials?.gssapiData !== undefined && register) return this.#handshake(message, credentials);
    if (credentials?.response !== undefined && this.#sa !== undefined && credentials.opaque === this.#sa.opaque) {
      if (this.#verifyClient(message, credentials, this.#sa.context)) return { kind: 'pass' };
      return this.#challenge(message, `bad signature on ${method} (cnum ${credentials.cnum ?? '?'})`);
    }
    return this.#challenge(message, this.#sa === undefined ? 'no security association' : `unsigned ${method}`);
  }

  /** Signs a message this side sends (in place) once the SA is up. */
  outbound(message: SipMessage): void {
    const sa = this.#sa;
    if (sa === undefined) return;
    this.#snum += 1;
    const srand = randomSalt(this.#random);
    const snum = String(this.#snum);
    const rspauth = signSipaeMessage(sa.context, message, this.#signedFields(srand, snum)).toString('hex').toUpperCase();
    removeSipaeLines(message, INFO_HEADER);
    message.headers.append(
      INFO_HEADER.www,
      formatSipaeAuthenticationInfo({ scheme: 'NTLM', rspauth, srand, snum, opaque: sa.opaque, qop: 'auth', targetname: this.targetname, realm: this.realm }),
    );
  }

  #handshake(request: SipRequest, credentials: SipaeParams): SipaeInboundVerdict {
    const token = credentials.gssapiData ?? '';
    if (token === '') {
      const opaque = randomSalt(this.#random);
      const { message, challenge } = createNtlmChallenge({
        netbiosDomain: this.#options.netbiosDomain,
        netbiosComputer: this.#options.netbiosComputer,
        dnsComputer: this.targetname,
        clock: this.#options.clock,
        random: this.#random,
      });
      this.#pending.clear();
      this.#pending.set(opaque, challenge);
      return this.#answer(request, 401, 'NTLM challenge', {
        scheme: 'NTLM',
        opaque,
        gssapiData: message.toString('base64'),
        realm: this.realm,
        targetname: this.targetname,
        version: this.version,
      });
    }
    const challenge = credentials.opaque === undefined ? undefined : this.#pending.get(credentials.opaque);
    if (challenge === undefined || credentials.opaque === undefined) {
      return this.#challenge(request, 'AUTHENTICATE for an unknown opaque');
    }
    this.#pending.delete(credentials.opaque);
    const verdict = verifyNtlmAuthenticate(challenge, Buffer.from(token, 'base64'), this.#options.passwordOf);
    if (!verdict.ok) return this.#challenge(request, verdict.detail);
    if (credentials.response !== undefined && !this.#verifyClient(request, credentials, verdict.context)) {
      return this.#challenge(request, `bad signature on the REGISTER carrying the AUTHENTICATE of "${verdict.user}"`);
    }
    const refusal = this.#options.refuseUser?.(verdict.user, verdict.domain, request);
    if (refusal !== undefined) {
      return {
        kind: 'answer',
        reason: refusal,
        response: createResponse(request, 403, undefined, { toTag: newTag(), headers: [['Warning', `399 ${this.targetname} "${refusal}"`]] }),
      };
    }
    this.#sa = { opaque: credentials.opaque, context: verdict.context, user: verdict.user, domain: verdict.domain };
    return { kind: 'pass' };
  }

  #verifyClient(request: SipRequest, credentials: SipaeParams, context: NtlmSecurityContext): boolean {
    const { crand, cnum, response } = credentials;
    if (crand === undefined || cnum === undefined || response === undefined) return false;
    return verifySipaeMessage(context, request, this.#signedFields(crand, cnum), response);
  }

  #signedFields(rand: string, num: string): SipaeSignedFields {
    return { rand, num, realm: this.realm, targetname: this.targetname, version: this.version };
  }

  /** A 401 with the first (scheme-offering) challenge. */
  #challenge(request: SipRequest, reason: string): SipaeInboundVerdict {
    return this.#answer(request, 401, reason, { scheme: 'NTLM', realm: this.realm, targetname: this.targetname, version: this.version });
  }

  #answer(request: SipRequest, status: number, reason: string, challenge: SipaeParams): SipaeInboundVerdict {
    const response = createResponse(request, status, undefined, {
      toTag: newTag(),
      headers: [
        ['Date', new Date(this.#options.clock.now()).toUTCString()],
        [CHALLENGE_HEADER.www, formatSipaeChallenge(challenge)],
      ],
    });
    return { kind: 'answer', response, reason };
  }
}
