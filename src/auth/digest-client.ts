/**
 * The UAC side of Digest (RFC 3261 §22.2–§22.3, RFC 7616 §3.4): answers 401/407, reuses
 * nonces with a rising `nc`, re-answers a `stale=true` challenge, and reports refused
 * credentials instead of retrying forever.
 *
 * ```
 *  request ──401/407──► acceptChallenge ──► cache {realm → challenge, nc}
 *     ▲                        │ refused (our nc=1 credentials, new challenge not stale) → FH_AUTH
 *     └──── retry / authorize ◄┘ (nc + 1 for every request using the cached nonce)
 * ```
 */
import { randomBytes } from 'node:crypto';
import { FocusHarnessError } from '../errors.js';
import { createRequest, type SipRequest, type SipResponse } from '../sip/index.js';
import { digestAlgorithmStrength } from './digest-algorithm.js';
import { formatDigestAuthorization, parseDigestAuthorization, type DigestAuthorization } from './digest-authorization.js';
import { parseDigestChallenge, type DigestChallenge } from './digest-challenge.js';
import { computeDigestResponse, hashDigestUsername } from './compute-digest-response.js';
import type { DigestCredentials } from './digest-credentials.js';
import { challengeHeaderOf, credentialsHeaderOf, type DigestHeaderName } from './digest-header-name.js';
import type { DigestClientOptions } from './digest-client-options.js';
import { nextAttempt } from './next-attempt.js';

/** The parts of a request that the digest covers (RFC 3261 §22.4: the Request-URI is the digest-uri). */
export interface DigestRequestTarget {
  readonly method: string;
  readonly uri: string;
  /** Hashed only for `qop=auth-int`. */
  readonly body?: Buffer;
}

/** One credentials header to put on a request. */
export interface DigestHeaderField {
  readonly name: DigestHeaderName;
  readonly value: string;
}

interface CachedChallenge {
  readonly header: DigestHeaderName;
  readonly challenge: DigestChallenge;
  /** The last nc sent with this nonce. */
  nc: number;
}

export class DigestClient {
  readonly #credentials: DigestCredentials;
  readonly #cnonce: () => string;
  /** Keyed by header and realm: a proxy and the registrar may share a realm name yet need separate nonces. */
  readonly #cache = new Map<string, CachedChallenge>();

  constructor(credentials: DigestCredentials, options: DigestClientOptions = {}) {
    this.#credentials = credentials;
    this.#cnonce = options.cnonce ?? (() => randomBytes(12).toString('base64url'));
  }

  /** The authentication username. */
  get username(): string {
    return this.#credentials.username;
  }

  /** Whether `response` is a 401/407 (whatever schemes it offers). */
  static isChallenge(response: SipResponse): boolean {
    return credentialsHeaderOf(response) !== undefined;
  }

