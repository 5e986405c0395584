/**
 * An emulated Lync / Skype for Business client (Alice, Bob, Carol): registration, conference
 * creation, focus join (D1), roster subscription (D2), IM MCU join (D3), C3P commands and the
 * reactions a real client has to what the focus sends.
 *
 * @remarks Per-endpoint state is a handful of fields and three small dialog usages, so a load run
 * can hold many thousands; nothing is allocated per message beyond the trace record (and none at
 * all for tracing when the recorder is disabled).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { TraceRecorder } from '../capture/index.js';
import {
  Roster,
  buildC3pRequest,
  type C3pCommand,
  type C3pResponse,
  type RosterUpdate,
} from '../conference/index.js';
import { DigestClient, SipaeClient } from '../auth/index.js';
import { Dialog } from '../dialog/index.js';
import { FocusHarnessError, isFocusHarnessError } from '../errors.js';
import {
  createResponse,
  getCSeq,
  isRequest,
  newCallId,
  newTag,
  type HeaderInit,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../sip/index.js';
import { TransactionLayer, type ServerTransaction } from '../transaction/index.js';
import { connect, type SipConnection } from '../transport/index.js';
import { ownString, systemClock, type Clock } from '../util/index.js';
import type { C3pOutcome } from './c3p-outcome.js';
import { c3pOutcomeOf, c3pResponseOf, CCCP_MEDIA_TYPE as CCCP } from './c3p-outcome-of.js';
import { C3pWaiters } from './c3p-waiters.js';
import { createDialogUsage, beginDialogUsage, type DialogUsage } from './dialog-usage.js';
import type { EndpointDialogState } from './dialog-usage-state.js';
import { createEndpointGuid, createEpid, instanceIdFromEpid } from './endpoint-identity.js';
import { LOAD_ROSTER_HISTORY_LIMIT, type EndpointOptions } from './endpoint-options.js';
import { EndpointTracer } from './endpoint-tracer.js';
import { endedDialogProbeBody, type ProbedDialog } from './ended-dialog-probe.js';
import { buildImSdp } from './im-sdp.js';
import { nextAttempt, ntlmUserOf, sendWithDigest, userOfAor } from './challenge-retry.js';
import { inboundRequestStatus } from './inbound-request-status.js';
import { sessionRefreshDelay } from './session-timer.js';
import type { InboundMessage, SipaeRejection } from './inbound-message.js';
import type { JoinResult } from './join-result.js';
import { buildOutOfDialogRequest, formatFromNameAddr } from './out-of-dialog-request.js';
import { Registration } from './registration.js';
import {
  conferenceIdOf,
  deriveMcuUri,
  hostPort,
  mediaTypeOf,
  normalizeFocusUri,
} from './sip-text.js';

/** Version written in the default User-Agent. */
export const ENDPOINT_VERSION = '0.1.0';
/** One string shared by every endpoint. */
const DEFAULT_USER_AGENT = `focus-harness/${ENDPOINT_VERSION} (Lync-compatible)`;

const DEFAULT_REGISTER_EXPIRES = 3600;
const DEFAULT_C3P_TIMEOUT_MS = 5000;
/** How long `join` waits for the first roster document to learn the chat URI (brief §1.1). */
const ROSTER_CHAT_URI_WAIT_MS = 2000;

export class Endpoint {
  readonly role: string;
  readonly aor: string;
  readonly displayName: string | undefined;
  readonly epid: string;
  readonly instanceId: string;
  /** This endpoint's view of the conference: every D2 document merged (RFC 4575 §4.6). */
  readonly roster: Roster;
  /** Roster documents that were stale, left a gap, came before a full one, or were malformed. */
  readonly rosterIssues: RosterUpdate[] = [];
  /** Everything that arrived on this endpoint's connection, in order. */
  readonly received: InboundMessage[] = [];
  /** Messages dropped because their MS-SIPAE signature was missing or wrong (NTLM only). */
  readonly authFailures: string[] = [];

  readonly #options: EndpointOptions;
  readonly #clock: Clock;
  readonly #recorder: TraceRecorder;
  readonly #userAgent: string;
  readonly #fromNameAddr: string;
  readonly #registration: Registration;
  #connection: SipConnection | undefined;
  #layer: TransactionLayer | undefined;
  #closed = false;
  #focusUri: string | undefined;
  #chatUri: string | undefined;
  readonly #d1 = createDialogUsage('D1');
  readonly #d2 = createDialogUsage('D2');
  readonly #d3 = createDialogUsage('D3');
  readonly #c3p: C3pWaiters;
  readonly #tracer: EndpointTracer;
  readonly #digest: DigestClient | undefined;
  readonly #sipae: SipaeClient | undefined;
  #requestSeq = randomInt(10_000_000, 90_000_000);
  #inboundListeners: ((message: InboundMessage) => void)[] = [];
  #rosterListeners: ((update: RosterUpdate) => void)[] = [];
  #removal: Promise<void> | undefined;
  #refreshingRoster = false;

