/**
 * Namespace URIs of C3P and conference-info documents.
 *
 * @remarks Protocol brief §5.1; the prefixes are the conventional ones, but parsers match on the URI
 * (with a local-name fallback), never on the prefix.
 */
export const CONFERENCE_NS = {
  /** RFC 4575 core (`ci`, or the default namespace of a roster document). */
  ci: 'urn:ietf:params:xml:ns:conference-info',
  /** `cis:separator` between standard and extension content. */
  cis: 'urn:ietf:params:xml:ns:conference-info-separator',
  /** Microsoft core conference-info extensions. */
  msci: 'http://schemas.microsoft.com/rtc/2005/08/confinfoextensions',
  /** Lync 2010+ additions (lobby). */
  msci2: 'http://schemas.microsoft.com/rtc/2008/12/confinfoextensions',
  /** IM capabilities. */
  msim: 'http://schemas.microsoft.com/rtc/2005/08/imconfinfoextensions',
  /** A/V extensions (also seen as `tns`). */
  msav: 'http://schemas.microsoft.com/rtc/2005/08/avconfinfoextensions',
  /** Audio conferencing provider. */
  msacp: 'http://schemas.microsoft.com/rtc/2005/08/acpconfinfoextensions',
  /** Data / web conferencing. */
  msdata: 'http://schemas.microsoft.com/rtc/2005/08/dataconfinfoextensions',
  /** Declared in C3P responses (seed msg 14). */
  msls: 'urn:ietf:params:xml:ns:msls',
  /** C3P extensions. */
  mscp: 'http://schemas.microsoft.com/rtc/2005/08/cccpextensions',
  /** The C3P envelope (`request` / `response`). */
  cccp: 'urn:ietf:params:xml:ns:cccp',
  /** Reserved namespace of `xmlns` declarations. */
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const;

/** A conventional prefix of {@link CONFERENCE_NS}. */
export type ConferencePrefix = keyof typeof CONFERENCE_NS;

/** Media types carried in SIP `Content-Type`. */
export const C3P_CONTENT_TYPE = 'application/cccp+xml';
export const CONFERENCE_INFO_CONTENT_TYPE = 'application/conference-info+xml';
