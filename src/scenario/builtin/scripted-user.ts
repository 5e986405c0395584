/**
 * A scripted SIP user for the negative and delivery-failure scenarios: its own TLS/TCP connection,
 * its own REGISTER, and requests written by hand — a forged `From`, a SUBSCRIBE by someone who
 * never joined, a malformed C3P body, a MESSAGE answered with a failure. The emulated
 * {@link Endpoint} behaves like a correct Lync client and cannot say any of that.
 *
 * @remarks Reliable transport only (RFC 3261 §17.1.1.2: no retransmissions over TLS/TCP), so a
 * client transaction is a map from branch to a waiting promise; an INVITE 2xx is acknowledged
 * (RFC 3261 §13.2.2.4) and its dialog kept (Call-ID, tags, remote target, CSeq). Inbound requests
 * are answered 200 except BENOTIFY (never answered, MS-SIP 3.5) and MESSAGE, whose status is
 * configurable (brief §6.6: a recipient answering ≥ 300). Every message goes on the run's trace
 * under this user's role, so it shows in the ladder.
 */
import { randomBytes } from 'node:crypto';
import { DigestClient } from '../../auth/index.js';
import { labelFor, peerFor, type TraceDialog } from '../../capture/index.js';
import { sendWithDigest, type ServerTarget } from '../../endpoint/index.js';
import { FocusHarnessError } from '../../errors.js';
import {
  createRequest,
  createResponse,
  getCSeq,
  newBranch,
  newCallId,
  newEpid,
  newTag,
  parseNameAddr,
  serializeMessage,
  type HeaderInit,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../../sip/index.js';
import { connect, type SipConnection } from '../../transport/index.js';
import type { Clock } from '../../util/index.js';
import type { TraceRecorder } from '../../capture/index.js';

export interface ScriptedUserOptions {
  readonly role: string;
  readonly aor: string;
  readonly server: ServerTarget;
  readonly recorder: TraceRecorder;
  readonly clock: Clock;
  /** How long a request waits for its final response. @default 5000 */
  readonly timeoutMs?: number;
  /** TLS key log sink (NSS format). */
  readonly keyLog?: (line: string) => void;
  /** Digest credentials for a server that challenges (RFC 3261 §22.2); none: no retry. */
  readonly credentials?: { readonly username: string; readonly password: string };
}

/** A dialog this user created with an INVITE or SUBSCRIBE (RFC 3261 §12.1.2). */
export interface ScriptedDialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly remoteUri: string;
  readonly remoteTarget: string;
  cseq: number;
  readonly label?: TraceDialog;
}

export interface ScriptedRequestInit {
  readonly headers?: HeaderInit;
  readonly body?: string;
  readonly contentType?: string;
  readonly callId?: string;
  /** Written as the From AOR (a forgery when it is not ours). @default this user's AOR */
  readonly fromAor?: string;
  readonly toUri?: string;
  /** Trace label of the dialog this request opens (D1/D2/D3). */
  readonly dialog?: TraceDialog;
}

/** One message this user received, with its trace seq. */
export interface ScriptedInbound {
  readonly seq: number;
  readonly message: SipMessage;
}

interface Pending {
  resolve(response: SipResponse): void;
  reject(error: Error): void;
}

export class ScriptedUser {
  readonly role: string;
  readonly aor: string;
  readonly epid = newEpid();
  readonly received: ScriptedInbound[] = [];
  /** Status for inbound MESSAGEs. @default 200 */
  messageStatus = 200;
  readonly #options: ScriptedUserOptions;
  readonly #pending = new Map<string, Pending>();
  readonly #dialogLabels = new Map<string, TraceDialog>();
  #listeners: ((inbound: ScriptedInbound) => void)[] = [];
  #connection: SipConnection | undefined;
  #cseq = 1;
  readonly #digest: DigestClient | undefined;

  constructor(options: ScriptedUserOptions) {
    this.#options = options;
    this.role = options.role;
    this.aor = options.aor;
    this.#digest = options.credentials ? new DigestClient(options.credentials) : undefined;
  }

