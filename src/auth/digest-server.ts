/**
 * The UAS/registrar side of Digest (RFC 3261 §22.1, §22.4; RFC 7616 §3.3, §3.5): issues
 * challenges whose nonces carry their own issue time and MAC (no per-challenge state), checks
 * credentials, reports stale nonces and refuses replayed `nc` values.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createResponse, type SipRequest, type SipResponse } from '../sip/index.js';
import { systemClock, type Clock } from '../util/index.js';
import { parseDigestAuthorization, type DigestAuthorization } from './digest-authorization.js';
import { formatDigestChallenge } from './digest-challenge.js';
import { hashDigestUsername } from './compute-digest-response.js';
import type { DigestAlgorithm } from './digest-algorithm.js';
import type { DigestServerOptions } from './digest-server-options.js';
import type { DigestVerdict } from './digest-verdict.js';
import { verifyDigest } from './verify-digest.js';

const DEFAULT_LIFETIME_MS = 300_000;

export class DigestServer {
  readonly realm: string;
  readonly #users: ReadonlyMap<string, string>;
  readonly #algorithms: readonly DigestAlgorithm[];
  readonly #qop: DigestServerOptions['qop'];
  readonly #lifetimeMs: number;
  readonly #secret: Buffer;
  readonly #clock: Clock;
  /** nonce → highest nc accepted, for replay protection; pruned as nonces expire. */
  readonly #ncSeen = new Map<string, number>();

  constructor(options: DigestServerOptions) {
    this.realm = options.realm;
    this.#users = options.users instanceof Map ? options.users : new Map(Object.entries(options.users));
    this.#algorithms = options.algorithms ?? ['SHA-256', 'MD5'];
    this.#qop = options.qop ?? ['auth'];
    this.#lifetimeMs = options.nonceLifetimeMs ?? DEFAULT_LIFETIME_MS;
    this.#secret = options.secret ?? randomBytes(32);
    this.#clock = options.clock ?? systemClock;
  }

  /** Challenge header values, one per algorithm; `stale` marks a re-challenge of an expired nonce. */
  challengeValues(options: { stale?: boolean } = {}): string[] {
    const nonce = this.#newNonce();
    return this.#algorithms.map((algorithm) =>
      formatDigestChallenge({
        realm: this.realm,
        nonce,
        algorithm,
        qop: this.#qop ?? [],
        stale: options.stale === true,
        userhash: false,
      }));
  }

  /**
   * A 401 (or 407 with `proxy`) carrying fresh challenges for `request`.
   *
   * @remarks RFC 3261 §8.2.6: a response to a request, so Via, From, To, Call-ID, CSeq are copied;
   * `toTag` is the tag the UAS would use.
   */
  challenge(request: SipRequest, options: { proxy?: boolean; stale?: boolean; toTag?: string } = {}): SipResponse {
    const proxy = options.proxy === true;
    const headerName = proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate';
    return createResponse(request, proxy ? 407 : 401, undefined, {
      ...(options.toTag === undefined ? {} : { toTag: options.toTag }),
      headers: this.challengeValues({ stale: options.stale === true }).map((v) => [headerName, v] as const),
    });
  }

  /** Checks the credentials on `request` for our realm (Authorization, or Proxy-Authorization with `proxy`). */
  verify(request: SipRequest, options: { proxy?: boolean } = {}): DigestVerdict {
    const lines = request.headers.getAll(options.proxy === true ? 'Proxy-Authorization' : 'Authorization');
    let auth: DigestAuthorization | undefined;
    for (const line of lines) {
      let parsed: DigestAuthorization | undefined;
      try {
        parsed = parseDigestAuthorization(line);
      } catch (error) {
        return refuse('malformed', (error as Error).message);
      }
      if (parsed?.realm === this.realm) auth = parsed;
    }
    if (auth === undefined) return refuse('missing', `no Digest credentials for realm "${this.realm}"`);
    const username = this.#resolveUser(auth);
    const password = username === undefined ? undefined : this.#users.get(username);
    if (username === undefined || password === undefined) {
      return refuse('unknown-user', `unknown user "${auth.username}" in realm "${this.realm}"`);
    }
    if (auth.uri !== request.uri) {
      return refuse('uri-mismatch', `digest uri "${auth.uri}" is not the Request-URI "${request.uri}"`);
    }
    const issued = this.#nonceIssuedAt(auth.nonce);
    if (issued === undefined) return refuse('bad-nonce', 'the nonce was not issued by this server');
    const body = auth.qop === 'auth-int' ? { body: request.body } : {};
    if (!verifyDigest(auth, { method: request.method, username, password, ...body })) {
      return refuse('bad-response', `wrong password for user "${username}" in realm "${this.realm}"`);
    }
    // RFC 7616 §3.3: right credentials on an expired nonce → stale=true, so the client need not ask its user.
    if (this.#clock.now() - issued > this.#lifetimeMs) {
      return { ok: false, reason: 'stale-nonce', stale: true, detail: 'the nonce expired' };
    }
    if (auth.nc !== undefined) {
      const last = this.#ncSeen.get(auth.nonce) ?? 0;
      if (auth.nc <= last) return refuse('nc-replay', `nc ${auth.nc} does not rise above ${last} for this nonce`);
      this.#ncSeen.set(auth.nonce, auth.nc);
      this.#prune();
    }
    return { ok: true, username, realm: this.realm };
  }

  #resolveUser(auth: DigestAuthorization): string | undefined {
    if (auth.userhash !== true) return auth.username;
    // RFC 7616 §3.4.4: the username field is H(user:realm).
    for (const user of this.#users.keys()) {
      if (hashDigestUsername(auth.algorithm, user, this.realm) === auth.username.toLowerCase()) return user;
    }
    return undefined;
  }

  #newNonce(): string {
    const stamp = this.#clock.now().toString(36);
    const salt = randomBytes(6).toString('base64url');
    return `${stamp}.${salt}.${this.#mac(`${stamp}.${salt}`)}`;
  }

  /** The issue time of a nonce we made, `undefined` for a forged or foreign one. */
  #nonceIssuedAt(nonce: string): number | undefined {
    const parts = nonce.split('.');
    if (parts.length !== 3) return undefined;
    const [stamp = '', salt = '', mac = ''] = parts;
    const expected = Buffer.from(this.#mac(`${stamp}.${salt}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const time = Number.parseInt(stamp, 36);
    return Number.isFinite(time) ? time : undefined;
  }

  #mac(text: string): string {
    return createHmac('sha256', this.#secret).update(text).digest('base64url').slice(0, 22);
  }

  #prune(): void {
    if (this.#ncSeen.size < 1024) return;
    const now = this.#clock.now();
    for (const nonce of this.#ncSeen.keys()) {
      const issued = this.#nonceIssuedAt(nonce);
      if (issued === undefined || now - issued > this.#lifetimeMs) this.#ncSeen.delete(nonce);
    }
  }
}

function refuse(reason: Exclude<DigestVerdict, { ok: true }>['reason'], detail: string): DigestVerdict {
  return { ok: false, reason, stale: false, detail };
}
