/**
 * One of the endpoint's three dialog usages (brief §1.4): its Call-ID (known as soon as the
 * dialog-creating request is built, so early in-dialog requests can be matched), the dialog once
 * the 2xx arrived, and its state.
 */
import type { TraceDialog } from '../capture/index.js';
import type { Dialog } from '../dialog/index.js';
import type { TimerHandle } from '../util/index.js';
import type { DialogUsageState } from './dialog-usage-state.js';

export interface DialogUsage {
  readonly name: TraceDialog;
  callId: string | undefined;
  dialog: Dialog | undefined;
  state: DialogUsageState;
  /** Our BYE (or unsubscribe) is outstanding: a crossing BYE still gets 200 (BYE glare, brief §4.10). */
  closing: boolean;
  /** RFC 4028 session refresh timer (D1/D3), when we are the refresher. */
  refresh: TimerHandle | undefined;
}

export function createDialogUsage(name: TraceDialog): DialogUsage {
  return { name, callId: undefined, dialog: undefined, state: 'none', closing: false, refresh: undefined };
}

/** Starts the usage over for a new dialog-creating request. */
export function beginDialogUsage(usage: DialogUsage, callId: string): void {
  usage.refresh?.cancel();
  usage.refresh = undefined;
  usage.callId = callId;
  usage.dialog = undefined;
  usage.state = 'none';
  usage.closing = false;
}

/** True when an in-dialog request on this usage should still be answered (else 481). */
export function isAnswerable(usage: DialogUsage): boolean {
  return usage.state === 'active' || usage.closing;
}
