/**
 * The identity a run gives a role: from a profile's `users`, or `sip:<role>@<domain>` by default.
 */
export interface ScenarioUser {
  readonly aor: string;
  readonly displayName?: string;
  /** Authentication username (`DOMAIN\\user` for NTLM with a domain). @default the user part of the AOR */
  readonly username?: string;
  /** Password for Digest or NTLM, taken from the environment by the profile loader; never logged. */
  readonly password?: string;
  /** How the password is used: Digest challenges, or MS-SIPAE NTLM (Lync front ends). @default 'digest' */
  readonly authScheme?: 'digest' | 'ntlm';
}
