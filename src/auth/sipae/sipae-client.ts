/**
 * The client side of an MS-SIPAE security association over NTLM (brief §3.3–3.8; MS-SIPAE 3.2).
 *
 * ```
 * REGISTER ──401 NTLM realm,targetname,version──► acceptChallenge → negotiate
 * REGISTER gssapi-data="" ──401 opaque + CHALLENGE──► acceptChallenge → authenticate
 * REGISTER opaque, gssapi-data=AUTHENTICATE (signed with version ≥ 4) ──200 signed──► established
 * then every request: crand, cnum, response; every server message: rspauth verified (verifyIncoming)
 * ```
 *
 * `prepareRequest` is called on every request as it leaves on the connection and writes the
 * header the current state calls for; `acceptChallenge` learns from a 401/407; `verifyIncoming`
 * checks what arrives. A refused AUTHENTICATE throws `FH_AUTH` naming the user: never retried.
 */
import { randomBytes } from 'node:crypto';
import { FocusHarnessError } from '../../errors.js';
import { isRequest, isResponse, getCSeq, type SipMessage, type SipRequest, type SipResponse } from '../../sip/index.js';
import type { Clock } from '../../util/index.js';
import {
  createNtlmAuthenticate,
  parseChallengeMessage,
  type NtlmCredentials,
  type NtlmSecurityContext,
} from '../ntlm/index.js';
import {
  CHALLENGE_HEADER,
  CREDENTIALS_HEADER,
  findSipaeLine,
  INFO_HEADER,
  randomSalt,
  removeSipaeLines,
  type SipaeHeaderSet,
} from './sipae-headers.js';
import { formatSipaeCredentials, type SipaeParams } from './sipae-params.js';
import { signSipaeMessage, verifySipaeMessage, type SipaeSignedFields } from './sipae-signature.js';

export interface SipaeClientOptions {
  readonly credentials: NtlmCredentials;
  /** The NTLMv2 timestamp. */
  readonly clock: Clock;
  /** @default crypto.randomBytes */
  readonly random?: (size: number) => Buffer;
}

/** The SA's identity as the server named it. */
interface SaIdentity {
  readonly realm: string;
  readonly targetname: string;
  /** The version the server advertised; signing follows it (2 when none). */
  readonly version: number;
  /** Whether the server named a version: only then is `version=` repeated (as SIPE does). */
  readonly versionGiven: boolean;
  readonly set: SipaeHeaderSet;
}

type ClientState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'negotiate'; readonly sa: SaIdentity }
  | { readonly kind: 'authenticate'; readonly sa: SaIdentity; readonly opaque: string; readonly token: string; readonly context: NtlmSecurityContext }
  | { readonly kind: 'established'; readonly sa: SaIdentity; readonly opaque: string; readonly context: NtlmSecurityContext };

export type SipaeIncomingVerdict =
  | { readonly ok: true; readonly signed: boolean }
  | {
    readonly ok: false;
    readonly reason: 'unsigned' | 'bad-signature';
    readonly detail: string;
    /** The signature that did not verify, as `rspauth … (snum …)`, when there was one. */
    readonly signature?: string;
  };

export class SipaeClient {
  readonly #credentials: NtlmCredentials;
  readonly #clock: Clock;
  readonly #random: (size: number) => Buffer;
  #state: ClientState = { kind: 'idle' };
  #cnum = 0;

  constructor(options: SipaeClientOptions) {
    this.#credentials = options.credentials;
    this.#clock = options.clock;
    this.#random = options.random ?? randomBytes;
  }

  /** `DOMAIN\user` or `user`, as the server will see it. */
  get userLabel(): string {
    const { user, domain } = this.#credentials;
    return domain === '' ? user : `${domain}\\${user}`;
  }

  /** Whether the SA is up (the server's signature on the final REGISTER response was verified). */
  get established(): boolean {
    return this.#state.kind === 'established';
  }

  /** The last `cnum` used. */
  get cnum(): number {
    return this.#cnum;
  }

  /** Whether `response` is a 401/407 carrying an NTLM challenge. */
  static isChallenge(response: SipResponse): boolean {
    return (response.status === 401 || response.status === 407) && findSipaeLine(response, CHALLENGE_HEADER) !== undefined;
  }

  /**
   * Learns an NTLM challenge that answered `request`.
   *
   * @throws `FH_AUTH` when `request` carried our AUTHENTICATE and the server starts over (the
   * credentials were refused), when it does not continue after our empty token, or when it offers
   * no NTLM at all.
   */
  acceptChallenge(request: SipRequest, response: SipResponse): void {
    const found = findSipaeLine(response, CHALLENGE_HEADER);
    if (found === undefined) {
      const offered = [CHALLENGE_HEADER.www, CHALLENGE_HEADER.proxy].flatMap((name) => response.headers.getAll(name))
        .map((l) => l.trim().split(/\s/)[0]).join(', ') || 'none';
      throw new FocusHarnessError(
        'FH_AUTH',
        `${response.status} ${response.reason} to ${request.method} offers no NTLM challenge (offered: ${offered}); `
          + `user "${this.userLabel}" cannot authenticate with NTLM`,
      );
    }
    const { params, set } = found;
    const sa: SaIdentity = {
      realm: params.realm ?? '',
      targetname: params.targetname ?? '',
      version: params.version ?? 2,
      versionGiven: params.version !== undefined,
      set,
    };
    const sent = findSipaeLine(request, CREDENTIALS_HEADER)?.params;
    const sentToken = sent?.gssapiData;
    if (params.gssapiData === undefined || params.gssapiData === '') {
      if (sentToken !== undefined && sentToken !== '') {
        this.#state = { kind: 'idle' };
        throw new FocusHarnessError(
          'FH_AUTH',
          `NTLM credentials of user "${this.userLabel}" were refused by "${sa.targetname}" (realm "${sa.realm}"; `
            + `${response.status} ${response.reason} to ${request.method} ${request.uri}): check the username, domain and password; not retrying`,
        );
      }
      if (sentToken === '') {
        this.#state = { kind: 'idle' };
        throw new FocusHarnessError(
          'FH_AUTH',
          `"${sa.targetname}" did not continue the NTLM handshake of user "${this.userLabel}" `
            + `(${response.status} ${response.reason} without a CHALLENGE to our empty token)`,
        );
      }
      this.#state = { kind: 'negotiate', sa };
      return;
    }
    if (params.opaque === undefined) {
      throw new FocusHarnessError('FH_AUTH', `NTLM challenge from "${sa.targetname}" carries a token but no opaque SA id`);
    }
    const challenge = parseChallengeMessage(Buffer.from(params.gssapiData, 'base64'));
    const result = createNtlmAuthenticate(challenge, this.#credentials, { clock: this.#clock, random: this.#random });
    this.#state = {
      kind: 'authenticate',
      sa,
      opaque: params.opaque,
      token: result.message.toString('base64'),
      context: result.context,
    };
  }