  async connect(): Promise<void> {
    const { server, clock } = this.#options;
    const connection = await connect({
      host: server.host,
      port: server.port,
      transport: server.transport,
      clock,
      ...(server.ca === undefined ? {} : { ca: server.ca }),
      ...(server.servername === undefined ? {} : { servername: server.servername }),
      ...(this.#options.keyLog === undefined ? {} : { keyLog: this.#options.keyLog }),
    });
    this.#connection = connection;
    connection.onMessage((message, raw) => this.#receive(message, raw));
    connection.onClose(() => {
      for (const waiter of this.#pending.values()) waiter.reject(new FocusHarnessError('FH_TRANSPORT_CLOSED', `${this.role}: the connection closed`));
      this.#pending.clear();
    });
  }

  /** REGISTER as {@link aor} on this connection (brief §3.1; Digest when the server challenges). */
  register(): Promise<SipResponse> {
    const connection = this.#require();
    const domain = this.aor.replace(/^sips?:[^@]*@/i, '');
    const instance = `${randomBytes(4).toString('hex')}-0000-5000-8000-${randomBytes(6).toString('hex')}`;
    const contact = `<sip:${connection.local.address}:${connection.local.port};transport=${this.#options.server.transport};ms-opaque=${randomBytes(5).toString('hex')}>;methods="INVITE, MESSAGE, INFO, SUBSCRIBE, OPTIONS, BYE, CANCEL, NOTIFY, ACK, BENOTIFY";proxy=replace;+sip.instance="<urn:uuid:${instance}>"`;
    return this.request('REGISTER', `sip:${domain}`, {
      toUri: this.aor,
      headers: [['Contact', contact], ['Event', 'registration'], ['Supported', 'gruu-10, adhoclist'], ['Expires', '3600']],
    });
  }

  /** An out-of-dialog request; resolves with its final response (rejects `FH_TXN_TIMEOUT`). */
  request(method: string, uri: string, init: ScriptedRequestInit = {}): Promise<SipResponse> {
    const callId = init.callId ?? newCallId();
    if (init.dialog) this.#dialogLabels.set(callId, init.dialog);
    const from = `<${init.fromAor ?? this.aor}>;tag=${newTag()};epid=${this.epid}`;
    const request = this.#build(method, uri, from, `<${init.toUri ?? uri}>`, callId, this.#cseq++, init);
    return this.#sendAuthorized(request).then(({ response }) => response);
  }

  /** INVITE (focus or MCU); on a 2xx sends the ACK and returns the dialog too. */
  async invite(uri: string, init: ScriptedRequestInit): Promise<{ response: SipResponse; dialog?: ScriptedDialog }> {
    const callId = init.callId ?? newCallId();
    const localTag = newTag();
    if (init.dialog) this.#dialogLabels.set(callId, init.dialog);
    const first = this.#build('INVITE', uri, `<${init.fromAor ?? this.aor}>;tag=${localTag};epid=${this.epid}`, `<${uri}>`, callId, 1, init);
    const { request, response } = await this.#sendAuthorized(first);
    const inviteCSeq = getCSeq(request).seq;
    if (response.status < 200 || response.status >= 300) return { response };
    const to = parseNameAddr(response.headers.get('to') ?? '');
    const contact = response.headers.get('contact');
    const dialog: ScriptedDialog = {
      callId,
      localTag,
      remoteTag: to.params.get('tag') ?? '',
      remoteUri: to.uri,
      remoteTarget: contact ? parseNameAddr(contact).uri : uri,
      cseq: inviteCSeq,
      ...(init.dialog ? { label: init.dialog } : {}),
    };
    const ack = this.#inDialogMessage(dialog, 'ACK', inviteCSeq, {});
    this.#trace('out', ack, serializeMessage(ack));
    this.#require().send(ack);
    return { response, dialog };
  }

  /**
   * A request inside `dialog` (next CSeq): one of ours, or one whose identifiers were taken from
   * another user's traffic (a forgery).
   */
  inDialog(dialog: ScriptedDialog, method: string, init: ScriptedRequestInit = {}): Promise<SipResponse> {
    if (dialog.label) this.#dialogLabels.set(dialog.callId, dialog.label);
    dialog.cseq += 1;
    return this.#send(this.#inDialogMessage(dialog, method, dialog.cseq, init));
  }

  /** Calls `cb` for every later inbound message (after it is added to {@link received}). */
  onReceive(cb: (inbound: ScriptedInbound) => void): () => void {
    this.#listeners.push(cb);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== cb);
    };
  }

  async close(): Promise<void> {
    await this.#connection?.close().catch(() => undefined);
  }

  #inDialogMessage(dialog: ScriptedDialog, method: string, cseq: number, init: ScriptedRequestInit): SipRequest {
    return this.#build(
      method,
      dialog.remoteTarget,
      `<${init.fromAor ?? this.aor}>;tag=${dialog.localTag};epid=${this.epid}`,
      `<${dialog.remoteUri}>;tag=${dialog.remoteTag}`,
      dialog.callId,
      cseq,
      init,
    );
  }

