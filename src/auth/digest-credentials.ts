/**
 * What a user agent needs to answer Digest challenges.
 */
export interface DigestCredentials {
  /** The authentication username (often the user part of the AOR). */
  readonly username: string;
  /** The password; comes from the profile's environment variable, never from a committed file. */
  readonly password: string;
  /** Answer only challenges for this realm. @default any realm */
  readonly realm?: string;
}
