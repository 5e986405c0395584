/**
 * One registered endpoint: the AOR, the Contact it registered (where server-originated requests
 * go, brief §1.3) and the GRUU the registrar issued (brief §1.2).
 */
export interface Registration {
  readonly aor: string;
  /** The registered Contact URI (inside `<…>`), used as Request-URI for requests to this user. */
  readonly contactUri: string;
  /** `+sip.instance` as sent (with its quotes), if any. */
  readonly instance: string | undefined;
  readonly epid: string | undefined;
  /** `sip:<user>@<domain>;opaque=user:epid:<token>;gruu`. */
  readonly gruu: string;
  /** The connection the REGISTER arrived on; every later request to this user goes down it. */
  readonly connectionId: string;
  readonly expiresAt: number;
}