  constructor(options: EndpointOptions) {
    this.#options = options;
    this.role = options.role;
    this.aor = options.aor;
    this.displayName = options.displayName;
    this.epid = options.epid ?? createEpid();
    this.instanceId = instanceIdFromEpid(this.epid);
    this.#clock = options.clock ?? systemClock;
    const historyLimit = options.rosterHistoryLimit ?? (options.keepReceived === false ? LOAD_ROSTER_HISTORY_LIMIT : undefined);
    this.roster = new Roster({ clock: this.#clock, ...(historyLimit === undefined ? {} : { historyLimit }) });
    this.#recorder = options.recorder ?? new TraceRecorder({ enabled: false });
    this.#userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.#fromNameAddr = formatFromNameAddr(options.aor, options.displayName);
    this.#c3p = new C3pWaiters(this.#clock);
    this.#registration = new Registration({
      aor: this.aor,
      epid: this.epid,
      instanceId: this.instanceId,
      fromNameAddr: this.#fromNameAddr,
      userAgent: this.#userAgent,
      transport: options.server.transport,
      clock: this.#clock,
    });
    const username = options.authUsername ?? userOfAor(options.aor);
    const ntlm = options.authScheme === 'ntlm';
    this.#digest = options.password === undefined || ntlm ? undefined : new DigestClient({ username, password: options.password });
    this.#sipae =
      options.password === undefined || !ntlm
        ? undefined
        : new SipaeClient({ credentials: { ...ntlmUserOf(username), password: options.password }, clock: this.#clock });
    this.#tracer = new EndpointTracer(this.role, this.#recorder, this.#clock, (callId) => this.#usageOf(callId)?.name);
  }

  /** The GRUU the registrar issued (brief §1.2), once registered. */
  get gruu(): string | undefined {
    return this.#registration.gruu;
  }

  /** The focus URI of the conference joined (or being joined). */
  get focusUri(): string | undefined {
    return this.#focusUri;
  }

  /** The chat MCU URI used for D3. */
  get chatUri(): string | undefined {
    return this.#chatUri;
  }

  /** The trace recorder this endpoint writes to. */
  get recorder(): TraceRecorder {
    return this.#recorder;
  }

  /** The connection id (as in trace records), once connected. */
  get connectionId(): string | undefined {
    return this.#connection?.id;
  }

  dialogState(): EndpointDialogState {
    return { focus: this.#d1.state, roster: this.#d2.state, im: this.#d3.state };
  }

  /** Calls `cb` for every later inbound message (before the endpoint reacts to it). */
  onInbound(cb: (message: InboundMessage) => void): () => void {
    this.#inboundListeners.push(cb);
    return () => {
      this.#inboundListeners = this.#inboundListeners.filter((l) => l !== cb);
    };
  }

  /** Calls `cb` after every roster document this endpoint receives on D2 (applied or not). */
  onRosterUpdate(cb: (update: RosterUpdate) => void): () => void {
    this.#rosterListeners.push(cb);
    return () => {
      this.#rosterListeners = this.#rosterListeners.filter((l) => l !== cb);
    };
  }

  /**
   * Resolves true as soon as `predicate` holds for the roster (checked now and after every roster
   * document), false after `timeoutMs` on the injected clock.
   */
  waitForRoster(predicate: (roster: Roster) => boolean, timeoutMs: number): Promise<boolean> {
    if (predicate(this.roster)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = this.#clock.setTimer(timeoutMs, () => {
        off();
        resolve(false);
      });
      const off = this.onRosterUpdate(() => {
        if (!predicate(this.roster)) return;
        off();
        timer.cancel();
        resolve(true);
      });
    });
  }

