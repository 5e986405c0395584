/**
 * Options of `DigestClient`.
 */
export interface DigestClientOptions {
  /** Client nonce source (RFC 7616 §3.4 `cnonce`). @default 12 random bytes, base64url */
  readonly cnonce?: () => string;
}
