/**
 * What the request handlers of the lab focus see of the server: its state, its policy and the
 * few I/O primitives (respond, send in a dialog, publish a roster change).
 *
 * @remarks The handlers are plain functions over this interface so each stays small (style
 * habit 14); `LabFocusServer` is the one implementation and owns the sockets.
 */
import type { Logger } from 'pino';
import type { SipRequest, SipResponse } from '../sip/index.js';
import type { ServerTransaction, TransactionLayer } from '../transaction/index.js';
import type { SipConnection } from '../transport/index.js';
import type { Clock } from '../util/index.js';
import type { LabConference } from './lab-conference.js';
import type { LabDialog } from './lab-dialog.js';
import type { LabDialogTable } from './lab-dialog-table.js';
import type { LabPolicy } from './lab-policy.js';
import type { DigestServer } from '../auth/index.js';
import type { Registrar } from './registrar.js';
import type { RosterChange } from './roster-change.js';

/** One accepted connection and its transaction layer. */
export interface LabLink {
  readonly connection: SipConnection;
  readonly layer: TransactionLayer;
}

/** An inbound request with the AOR registered on its connection (already checked against From). */
export interface LabRequest {
  readonly request: SipRequest;
  readonly txn: ServerTransaction;
  readonly link: LabLink;
  readonly aor: string;
}

export interface LabSettings {
  readonly host: string;
  readonly port: number;
  readonly transport: 'tls' | 'tcp';
  readonly domain: string;
  readonly c3pStyle: '202-then-info' | '200';
  /** Written as `source=` in ms-diagnostics. */
  readonly serverName: string;
}

export interface RespondInit {
  reason?: string;
  toTag?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  contentType?: string;
  body?: string | Buffer;
  /** Write the IM MCU's capitalised header names (seed msg 9). */
  mcu?: boolean;
}

export interface SendInit {
  cseq?: number;
  headers?: ReadonlyArray<readonly [string, string]>;
  contentType?: string;
  body?: string | Buffer;
  /** An IM MCU request: two Vias and capitalised names (seed msg 7). */
  mcu?: boolean;
  /** Send as a best-effort request (BENOTIFY): resolves `undefined` at once. */
  bestEffort?: boolean;
  /** Written into Content-Length instead of the true length difference (fault injection). */
  contentLengthDelta?: number;
}

export interface LabFocusCore {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: LabPolicy;
  readonly settings: LabSettings;
  readonly registrar: Registrar;
  /** Digest for REGISTER (`lab --auth digest`); undefined: the lab registers anyone in its domain. */
  readonly registrarAuth: DigestServer | undefined;
  readonly dialogs: LabDialogTable;
  readonly conferences: Map<string, LabConference>;
  respond(req: LabRequest, status: number, init?: RespondInit): void;
  /**
   * Sends a request in `dialog` down the participant's registered connection. Resolves with the
   * final response, or `undefined` for a best-effort request or when it could not be delivered
   * (no registration, connection gone, Timer F).
   */
  send(dialog: LabDialog, method: string, init?: SendInit): Promise<SipResponse | undefined>;
  /** Publishes one roster change to every active subscriber (brief §8 item 5). */
  publish(conference: LabConference, change: RosterChange | undefined): void;
  /** Closes a participant's connection (fault injection). */
  dropConnectionOf(aor: string): void;
  /** Marks a dialog terminated and forgets it after a linger period (late BYEs still match). */
  endDialog(dialog: LabDialog): void;
  /** Runs `callback` after `delayMs` unless the dialog ends or the timer is re-armed first. */
  armDialogTimer(dialog: LabDialog, delayMs: number, callback: () => void): void;
}