  /** Opens the TLS (or TCP) connection to the server. */
  async connect(): Promise<void> {
    if (this.#connection && !this.#connection.closed) return;
    const { server } = this.#options;
    const connection = await connect({
      host: server.host,
      port: server.port,
      transport: server.transport,
      ...(server.ca === undefined ? {} : { ca: server.ca }),
      ...(server.servername === undefined ? {} : { servername: server.servername }),
      ...(server.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: server.connectTimeoutMs }),
      ...(this.#options.keyLog === undefined ? {} : { keyLog: this.#options.keyLog }),
      clock: this.#clock,
    });
    this.#connection = connection;
    this.#closed = false;
    // A security association belongs to one connection (brief §3.3).
    this.#sipae?.forget();
    // Before onMessage (the layer's): reading starts with the first message handler.
    connection.onParseError((error, raw) => this.#tracer.parseError(connection, error, raw));
    // A C3P response can no longer arrive once the connection is gone: end those waits now.
    connection.onClose(() => {
      if (this.#connection === connection) this.#c3p.cancelAll();
    });
    const channel = {
      transport: connection.transport,
      local: connection.local,
      onClose: (cb: (reason?: unknown) => void): void => {
        connection.onClose(cb);
      },
      send: (message: SipMessage): void => {
        if (this.#sipae && isRequest(message)) this.#sipae.prepareRequest(message);
        this.#tracer.out(connection, message);
        connection.send(message);
      },
      onMessage: (cb: (message: SipMessage) => void): void => {
        connection.onMessage((message, raw) => {
          const verdict = this.#sipae?.verifyIncoming(message);
          const rejected: SipaeRejection | undefined = verdict !== undefined && !verdict.ok
            ? { reason: verdict.reason, detail: verdict.detail, ...(verdict.signature === undefined ? {} : { signature: verdict.signature }) }
            : undefined;
          this.#received(connection, message, raw, rejected);
          // MS-SIPAE 3.2.5.2 (brief §3.8): an unsigned or badly signed message is dropped.
          if (rejected !== undefined) {
            this.authFailures.push(`${this.role}: ${rejected.detail}`);
            return;
          }
          cb(message);
        });
      },
    };
    const layer = new TransactionLayer(channel, {
      clock: this.#clock,
      ...(this.#options.t1 === undefined ? {} : { t1: this.#options.t1 }),
    });
    this.#layer = layer;
    layer.onRequest((request, txn) => this.#onRequest(request, txn));
  }

  /**
   * REGISTER in the MS-SIPREGE shape (brief §3.1); on 2xx keeps the GRUU, refreshes at half the
   * granted expiry and sends CRLF keep-alives through the clock. `expires: 0` unregisters.
   */
  async register(options: { expires?: number } = {}): Promise<SipResponse> {
    const layer = this.#requireLayer('register');
    const connection = this.#requireConnection('register');
    const expires = options.expires ?? DEFAULT_REGISTER_EXPIRES;
    this.#registration.cancelTimers();
    const { request, response } = await this.#sendAuthorized(layer, this.#registration.buildRequest(connection, expires));
    this.#registration.observeCSeq(getCSeq(request).seq);
    if (!this.#closed) {
      this.#registration.accept(response, expires, connection, () => {
        this.register({ expires }).catch(() => undefined);
      });
    }
    return response;
  }

  /**
   * addConference by SERVICE to our focus factory (brief §4.2). Throws `FH_C3P` when no focus URI
   * comes back (the caller cannot go on without one).
   */
  async createConference(options: { subject?: string } = {}): Promise<{ focusUri: string; conferenceId: string; response: C3pResponse }> {
    const requestedId = randomBytes(16).toString('hex').toUpperCase();
    const expiry = new Date(this.#clock.now() + 7 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const command: C3pCommand = {
      name: 'addConference',
      conferenceId: requestedId,
      expiryTime: expiry,
      admissionPolicy: 'openAuthenticated',
      entityViews: ['chat'],
      ...(options.subject === undefined ? {} : { subject: options.subject }),
    };
    const { sipResponse, response } = await this.#c3pService(command, { caller: 'createConference', headers: [['Supported', 'ms-sender']] });
    const focusUri = response?.focusUri;
    if (sipResponse.status !== 200 || response?.code !== 'success' || focusUri === undefined) {
      const c3p = response ? `, C3P code="${response.code}"${response.reason ? ` reason="${response.reason}"` : ''}` : ', no C3P response body';
      throw new FocusHarnessError(
        'FH_C3P',
        `${this.role}: addConference to ${this.#factoryUri()} failed (SIP ${sipResponse.status} ${sipResponse.reason}${c3p}); check that the server hosts a focus factory for ${this.aor}.`,
        { where: `${this.role} SERVICE` },
      );
    }
    return { focusUri, conferenceId: conferenceIdOf(focusUri) ?? response.confUris?.[0]?.uri ?? requestedId, response };
  }

  /** joinFocus + subscribeRoster + joinIm (each optional part on by default). */
  async join(focusUri: string, options: { subscribe?: boolean; im?: boolean } = {}): Promise<JoinResult> {
    const focus = await this.joinFocus(focusUri);
    const result: JoinResult = { focusUri: this.#focusUri ?? focusUri, focus };
    // SIPE subscribes only after a successful addUser (brief §4.4).
    if (focus.sipStatus < 200 || focus.sipStatus >= 300 || focus.response?.code === 'failure') return result;
    if (options.subscribe !== false) {
      result.roster = await this.subscribeRoster();
      if (options.im !== false && result.roster.status < 300 && this.roster.chatUri === undefined) {
        await this.waitForRoster((roster) => roster.chatUri !== undefined, ROSTER_CHAT_URI_WAIT_MS);
      }
    }
    if (options.im !== false) {
      result.im = await this.joinIm();
      if (this.#chatUri !== undefined) result.chatUri = this.#chatUri;
    }
    return result;
  }

  /** INVITE to the focus with C3P addUser (brief §4.4), then ACK a 2xx. */
  async joinFocus(focusUri: string): Promise<C3pOutcome> {
    const layer = this.#requireLayer('joinFocus');
    const uri = normalizeFocusUri(focusUri);
    if (this.#focusUri !== uri) this.roster.reset();
    // Its own copy: the URI may be cut from a C3P response we must not keep (issue 4).
    this.#focusUri = ownString(uri);
    const requestId = this.#nextRequestId();
    const body = buildC3pRequest({
      requestId,
      from: this.aor,
      to: uri,
      command: {
        name: 'addUser',
        confEntity: uri,
        userEntity: this.aor,
        role: 'attendee',
        endpointEntity: createEndpointGuid(),
        clientInfo: { lobbyCapable: true },
      },
    });
    const callId = newCallId();
    beginDialogUsage(this.#d1, callId);
    const invite = this.#outOfDialog(
      'INVITE',
      uri,
      callId,
      [
        ['Supported', 'ms-dialog-route-set-update'],
        ['Supported', 'timer'],
        ['Supported', 'ms-sender'],
      ],
      CCCP,
      body,
    );
    const { request: sent, response: sipResponse } = await this.#sendAuthorized(layer, invite);
    this.#confirmInvite(this.#d1, sent, sipResponse);
    const response = c3pResponseOf(sipResponse);
    return {
      sipStatus: sipResponse.status,
      carriedBy: response ? '200' : 'none',
      ...(response ? { response } : {}),
      requestId,
      sipResponse,
    };
  }

  /** SUBSCRIBE `Event: conference` to the focus (brief §4.5), offering BENOTIFY. */
  async subscribeRoster(): Promise<SipResponse> {
    const layer = this.#requireLayer('subscribeRoster');
    const focusUri = this.#requireFocus('subscribeRoster');
    const callId = newCallId();
    beginDialogUsage(this.#d2, callId);
    const subscribe = this.#outOfDialog('SUBSCRIBE', focusUri, callId, [
      ['Event', 'conference'],
      ['Accept', 'application/conference-info+xml'],
      ['Supported', 'com.microsoft.autoextend'],
      ['Supported', 'ms-benotify'],
      ['Proxy-Require', 'ms-benotify'],
      ['Supported', 'ms-piggyback-first-notify'],
    ]);
    const { request: sent, response } = await this.#sendAuthorized(layer, subscribe);
    if (response.status >= 200 && response.status < 300 && this.#d2.callId === callId) {
      this.#d2.dialog = Dialog.asUac(sent, response);
      if (this.#d2.state === 'none') this.#d2.state = 'active';
      // ms-piggyback-first-notify: the 200 itself may carry the first document (brief §4.5).
      if (mediaTypeOf(response) === 'application/conference-info+xml' && response.body.length > 0) this.#applyRoster(response.body);
    }
    return response;
  }

  /**
   * Direct media INVITE to the chat MCU (brief §4.6): the URI from the roster's conf-uris, else
   * derived from the focus URI; SDP `m=message`; ACK a 2xx.
   */
  async joinIm(): Promise<SipResponse> {
    const layer = this.#requireLayer('joinIm');
    const connection = this.#requireConnection('joinIm');
    const focusUri = this.#requireFocus('joinIm');
    const chatUri = this.roster.chatUri ?? deriveMcuUri(focusUri, 'chat');
    this.#chatUri = ownString(chatUri);
    const callId = newCallId();
    beginDialogUsage(this.#d3, callId);
    const sdp = buildImSdp(connection.local.address, connection.local.port);
    const invite = this.#outOfDialog(
      'INVITE',
      chatUri,
      callId,
      [
        ['Supported', 'ms-sender'],
        ['Supported', 'timer'],
      ],
      'application/sdp',
      sdp,
    );
    const { request: sent, response } = await this.#sendAuthorized(layer, invite);
    this.#confirmInvite(this.#d3, sent, response);
    return response;
  }

  /** MESSAGE in D3 (brief §4.7). */
  async say(text: string): Promise<SipResponse> {
    const layer = this.#requireLayer('say');
    const dialog = this.#requireActive(this.#d3, 'say', 'joinIm()');
    const message = dialog.createRequest('MESSAGE', {
      headers: [['User-Agent', this.#userAgent]],
      body: Buffer.from(text, 'utf8'),
      contentType: 'text/plain; charset=UTF-8',
    });
    return layer.sendRequest(message);
  }

  /**
   * Typing notification in D3 (brief §4.8, SIPE): INFO with a `KeyboardActivity` document,
   * `type` while typing, `idle` when stopped.
   */
  async typing(active = true): Promise<SipResponse> {
    const layer = this.#requireLayer('typing');
    const dialog = this.#requireActive(this.#d3, 'typing', 'joinIm()');
    const info = dialog.createRequest('INFO', {
      headers: [['User-Agent', this.#userAgent]],
      body: `<?xml version="1.0"?><KeyboardActivity><status status="${active ? 'type' : 'idle'}"/></KeyboardActivity>`,
      contentType: 'application/xml',
    });
    return layer.sendRequest(info);
  }

  /** C3P deleteUser over INFO in D1 (seed msg 1). */
  eject(target: Endpoint | string): Promise<C3pOutcome> {
    const focusUri = this.#requireFocus('eject');
    return this.#c3pInfo({ name: 'deleteUser', confEntity: focusUri, userEntity: aorOf(target) });
  }

  /** C3P modifyUserRoles over INFO in D1. */
  setRoles(target: Endpoint | string, roles: string[]): Promise<C3pOutcome> {
    const focusUri = this.#requireFocus('setRoles');
    return this.#c3pInfo({ name: 'modifyUserRoles', confEntity: focusUri, userEntity: aorOf(target), roles });
  }

  /** C3P modifyConferenceLock over INFO in D1. */
  lock(locked = true): Promise<C3pOutcome> {
    const focusUri = this.#requireFocus('lock');
    return this.#c3pInfo({ name: 'modifyConferenceLock', confEntity: focusUri, locked });
  }

  /** C3P getConference over INFO in D1. */
  getConference(): Promise<C3pOutcome> {
    const focusUri = this.#requireFocus('getConference');
    return this.#c3pInfo({ name: 'getConference', confEntity: focusUri });
  }

  /**
   * C3P modifyConference over INFO in D1 (MS-CONFBAS 4.4.10, brief §6.13): a partial
   * conference-description with the new subject and/or display text. `mscp:mcuUri` names the IM MCU
   * (the roster's chat URI) unless `mcuUri` is given.
   */
  modifyConference(change: { subject?: string; displayText?: string; mcuUri?: string }): Promise<C3pOutcome> {
    const focusUri = this.#requireFocus('modifyConference');
    return this.#c3pInfo({
      name: 'modifyConference',
      confEntity: focusUri,
      mcuUri: change.mcuUri ?? this.roster.chatUri ?? deriveMcuUri(focusUri, 'chat'),
      ...(change.subject === undefined ? {} : { subject: change.subject }),
      ...(change.displayText === undefined ? {} : { displayText: change.displayText }),
    });
  }

  /**
   * C3P getAvailableMcuTypes by SERVICE to our focus factory (MS-CONFPRO 4.7); the list is
   * `outcome.response?.mcuTypes`. Needs a registration, not a conference.
   */
  availableMcuTypes(): Promise<C3pOutcome> {
    return this.#c3pService({ name: 'getAvailableMcuTypes' });
  }

  /**
   * Leaves voluntarily (brief §4.9, SIPE sipe_session_close): unsubscribe (in-dialog SUBSCRIBE with
   * `Expires: 0`), BYE in D1, BYE in D3 — sent back to back, then awaited; 200 or 481 both end them.
   */
  async leave(): Promise<void> {
    const layer = this.#layer;
    if (!layer) return;
    const pending: Promise<unknown>[] = [];
    const d2 = this.#d2;
    if (d2.state === 'active' && d2.dialog) {
      const unsubscribe = d2.dialog.createRequest('SUBSCRIBE', {
        headers: [
          ['Event', 'conference'],
          ['Expires', '0'],
          ['User-Agent', this.#userAgent],
        ],
      });
      d2.state = 'terminated';
      d2.closing = true;
      pending.push(
        layer.sendRequest(unsubscribe).finally(() => {
          d2.closing = false;
        }),
      );
    }
    pending.push(this.#bye(this.#d1), this.#bye(this.#d3));
    await Promise.allSettled(pending);
  }

  /**
   * TEST-ONLY: sends one `method` request on the focus (D1) or IM (D3) dialog after it has ended —
   * on purpose, which a correct client never does — and resolves with the final response. The
   * request reuses the ended dialog's Call-ID, tags, route set and remote target with the next
   * CSeq, and is traced like any other message. Scenarios use it for brief §7.2 E3/E4: "afterwards
   * requests on D1 get 481". INFO in D1 carries a C3P getConference, MESSAGE a line of text
   * (`ended-dialog-probe.ts`); the usage stays ended whatever the answer.
   *
   * @throws FocusHarnessError `FH_DIALOG` when that dialog never came up, has not ended yet, or our
   * own BYE on it is still outstanding.
   */
  async probeEndedDialog(dialog: ProbedDialog, method = 'INFO'): Promise<SipResponse> {
    const layer = this.#requireLayer('probeEndedDialog');
    const usage = dialog === 'focus' ? this.#d1 : this.#d3;
    if (!usage.dialog || usage.state !== 'terminated' || usage.closing) {
      const why = !usage.dialog ? 'never came up' : usage.closing ? 'is still closing' : `is ${usage.state}`;
      throw new FocusHarnessError('FH_DIALOG', `${this.role}: probeEndedDialog() needs an ended ${usage.name} dialog; it ${why}.`);
    }
    const body = endedDialogProbeBody({ dialog, method, aor: this.aor, focusUri: this.#focusUri ?? '', requestId: this.#nextRequestId() });
    const request = usage.dialog.createRequest(method, { headers: [['User-Agent', this.#userAgent]], ...(body ?? {}) });
    return layer.sendRequest(request);
  }

  /** Closes the connection and cancels timers and waits; never throws. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#registration.cancelTimers();
    this.#c3p.cancelAll();
    for (const usage of [this.#d1, this.#d3]) {
      usage.refresh?.cancel();
      usage.refresh = undefined;
    }
    const connection = this.#connection;
    if (!connection) return;
    try {
      await connection.close();
    } catch {
      // close() never throws: the connection may already be gone.
    }
  }

  // ---------------------------------------------------------------- inbound messages

  #received(connection: SipConnection, message: SipMessage, raw: Buffer, sipaeRejected: SipaeRejection | undefined): void {
    const traced = this.#tracer.in(connection, message, raw);
    if (this.#options.keepReceived === false && this.#inboundListeners.length === 0) return;
    const inbound: InboundMessage = {
      message,
      raw,
      seq: traced.seq,
      time: traced.time,
      peer: traced.peer,
      ...(traced.dialog === undefined ? {} : { dialog: traced.dialog }),
      ...(sipaeRejected === undefined ? {} : { sipaeRejected }),
    };
    if (this.#options.keepReceived !== false) this.received.push(inbound);
    for (const listener of this.#inboundListeners) listener(inbound);
  }

  #onRequest(request: SipRequest, txn: ServerTransaction): void {
    const method = request.method.toUpperCase();
    const usage = this.#usageOf(request.headers.get('call-id'));
    const status = inboundRequestStatus(method, usage, (u) => this.#inOrder(u, request));
    // RFC 3261 §15.1.2: a BYE ends the dialog; with our own BYE crossing it both get 200 (glare).
    if (status === 200 && method === 'BYE' && usage) {
      usage.state = 'terminated';
      usage.refresh?.cancel();
      usage.refresh = undefined;
    }
    if (status !== undefined) this.#respond(txn, request, status);
    if (method === 'BENOTIFY' || method === 'NOTIFY') this.#onNotify(request, usage);
    // SIPE 200-OKs any INFO; a C3P response in D1 completes an earlier 202 (brief §4.11).
    if (status === 200 && method === 'INFO' && usage?.name === 'D1' && mediaTypeOf(request) === CCCP) {
      const response = c3pResponseOf(request);
      if (response) this.#c3p.deliver(response);
    }
  }

  #onNotify(request: SipRequest, usage: DialogUsage | undefined): void {
    if (usage?.name !== 'D2') return;
    const event = (request.headers.get('event') ?? '').split(';')[0]?.trim().toLowerCase();
    if (event !== 'conference') return;
    if (mediaTypeOf(request) === 'application/conference-info+xml' && request.body.length > 0) this.#applyRoster(request.body);
    const state = request.headers.get('subscription-state') ?? '';
    if (!/^\s*terminated/i.test(state)) return;
    // RFC 6665 §4.1.3: a terminated state ends the subscription.
    this.#d2.state = 'terminated';
    // Seed msgs 3–5: on reason=ParticipantRemoved the client leaves its focus and MCU dialogs itself
    // (unless it plays a passive client: `leaveOnRemoval: false`).
    if (this.#options.leaveOnRemoval !== false && /reason\s*=\s*"?ParticipantRemoved/i.test(state)) this.#leaveAfterRemoval();
  }

  #leaveAfterRemoval(): void {
    if (this.#removal) return;
    const d1 = this.#bye(this.#d1);
    const d3 = this.#bye(this.#d3);
    this.#removal = Promise.allSettled([d1, d3]).then(() => {
      this.#removal = undefined;
    });
  }

  /** Settles when the BYEs sent after a `ParticipantRemoved` termination have completed. */
  async settled(): Promise<void> {
    await this.#removal;
  }

  #applyRoster(body: Buffer): void {
    let update: RosterUpdate;
    try {
      update = this.roster.apply(body);
    } catch (error) {
      update = { applied: false, issue: 'malformed', detail: (error as Error).message };
    }
    if (update.issue !== undefined) this.rosterIssues.push(update);
    for (const listener of this.#rosterListeners) listener(update);
    // Brief §7.1 item 6: after a version gap, refresh the subscription to get a full document.
    if (update.issue === 'gap') this.#refreshRoster();
  }

  #refreshRoster(): void {
    const d2 = this.#d2;
    const layer = this.#layer;
    if (!layer || !d2.dialog || d2.state !== 'active' || this.#refreshingRoster) return;
    this.#refreshingRoster = true;
    const refresh = d2.dialog.createRequest('SUBSCRIBE', {
      headers: [
        ['Event', 'conference'],
        ['Accept', 'application/conference-info+xml'],
        ['Supported', 'ms-benotify'],
        ['Proxy-Require', 'ms-benotify'],
        ['User-Agent', this.#userAgent],
      ],
    });
    layer
      .sendRequest(refresh)
      .catch(() => undefined)
      .finally(() => {
        this.#refreshingRoster = false;
      });
  }

  // ---------------------------------------------------------------- helpers

  /** Brief §4.1: the focus factory of our own AOR. */
  #factoryUri(): string {
    return `${this.aor.replace(/^<|>$/g, '')};gruu;opaque=app:conf:focusfactory`;
  }

  /**
   * A C3P command by SERVICE to our focus factory: the response rides the final response (brief
   * §4.11). `caller` names the public method in a usage error (default: the command).
   */
  async #c3pService(command: C3pCommand, options: { caller?: string; headers?: HeaderInit } = {}): Promise<C3pOutcome> {
    const layer = this.#requireLayer(options.caller ?? command.name);
    const factoryUri = this.#factoryUri();
    const requestId = this.#nextRequestId();
    const body = buildC3pRequest({ requestId, from: this.aor, to: factoryUri, command });
    const request = this.#outOfDialog('SERVICE', factoryUri, newCallId(), options.headers ?? [], CCCP, body);
    const { response: sipResponse } = await this.#sendAuthorized(layer, request);
    const response = c3pResponseOf(sipResponse);
    const accepted = sipResponse.status >= 200 && sipResponse.status < 300;
    return { sipStatus: sipResponse.status, carriedBy: accepted && response ? '200' : 'none', ...(response ? { response } : {}), requestId, sipResponse };
  }

  async #c3pInfo(command: C3pCommand): Promise<C3pOutcome> {
    const layer = this.#requireLayer(command.name);
    const dialog = this.#requireActive(this.#d1, command.name, 'join()');
    const requestId = this.#nextRequestId();
    const body = buildC3pRequest({ requestId, from: this.aor, to: this.#focusUri ?? '', command });
    const info = dialog.createRequest('INFO', {
      headers: [
        ['Supported', 'timer'],
        ['User-Agent', this.#userAgent],
      ],
      body: Buffer.from(body, 'utf8'),
      contentType: CCCP,
    });
    this.#c3p.expect(requestId);
    let sipResponse: SipResponse;
    try {
      sipResponse = await layer.sendRequest(info);
    } catch (error) {
      this.#c3p.cancel(requestId);
      throw error;
    }
    return c3pOutcomeOf(requestId, sipResponse, this.#c3p, this.#options.c3pTimeoutMs ?? DEFAULT_C3P_TIMEOUT_MS);
  }

  #confirmInvite(usage: DialogUsage, invite: SipRequest, response: SipResponse): void {
    if (response.status < 200 || response.status >= 300 || usage.callId !== invite.headers.get('call-id')) return;
    const dialog = Dialog.asUac(invite, response);
    usage.dialog = dialog;
    usage.state = 'active';
    // RFC 3261 §13.2.2.4: the UAC acknowledges every 2xx.
    this.#layer?.sendAck(dialog.createAck(getCSeq(invite).seq));
    this.#armSessionRefresh(usage, response);
  }

  /** RFC 4028 §10: refresh D1/D3 with UPDATE at half the negotiated interval when we are the refresher. */
  #armSessionRefresh(usage: DialogUsage, response: SipResponse): void {
    usage.refresh?.cancel();
    usage.refresh = undefined;
    const delay = sessionRefreshDelay(response);
    if (delay === undefined || this.#closed) return;
    const interval = response.headers.get('session-expires')?.split(';')[0]?.trim() ?? '';
    usage.refresh = this.#clock.setTimer(delay, () => {
      usage.refresh = undefined;
      const layer = this.#layer;
      if (!layer || !usage.dialog || usage.state !== 'active' || this.#closed) return;
      const update = usage.dialog.createRequest('UPDATE', {
        headers: [
          ['Session-Expires', `${interval};refresher=uac`],
          ['Supported', 'timer'],
          ['User-Agent', this.#userAgent],
        ],
      });
      layer.sendRequest(update).then(
        (answer) => {
          // RFC 4028 §10: 481/408 mean the session is gone; a 2xx carries the next interval.
          if (answer.status === 481 || answer.status === 408) usage.state = 'terminated';
          else if (answer.status >= 200 && answer.status < 300 && usage.state === 'active') this.#armSessionRefresh(usage, answer);
        },
        () => undefined,
      );
    });
  }

  async #bye(usage: DialogUsage): Promise<SipResponse | undefined> {
    const layer = this.#layer;
    if (!layer || !usage.dialog || usage.state !== 'active') return undefined;
    const bye = usage.dialog.createRequest('BYE', { headers: [['User-Agent', this.#userAgent]] });
    usage.state = 'terminated';
    usage.refresh?.cancel();
    usage.refresh = undefined;
    usage.closing = true;
    try {
      return await layer.sendRequest(bye);
    } catch {
      return undefined;
    } finally {
      usage.closing = false;
    }
  }

  /**
   * Sends an out-of-dialog request; with a password, adds the cached Digest credentials and answers
   * 401/407 challenges (RFC 3261 §22.2). Refused credentials throw `FH_AUTH` (a configuration error).
   */
  async #sendAuthorized(layer: TransactionLayer, first: SipRequest): Promise<{ request: SipRequest; response: SipResponse }> {
    const sipae = this.#sipae;
    if (sipae) return this.#sendSipae(layer, sipae, first);
    return sendWithDigest(this.#digest, first, (request) => layer.sendRequest(request));
  }

  /**
   * MS-SIPAE NTLM: two challenge rounds at most — the scheme offer, then the NTLM CHALLENGE (brief
   * §3.4); a refusal throws `FH_AUTH`. A response dropped for a missing or wrong server signature
   * ends in a transaction timeout, reported as `FH_AUTH` with the signature problem.
   */
  async #sendSipae(layer: TransactionLayer, sipae: SipaeClient, first: SipRequest): Promise<{ request: SipRequest; response: SipResponse }> {
    const failuresBefore = this.authFailures.length;
    try {
      let request = first;
      let response = await layer.sendRequest(request);
      for (let attempt = 0; attempt < 2 && SipaeClient.isChallenge(response); attempt++) {
        sipae.acceptChallenge(request, response);
        request = nextAttempt(request);
        response = await layer.sendRequest(request);
      }
      if (SipaeClient.isChallenge(response)) sipae.acceptChallenge(request, response);
      return { request, response };
    } catch (error) {
      const dropped = this.authFailures.slice(failuresBefore);
      if (isFocusHarnessError(error) && error.code === 'FH_TXN_TIMEOUT' && dropped.length > 0) {
        throw new FocusHarnessError('FH_AUTH', `${first.method} got no acceptable answer: dropped for MS-SIPAE signature — ${dropped.join('; ')}`, { cause: error });
      }
      throw error;
    }
  }

  /** RFC 3261 §12.2.2: a CSeq lower than the last one seen gets 500; glare on a closing dialog is fine. */
  #inOrder(usage: DialogUsage, request: SipRequest): boolean {
    if (!usage.dialog) return true;
    const verdict = usage.dialog.receiveRequest(request);
    return verdict.ok || verdict.status !== 500;
  }

  #respond(txn: ServerTransaction, request: SipRequest, status: number): void {
    const headers: [string, string][] = [['User-Agent', this.#userAgent]];
    const gruu = this.#registration.gruu;
    if (status === 200 && gruu !== undefined && request.method.toUpperCase() !== 'BYE') headers.unshift(['Contact', `<${gruu}>`]);
    try {
      txn.respond(createResponse(request, status, undefined, { headers, toTag: newTag() }));
    } catch {
      // The transaction may already be gone (connection closed); nothing to answer then.
    }
  }

  #usageOf(callId: string | undefined): DialogUsage | undefined {
    if (callId === undefined) return undefined;
    if (this.#d1.callId === callId) return this.#d1;
    if (this.#d2.callId === callId) return this.#d2;
    if (this.#d3.callId === callId) return this.#d3;
    return undefined;
  }

  #outOfDialog(method: string, uri: string, callId: string, headers: HeaderInit, contentType?: string, body?: string): SipRequest {
    return buildOutOfDialogRequest({
      method,
      uri,
      fromNameAddr: this.#fromNameAddr,
      fromTag: newTag(),
      epid: this.epid,
      callId,
      cseq: 1,
      via: this.#via(),
      contact: this.#contact(),
      userAgent: this.#userAgent,
      headers,
      ...(contentType === undefined ? {} : { contentType }),
      ...(body === undefined ? {} : { body }),
    });
  }

  #via(): string {
    const connection = this.#requireConnection('send');
    return `SIP/2.0/${this.#options.server.transport.toUpperCase()} ${hostPort(connection.local)}`;
  }

  #contact(): string {
    return this.#registration.contact(this.#requireConnection('send'));
  }

  #nextRequestId(): string {
    this.#requestSeq += 1;
    return String(this.#requestSeq);
  }

  #requireLayer(what: string): TransactionLayer {
    if (!this.#layer || this.#closed) {
      throw new FocusHarnessError('FH_USAGE', `${this.role}: ${what}() needs a connection; call connect() first.`);
    }
    return this.#layer;
  }

  #requireConnection(what: string): SipConnection {
    if (!this.#connection) throw new FocusHarnessError('FH_USAGE', `${this.role}: ${what}() needs a connection; call connect() first.`);
    return this.#connection;
  }

  #requireFocus(what: string): string {
    if (this.#focusUri === undefined) {
      throw new FocusHarnessError('FH_USAGE', `${this.role}: ${what}() needs a conference; call join(focusUri) first.`);
    }
    return this.#focusUri;
  }

  #requireActive(usage: DialogUsage, what: string, hint: string): Dialog {
    if (!usage.dialog || usage.state !== 'active') {
      throw new FocusHarnessError('FH_DIALOG', `${this.role}: ${what}() needs an active ${usage.name} dialog (state ${usage.state}); call ${hint} first.`);
    }
    return usage.dialog;
  }
}

function aorOf(target: Endpoint | string): string {
  return typeof target === 'string' ? target : target.aor;
}
