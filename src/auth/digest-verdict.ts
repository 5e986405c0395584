/**
 * What `DigestServer.verify` concluded about a request's credentials.
 */

/** Why credentials were not accepted. */
export type DigestRefusal =
  /** No credentials for our realm: challenge (RFC 3261 §22.1). */
  | 'missing'
  | 'malformed'
  | 'unknown-user'
  | 'bad-response'
  /** The nonce was ours but expired: challenge with `stale=true` (RFC 7616 §3.3). */
  | 'stale-nonce'
  /** The nonce was never issued by us. */
  | 'bad-nonce'
  /** The nc did not rise for this nonce (RFC 7616 §3.4 replay protection). */
  | 'nc-replay'
  /** The digest-uri is not the Request-URI (RFC 7616 §3.4.6). */
  | 'uri-mismatch';

export type DigestVerdict =
  | { readonly ok: true; readonly username: string; readonly realm: string }
  | { readonly ok: false; readonly reason: DigestRefusal; readonly stale: boolean; readonly detail: string };
