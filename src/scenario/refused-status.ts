/** A SIP final status that refuses the request: 4xx, 5xx or 6xx (brief §7.3 "refused"). */
export function isRefusedStatus(status: number): boolean {
  return status >= 400 && status < 700;
}