  /**
   * Writes the MS-SIPAE credentials the state calls for on `request` (in place): the empty or
   * AUTHENTICATE token on a REGISTER during the handshake, a signature once the SA is up.
   */
  prepareRequest(request: SipRequest): void {
    const state = this.#state;
    if (state.kind === 'idle') return;
    // During the handshake only a REGISTER carries credentials.
    if (state.kind !== 'established' && request.method.toUpperCase() !== 'REGISTER') return;
    const base: SipaeParams = { scheme: 'NTLM', qop: 'auth', realm: state.sa.realm, targetname: state.sa.targetname };
    const version = state.sa.versionGiven ? { version: state.sa.version } : {};
    let params: SipaeParams;
    if (state.kind === 'negotiate') {
      params = { ...base, ...version, gssapiData: '' };
    } else if (state.kind === 'authenticate') {
      const unsigned: SipaeParams = { ...base, opaque: state.opaque, ...version, gssapiData: state.token };
      // Version 4: the REGISTER carrying the AUTHENTICATE is already signed (brief §3.4 step 5).
      params = state.sa.version >= 4 ? this.#signed(request, unsigned, state) : unsigned;
    } else {
      params = this.#signed(request, { ...base, opaque: state.opaque }, state);
    }
    removeSipaeLines(request, CREDENTIALS_HEADER);
    request.headers.append(CREDENTIALS_HEADER[state.sa.set], formatSipaeCredentials(params));
  }

  /**
   * Checks a message from the server (brief §3.8): a signed one must verify with the server keys;
   * once the SA is up an unsigned one is acceptable only as a 1xx, a 401/407 or a REGISTER
   * response. A verified 2xx to REGISTER completes the handshake.
   */
  verifyIncoming(message: SipMessage): SipaeIncomingVerdict {
    const state = this.#state;
    if (state.kind !== 'authenticate' && state.kind !== 'established') return { ok: true, signed: false };
    const info = findSipaeLine(message, INFO_HEADER)?.params;
    if (info === undefined) {
      const registerResponse = isResponse(message) && getCSeq(message).method.toUpperCase() === 'REGISTER';
      if (isResponse(message) && (message.status < 200 || message.status === 401 || message.status === 407 || registerResponse)) {
        return { ok: true, signed: false };
      }
      if (state.kind === 'authenticate') return { ok: true, signed: false };
      return { ok: false, reason: 'unsigned', detail: `${describe(message)} carries no NTLM signature although the SA is up` };
    }
    const { rspauth, srand, snum } = info;
    if (rspauth === undefined || srand === undefined || snum === undefined) {
      return { ok: false, reason: 'bad-signature', detail: `${describe(message)}: Authentication-Info lacks rspauth, srand or snum` };
    }
    if (!verifySipaeMessage(state.context, message, signedFields(state.sa, srand, snum), rspauth)) {
      const signature = `rspauth ${rspauth} (snum ${snum})`;
      return { ok: false, reason: 'bad-signature', detail: `${describe(message)}: ${signature} does not verify with the server's NTLM key`, signature };
    }
    if (state.kind === 'authenticate' && isResponse(message) && message.status >= 200 && message.status < 300
      && getCSeq(message).method.toUpperCase() === 'REGISTER') {
      this.#state = { kind: 'established', sa: state.sa, opaque: state.opaque, context: state.context };
    }
    return { ok: true, signed: true };
  }

  /** Drops the SA (the connection went away). */
  forget(): void {
    this.#state = { kind: 'idle' };
  }

  #signed(request: SipRequest, params: SipaeParams, state: { sa: SaIdentity; context: NtlmSecurityContext }): SipaeParams {
    this.#cnum += 1;
    const crand = randomSalt(this.#random);
    const cnum = String(this.#cnum);
    const response = signSipaeMessage(state.context, request, signedFields(state.sa, crand, cnum)).toString('hex');
    return { ...params, crand, cnum, response };
  }
}

function signedFields(sa: SaIdentity, rand: string, num: string): SipaeSignedFields {
  return { rand, num, realm: sa.realm, targetname: sa.targetname, version: sa.version };
}

function describe(message: SipMessage): string {
  if (isRequest(message)) return `${message.method} ${message.uri}`;
  const cseq = getCSeq(message);
  return `${message.status} ${message.reason} to ${cseq.method}`;
}
