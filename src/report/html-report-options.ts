/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** Page title. @default 'focus-harness report' */
  readonly title?: string;
  /** Keep `Authorization` / `Proxy-Authorization` values in the message panel. @default false */
  readonly keepSecrets?: boolean;
  /** A bare trace with no verdicts: show `trace` instead of statuses. @default false */
  readonly traceOnly?: boolean;
}
