import type { TraceDialog } from '../capture/index.js';

/** The message on the role's connection that came closest to what an expectation wanted. */
export interface NearestMiss {
  readonly seq: number;
  readonly firstLine: string;
  readonly label: string;
  readonly dialog?: TraceDialog;
  /** Why it did not match, e.g. `subscription-state is "active;expires=3600"`. */
  readonly reason: string;
}

export function formatNearestMiss(miss: NearestMiss): string {
  const dialog = miss.dialog ? ` in ${miss.dialog}` : '';
  return `seq ${miss.seq} ${miss.firstLine}${dialog} — ${miss.reason}`;
}
