/**
 * The identity a run gives a role: from a profile's `users`, or `sip:<role>@<domain>` by default.
 */
export interface ScenarioUser {
  readonly aor: string;
  readonly displayName?: string;
  /** Digest username (lab proxies such as Kamailio). @default the user part of the AOR */
  readonly username?: string;
  /** Digest password, taken from the environment by the profile loader; never logged. */
  readonly password?: string;
}