  /**
   * Learns the Digest challenges of a 401/407 that answered `request`.
   *
   * @throws `FH_AUTH` when `request` already carried our fresh credentials for a challenged realm
   * and the server challenges again without `stale=true` (wrong password or unknown user), or when
   * the response offers no Digest challenge we can answer.
   */
  acceptChallenge(request: SipRequest, response: SipResponse): void {
    const header = credentialsHeaderOf(response);
    const challengeHeader = challengeHeaderOf(response);
    if (header === undefined || challengeHeader === undefined) {
      throw new FocusHarnessError('FH_AUTH', `A ${response.status} is not an authentication challenge`);
    }
    const lines = response.headers.getAll(challengeHeader);
    const best = new Map<string, DigestChallenge>();
    for (const line of lines) {
      const challenge = safeParseChallenge(line);
      if (challenge === undefined) continue;
      if (this.#credentials.realm !== undefined && challenge.realm !== this.#credentials.realm) continue;
      const held = best.get(challenge.realm);
      // RFC 7616 §3.7: with several challenges for a realm, use the strongest algorithm we support.
      if (!held || digestAlgorithmStrength(challenge.algorithm) > digestAlgorithmStrength(held.algorithm)) {
        best.set(challenge.realm, challenge);
      }
    }
    if (best.size === 0) {
      const offered = lines.map((l) => l.trim().split(/\s/)[0]).join(', ') || 'none';
      const realmNote = this.#credentials.realm === undefined ? '' : ` for realm "${this.#credentials.realm}"`;
      throw new FocusHarnessError(
        'FH_AUTH',
        `${response.status} ${response.reason} to ${request.method} offers no Digest challenge we can answer${realmNote} `
          + `(${challengeHeader}: ${offered}); user "${this.#credentials.username}" cannot authenticate`,
      );
    }
    const sent = sentCredentials(request, header);
    for (const [realm, challenge] of best) {
      const previous = sent.get(realm);
      // RFC 7616 §3.3 stale: only a stale nonce with otherwise valid credentials justifies
      // answering again. A challenge to credentials computed on a fresh nonce (nc=1, or no qop)
      // means the password or user was refused: retrying could only loop.
      const fresh = previous !== undefined && (previous.nc === undefined || previous.nc <= 1);
      if (previous !== undefined && !challenge.stale && (fresh || previous.nonce === challenge.nonce)) {
        throw new FocusHarnessError(
          'FH_AUTH',
          `Digest credentials of user "${this.#credentials.username}" were refused by realm "${realm}" `
            + `(${response.status} ${response.reason} to ${request.method} ${request.uri}): check the username and password; not retrying`,
        );
      }
      this.#cache.set(cacheKey(header, realm), { header, challenge, nc: 0 });
    }
  }

  /**
   * Credentials for `target` from every cached challenge, each with its `nc` incremented
   * (RFC 7616 §3.4: nonce reuse); empty before the first challenge.
   */
  authorize(target: DigestRequestTarget): DigestHeaderField[] {
    const fields: DigestHeaderField[] = [];
    for (const entry of this.#cache.values()) {
      entry.nc += 1;
      fields.push({ name: entry.header, value: formatDigestAuthorization(this.#answer(entry, target)) });
    }
    return fields;
  }

  /**
   * The request to send after `response` challenged `request`: the same request with
   * credentials, CSeq + 1 and no Via branch, so the transaction layer opens a new transaction
   * (RFC 3261 §8.1.3.5, §22.2).
   *
   * @throws `FH_AUTH` as `acceptChallenge`.
   */
  retry(request: SipRequest, response: SipResponse): SipRequest {
    this.acceptChallenge(request, response);
    return this.authorizeRequest(request, { bumpCSeq: true });
  }

  /**
   * A copy of `request` carrying the cached credentials in place of any it had; with
   * `bumpCSeq` the CSeq rises by one and the Via branch is dropped.
   */
  authorizeRequest(request: SipRequest, options: { bumpCSeq?: boolean } = {}): SipRequest {
    const base = options.bumpCSeq === true ? nextAttempt(request) : request;
    const fields = this.authorize(base);
    const out = createRequest({ method: base.method, uri: base.uri, body: base.body });
    let placed = false;
    const place = (): void => {
      for (const f of fields) out.headers.append(f.name, f.value);
      placed = true;
    };
    for (const field of base.headers) {
      if (field.key === 'authorization' || field.key === 'proxy-authorization') continue;
      // Credentials go before the body headers, where proxies and logs expect them.
      if (!placed && field.key.startsWith('content-')) place();
      out.headers.append(field.name, field.value);
    }
    if (!placed) place();
    return out;
  }

  /** Drops every cached nonce (e.g. after the connection to the registrar changed). */
  forget(): void {
    this.#cache.clear();
  }

  #answer(entry: CachedChallenge, target: DigestRequestTarget): DigestAuthorization {
    const { challenge } = entry;
    const { username, password } = this.#credentials;
    // RFC 7616 §3.3: prefer auth; auth-int only when it is all the server offers.
    const qop = challenge.qop.includes('auth') ? 'auth' : challenge.qop[0];
    const cnonce = qop === undefined ? undefined : this.#cnonce();
    const response = computeDigestResponse({
      algorithm: challenge.algorithm,
      username,
      realm: challenge.realm,
      password,
      nonce: challenge.nonce,
      method: target.method,
      uri: target.uri,
      ...(qop === undefined || cnonce === undefined ? {} : { qop, nc: entry.nc, cnonce }),
      ...(target.body === undefined ? {} : { body: target.body }),
    });
    return {
      username: challenge.userhash ? hashDigestUsername(challenge.algorithm, username, challenge.realm) : username,
      realm: challenge.realm,
      nonce: challenge.nonce,
      uri: target.uri,
      response,
      algorithm: challenge.algorithm,
      ...(qop === undefined || cnonce === undefined ? {} : { qop, nc: entry.nc, cnonce }),
      ...(challenge.opaque === undefined ? {} : { opaque: challenge.opaque }),
      ...(challenge.userhash ? { userhash: true } : {}),
    };
  }
}

function cacheKey(header: DigestHeaderName, realm: string): string {
  return `${header}\n${realm}`;
}

function safeParseChallenge(line: string): DigestChallenge | undefined {
  try {
    return parseDigestChallenge(line);
  } catch {
    return undefined;
  }
}

/** Our Digest credentials already on `request`, by realm. */
function sentCredentials(request: SipRequest, header: DigestHeaderName): Map<string, DigestAuthorization> {
  const out = new Map<string, DigestAuthorization>();
  for (const line of request.headers.getAll(header)) {
    try {
      const auth = parseDigestAuthorization(line);
      if (auth) out.set(auth.realm, auth);
    } catch {
      // Someone else's malformed credentials are not ours to judge.
    }
  }
  return out;
}
