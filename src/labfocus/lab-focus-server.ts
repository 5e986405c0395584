/**
 * The lab focus's I/O shell: accepts connections, runs one transaction layer per connection,
 * routes each request to its handler and implements the {@link LabFocusCore} primitives.
 *
 * @remarks All protocol decisions live in the handlers and the policy; this class only owns
 * sockets, timers and the request routing table (brief §1.3: server-originated requests go down
 * the connection the user registered on, to its registered Contact).
 */
import type { DigestServer, SipaeServerSession } from '../auth/index.js';
import type { Logger } from 'pino';
import { createResponse, isRequest, newBranch, serializeMessage, type SipMessage, type SipRequest, type SipResponse } from '../sip/index.js';
import { TransactionLayer, type ServerTransaction, type TransactionChannel } from '../transaction/index.js';
import type { SipConnection, SipListener } from '../transport/index.js';
import type { Clock, TimerHandle } from '../util/index.js';
import { AckWaiter } from './ack-waiter.js';
import type { LabConference } from './lab-conference.js';
import type { LabDialog } from './lab-dialog.js';
import { LabDialogTable } from './lab-dialog-table.js';
import type { LabFocusCore, LabLink, LabRequest, LabSettings, RespondInit, SendInit } from './lab-focus-core.js';
import type { LabPolicy } from './lab-policy.js';
import { buildDialogRequest, mcuVias, withMcuHeaderCase } from './outbound-request.js';
import { Registrar } from './registrar.js';
import type { RosterChange } from './roster-change.js';
import { callIdOf, cseqOf } from './message-fields.js';
import { publishRosterChange } from './roster-publisher.js';
import { routeRequest } from './route-request.js';
import { applySipaeSigning } from './sipae-signing.js';

/** How long an ended dialog stays findable, so a crossing BYE still matches (64·T1). */
const DIALOG_LINGER_MS = 32_000;

export interface LabFocusServerInit {
  listener: SipListener;
  settings: LabSettings;
  policy: LabPolicy;
  clock: Clock;
  logger: Logger;
  registrarAuth?: DigestServer;
  /** MS-SIPAE: a fresh server session for each connection (`auth.scheme: 'ntlm'`). */
  sipae?: () => SipaeServerSession;
  forgetEmptyConferencesAfterMs?: number;
}

export class LabFocusServer implements LabFocusCore {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: LabPolicy;
  readonly settings: LabSettings;
  readonly registrar = new Registrar();
  readonly registrarAuth: DigestServer | undefined;
  readonly dialogs = new LabDialogTable();
  readonly conferences = new Map<string, LabConference>();
  readonly #listener: SipListener;
  readonly #links = new Map<string, LabLink>();
  readonly #timers = new Set<TimerHandle>();
  readonly #acks: AckWaiter;
  readonly #dialogTimers = new Map<LabDialog, TimerHandle>();
  #stopped = false;
  readonly #forgetEmptyAfterMs: number | undefined;
  readonly #sipae: (() => SipaeServerSession) | undefined;

  constructor(init: LabFocusServerInit) {
    this.#listener = init.listener;
    this.settings = init.settings;
    this.policy = init.policy;
    this.clock = init.clock;
    this.logger = init.logger;
    this.registrarAuth = init.registrarAuth;
    this.#forgetEmptyAfterMs = init.forgetEmptyConferencesAfterMs;
    this.#sipae = init.sipae;
    this.#acks = new AckWaiter(init.clock, (callId) =>
      this.logger.warn({ event: 'invite.no-ack', callId }, 'no ACK for a 2xx to INVITE within 64·T1'),
    );
    init.listener.onConnection((connection) => this.#accept(connection));
  }