  #build(method: string, uri: string, from: string, to: string, callId: string, cseq: number, init: ScriptedRequestInit): SipRequest {
    const connection = this.#require();
    const headers: [string, string][] = [
      ['Via', `SIP/2.0/${this.#options.server.transport.toUpperCase()} ${connection.local.address}:${connection.local.port};branch=${newBranch()}`],
      ['Max-Forwards', '70'],
      ['From', from],
      ['To', to],
      ['Call-ID', callId],
      ['CSeq', `${cseq} ${method}`],
      ['User-Agent', 'focus-harness scripted user'],
      ...(init.headers ?? []).map(([n, v]): [string, string] => [n, v]),
    ];
    if (init.body !== undefined) headers.push(['Content-Type', init.contentType ?? 'application/octet-stream']);
    return createRequest({ method, uri, headers, ...(init.body === undefined ? {} : { body: init.body }) });
  }

  /** An out-of-dialog request with the cached Digest credentials, answering 401/407 challenges. */
  #sendAuthorized(first: SipRequest): Promise<{ request: SipRequest; response: SipResponse }> {
    return sendWithDigest(this.#digest, first, (request) => this.#send(request));
  }

  #send(request: SipRequest): Promise<SipResponse> {
    const connection = this.#require();
    const branch = branchOf(request);
    const key = `${branch} ${getCSeq(request).method}`;
    const timeoutMs = this.#options.timeoutMs ?? 5000;
    return new Promise<SipResponse>((resolve, reject) => {
      const timer = this.#options.clock.setTimer(timeoutMs, () => {
        this.#pending.delete(key);
        reject(new FocusHarnessError('FH_TXN_TIMEOUT', `${this.role}: no final response to ${request.method} within ${timeoutMs} ms`));
      });
      this.#pending.set(key, {
        resolve: (r) => {
          timer.cancel();
          resolve(r);
        },
        reject: (e) => {
          timer.cancel();
          reject(e);
        },
      });
      this.#trace('out', request, serializeMessage(request));
      connection.send(request);
    });
  }

  #receive(message: SipMessage, raw: Buffer): void {
    const seq = this.#trace('in', message, raw);
    const inbound: ScriptedInbound = { seq, message };
    this.received.push(inbound);
    for (const listener of this.#listeners) listener(inbound);
    if (message.kind === 'response') {
      if (message.status < 200) return;
      const key = `${branchOf(message)} ${getCSeq(message).method}`;
      const waiter = this.#pending.get(key);
      this.#pending.delete(key);
      waiter?.resolve(message);
      return;
    }
    const method = message.method.toUpperCase();
    // MS-SIP 3.5: a BENOTIFY is never answered; ACK has no response (RFC 3261 §17.2.1).
    if (method === 'BENOTIFY' || method === 'ACK') return;
    const status = method === 'MESSAGE' ? this.messageStatus : 200;
    const response = createResponse(message, status, undefined, { toTag: newTag() });
    this.#trace('out', response, serializeMessage(response));
    try {
      this.#connection?.send(response);
    } catch {
      // The connection is gone: nothing to answer on.
    }
  }

  #trace(direction: 'in' | 'out', message: SipMessage, raw: Buffer): number {
    const connection = this.#require();
    const callId = message.headers.get('call-id') ?? '';
    const dialog = this.#dialogLabels.get(callId);
    const record = this.#options.recorder.record({
      time: this.#options.clock.now(),
      role: this.role,
      connectionId: connection.id,
      direction,
      local: `${connection.local.address}:${connection.local.port}`,
      remote: `${connection.remote.address}:${connection.remote.port}`,
      peer: dialog === 'D3' ? 'mcu' : dialog ? 'focus' : peerFor(message),
      ...(dialog ? { dialog } : {}),
      callId,
      cseq: message.headers.get('cseq') ?? '',
      firstLine: message.kind === 'request' ? `${message.method} ${message.uri}` : `SIP/2.0 ${message.status} ${message.reason}`,
      label: labelFor(message),
      raw,
    });
    return record?.seq ?? 0;
  }

  #require(): SipConnection {
    if (!this.#connection) throw new FocusHarnessError('FH_USAGE', `${this.role}: connect() first`);
    return this.#connection;
  }
}

/** The top Via's branch (RFC 3261 §17.1.3 matches responses by it). */
function branchOf(message: SipMessage): string {
  return /;\s*branch=([^;,\s]+)/i.exec(message.headers.get('via') ?? '')?.[1] ?? '';
}