  #accept(connection: SipConnection): void {
    const layer = new TransactionLayer(this.#sipae ? this.#signedChannel(connection, this.#sipae()) : connection, { clock: this.clock });
    const link: LabLink = { connection, layer };
    this.#links.set(connection.id, link);
    layer.onRequest((request, txn) => this.#receive(link, request, txn));
    layer.onError((error) => this.logger.warn({ event: 'transaction.error', connectionId: connection.id, err: error }, 'transaction error'));
    connection.onParseError((error) => this.logger.warn({ event: 'sip.parse-error', connectionId: connection.id, err: error }, 'unparsable message'));
    connection.onClose(() => this.#closed(link));
    this.logger.debug({ event: 'connection.open', connectionId: connection.id, remote: connection.remote }, 'connection accepted');
  }

  /**
   * MS-SIPAE in front of the transaction layer (as a front end does it): the handshake and
   * unsigned requests are answered here; what passes is signed-and-verified; all we send is signed
   * (each request after the SA as the policy's `sipaeRequestSigning` says).
   */
  #signedChannel(connection: SipConnection, session: SipaeServerSession): TransactionChannel {
    let requestsAfterSa = 0;
    const send = (message: SipMessage): unknown => {
      session.outbound(message);
      if (isRequest(message) && session.user !== undefined && message.method !== 'ACK' && message.method !== 'CANCEL') {
        applySipaeSigning(message, this.policy.sipaeRequestSigning(message.method, requestsAfterSa++));
      }
      return connection.send(message);
    };
    return {
      transport: connection.transport,
      local: connection.local,
      onClose: (cb: (reason?: unknown) => void): void => {
        connection.onClose(cb);
      },
      send,
      onMessage: (cb: (message: SipMessage) => void): void => {
        connection.onMessage((message) => {
          if (this.#stopped) return;
          const verdict = session.inbound(message);
          if (verdict.kind === 'pass') {
            cb(message);
            return;
          }
          this.logger.info({ event: 'sipae.refused', connectionId: connection.id, reason: verdict.reason }, 'MS-SIPAE: request not accepted');
          if (verdict.kind === 'answer') {
            try {
              Promise.resolve(send(verdict.response)).catch(() => undefined);
            } catch {
              // The connection is gone: nobody to answer.
            }
          }
        });
      },
    };
  }

  #receive(link: LabLink, request: SipRequest, txn: ServerTransaction): void {
    if (this.#stopped) return;
    if (txn.kind === 'ack') {
      this.#acks.acked(callIdOf(request), cseqOf(request).seq);
      return;
    }
    try {
      routeRequest(this, link, request, txn);
    } catch (error) {
      this.logger.error({ event: 'request.failed', method: request.method, err: error }, 'handler failed');
      if (txn.kind === 'invite' || txn.kind === 'non-invite') {
        try {
          txn.respond(createResponse(request, 500));
        } catch {
          // Already answered: nothing more to say.
        }
      }
    }
  }

  /** A connection went away: its registration and dialogs go, and the rosters say so. */
  #closed(link: LabLink): void {
    this.#links.delete(link.connection.id);
    this.registrar.dropConnection(link.connection.id);
    if (this.#stopped) return;
    for (const dialog of this.dialogs.onConnection(link.connection.id)) {
      if (dialog.state !== 'confirmed') continue;
      this.endDialog(dialog);
      const conference = this.conferences.get(dialog.conferenceId);
      if (!conference) continue;
      if (dialog.kind === 'focus') this.publish(conference, conference.leaveFocus(dialog.aor));
      if (dialog.kind === 'chat') this.publish(conference, conference.leaveChat(dialog.aor));
    }
    this.logger.debug({ event: 'connection.closed', connectionId: link.connection.id }, 'connection closed');
  }

  respond(req: LabRequest, status: number, init: RespondInit = {}): void {
    const headers: [string, string][] = (init.headers ?? []).map(([n, v]) => [n, v]);
    if (init.contentType) headers.push(['Content-Type', init.contentType]);
    let response = createResponse(req.request, status, init.reason, {
      ...(init.toTag !== undefined ? { toTag: init.toTag } : {}),
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    if (init.mcu) response = withMcuHeaderCase(response);
    try {
      req.txn.respond(response);
      if (req.request.method === 'INVITE' && status >= 200 && status < 300) {
        const { txn } = req;
        this.#acks.wait(callIdOf(req.request), cseqOf(req.request).seq, () => {
          try {
            if (!req.link.connection.closed) txn.respond(response);
          } catch {
            // The transaction ended (Timer L): nothing left to retransmit on.
          }
        });
      }
    } catch (error) {
      this.logger.warn({ event: 'respond.failed', status, method: req.request.method, err: error }, 'could not respond');
    }
  }

  async send(dialog: LabDialog, method: string, init: SendInit = {}): Promise<SipResponse | undefined> {
    const registration = this.registrar.lookup(dialog.aor, this.clock.now());
    const link = this.#links.get(registration?.connectionId ?? dialog.connectionId);
    if (!link || link.connection.closed) return undefined;
    const { host, port, transport } = this.settings;
    const vias = init.mcu
      ? mcuVias(host, port, transport)
      : [`SIP/2.0/${transport.toUpperCase()} ${host}:${port};branch=${newBranch()};branched=FALSE`];
    let request = buildDialogRequest(dialog, method, {
      target: registration?.contactUri ?? dialog.remoteTarget ?? dialog.aor,
      vias,
      ...(init.cseq !== undefined ? { cseq: init.cseq } : {}),
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.contentType ? { contentType: init.contentType } : {}),
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    if (init.mcu) request = withMcuHeaderCase(request);
    try {
      if (init.contentLengthDelta) {
        link.connection.sendRaw(misframe(serializeMessage(request), request.body.length + init.contentLengthDelta));
        return undefined;
      }
      if (init.bestEffort) {
        link.layer.sendBestEffort(request);
        return undefined;
      }
      return await link.layer.sendRequest(request);
    } catch (error) {
      this.logger.debug({ event: 'send.failed', method, aor: dialog.aor, err: error }, 'request not delivered');
      return undefined;
    }
  }

  publish(conference: LabConference, change: RosterChange | undefined): void {
    if (change) publishRosterChange(this, conference, change);
    if (change?.kind === 'user-deleted') this.#forgetWhenStillEmpty(conference);
  }

  /** With `forgetEmptyConferencesAfterMs`: drops a conference nobody came back to. */
  #forgetWhenStillEmpty(conference: LabConference): void {
    const delayMs = this.#forgetEmptyAfterMs;
    if (delayMs === undefined || conference.participants().length > 0) return;
    const timer = this.clock.setTimer(delayMs, () => {
      this.#timers.delete(timer);
      if (conference.participants().length > 0 || this.conferences.get(conference.id) !== conference) return;
      this.conferences.delete(conference.id);
      this.logger.info({ event: 'conference.forgotten', conferenceId: conference.id }, 'empty conference forgotten');
    });
    this.#timers.add(timer);
  }

  dropConnectionOf(aor: string): void {
    const registration = this.registrar.lookup(aor, this.clock.now());
    const link = registration ? this.#links.get(registration.connectionId) : undefined;
    this.logger.info({ event: 'connection.dropped', aor }, 'dropping a participant connection');
    link?.connection.destroy();
  }

  armDialogTimer(dialog: LabDialog, delayMs: number, callback: () => void): void {
    this.#dialogTimers.get(dialog)?.cancel();
    const timer = this.clock.setTimer(delayMs, () => {
      this.#dialogTimers.delete(dialog);
      if (dialog.state === 'confirmed') callback();
    });
    this.#dialogTimers.set(dialog, timer);
  }

  endDialog(dialog: LabDialog): void {
    if (dialog.state === 'terminated') return;
    dialog.state = 'terminated';
    this.#dialogTimers.get(dialog)?.cancel();
    this.#dialogTimers.delete(dialog);
    const timer = this.clock.setTimer(DIALOG_LINGER_MS, () => {
      this.#timers.delete(timer);
      this.dialogs.delete(dialog);
    });
    this.#timers.add(timer);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const timer of this.#timers) timer.cancel();
    this.#timers.clear();
    this.#acks.clear();
    for (const timer of this.#dialogTimers.values()) timer.cancel();
    this.#dialogTimers.clear();
    for (const link of this.#links.values()) link.layer.close();
    await this.#listener.close();
  }
}

/** Rewrites the Content-Length value of serialized bytes (the `wrong-content-length` fault). */
function misframe(raw: Buffer, declared: number): Buffer {
  const text = raw.toString('latin1');
  const fixed = text.replace(/\r\n(content-length|l)[ \t]*:[ \t]*\d+\r\n/i, (_m, name: string) => `\r\n${name}: ${Math.max(0, declared)}\r\n`);
  return Buffer.from(fixed, 'latin1');
}
