/**
 * A raw SIP client for the lab focus tests, built only on the core layers (sip, transport,
 * transaction, conference) — independent of the harness endpoints.
 */
import { buildC3pRequest, type C3pCommand } from '../../src/conference/index.js';
import {
  createRequest,
  createResponse,
  getCSeq,
  newBranch,
  newCallId,
  newEpid,
  newTag,
  parseNameAddr,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../../src/sip/index.js';
import { TransactionLayer, type ServerTransaction } from '../../src/transaction/index.js';
import { connect, type SipConnection } from '../../src/transport/index.js';
import type { Clock } from '../../src/util/index.js';

export interface Received {
  readonly message: SipMessage;
  readonly raw: Buffer;
}

/** The UAC side of a dialog (RFC 3261 §12.1.2), as little as the tests need. */
export interface UacDialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  /** The To URI of the dialog-creating request (focus or MCU URI). */
  readonly remoteUri: string;
  /** Remote target: the Contact of the 2xx. */
  readonly target: string;
  readonly routes: string[];
  cseq: number;
}

export interface LabAddress {
  readonly port: number;
  readonly caPem?: string | undefined;
  readonly transport?: 'tls' | 'tcp';
}

/** What the client answers to a request the focus sends: a status, or `undefined` for no answer. */
export type AutoAnswer = (request: SipRequest) => number | undefined;

export class RawClient {
  readonly user: string;
  readonly aor: string;
  readonly epid = newEpid();
  readonly opaque = newEpid();
  readonly inbox: Received[] = [];
  readonly parseErrors: Buffer[] = [];
  readonly connection: SipConnection;
  readonly layer: TransactionLayer;
  gruu: string | undefined;
  autoAnswer: AutoAnswer = () => 200;
  /** Called for each request after it was answered (tests react to BENOTIFYs here). */
  onRequest: (request: SipRequest) => void = () => undefined;
  #requestId = 1000;
  #waiters: (() => void)[] = [];

  private constructor(user: string, domain: string, connection: SipConnection, clock?: Clock) {
    this.user = user;
    this.aor = `sip:${user}@${domain}`;
    this.connection = connection;
    this.layer = new TransactionLayer(connection, clock ? { clock } : {});
    connection.onParseError((_error, raw) => this.parseErrors.push(raw));
    connection.onMessage((message, raw) => {
      this.inbox.push({ message, raw });
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.layer.onRequest((request, txn) => this.#answer(request, txn));
  }

  /** Connects; `clock` drives the client's transaction timers (a ManualClock in benchmarks). */
  static async open(lab: LabAddress, user: string, domain = 'contoso.com', clock?: Clock): Promise<RawClient> {
    const transport = lab.transport ?? 'tls';
    const connection = await connect({
      host: '127.0.0.1',
      port: lab.port,
      transport,
      ...(transport === 'tls' ? { ca: lab.caPem ?? '', servername: 'localhost' } : {}),
    });
    return new RawClient(user, domain, connection, clock);
  }

  get displayName(): string {
    return this.user.charAt(0).toUpperCase() + this.user.slice(1);
  }

  get contactUri(): string {
    return `sip:${this.connection.local.address}:${this.connection.local.port};transport=${this.connection.transport};ms-opaque=${this.opaque}`;
  }

  #via(): string {
    return `SIP/2.0/${this.connection.transport.toUpperCase()} ${this.connection.local.address}:${this.connection.local.port};branch=${newBranch()}`;
  }

  #answer(request: SipRequest, txn: ServerTransaction): void {
    if (txn.kind === 'invite' || txn.kind === 'non-invite') {
      const status = this.autoAnswer(request);
      if (status !== undefined) {
        txn.respond(createResponse(request, status, undefined, { headers: this.gruu ? [['Contact', `<${this.gruu}>`]] : [] }));
      }
    }
    this.onRequest(request);
  }

  /** MS-SIPREGE REGISTER (brief §3.1). */
  async register(expires = 900, fromAor = this.aor): Promise<SipResponse> {
    const instance = `"<urn:uuid:${crypto.randomUUID()}>"`;
    const response = await this.send(
      createRequest({
        method: 'REGISTER',
        uri: `sip:${this.aor.split('@')[1]}`,
        headers: [
          ['Via', this.#via()],
          ['Max-Forwards', '70'],
          ['From', `<${fromAor}>;tag=${newTag()};epid=${this.epid}`],
          ['To', `<${this.aor}>`],
          ['Call-ID', newCallId()],
          ['CSeq', '1 REGISTER'],
          ['Contact', `<${this.contactUri}>;methods="INVITE, MESSAGE, INFO, SUBSCRIBE, OPTIONS, BYE, CANCEL, NOTIFY, ACK, REFER, BENOTIFY";proxy=replace;+sip.instance=${instance}`],
          ['Supported', 'gruu-10, adhoclist, msrtc-event-categories'],
          ['Event', 'registration'],
          ['ms-keep-alive', 'UAC;hop-hop=yes'],
          ['Expires', String(expires)],
        ],
      }),
    );
    const contact = response.headers.get('contact');
    if (contact) this.gruu = parseNameAddr(contact).params.get('gruu')?.replace(/^"|"$/g, '');
    return response;
  }

  /** An out-of-dialog request from this user. */
  outOfDialog(method: string, uri: string, init: { headers?: [string, string][]; contentType?: string; body?: string; from?: string } = {}): SipRequest {
    const headers: [string, string][] = [
      ['Via', this.#via()],
      ['Max-Forwards', '70'],
      ['From', `"${this.displayName}" <${init.from ?? this.aor}>;tag=${newTag()};epid=${this.epid}`],
      ['To', `<${uri}>`],
      ['Call-ID', newCallId()],
      ['CSeq', `1 ${method}`],
      ['Contact', `<${this.gruu ?? this.contactUri}>`],
      ['User-Agent', 'focus-harness-test/1.0'],
      ...(init.headers ?? []),
    ];
    if (init.contentType) headers.push(['Content-Type', init.contentType]);
    return createRequest({ method, uri, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  }

  /** An in-dialog request (RFC 3261 §12.2.1.1). */
  inDialog(dialog: UacDialog, method: string, init: { headers?: [string, string][]; contentType?: string; body?: string | Buffer } = {}): SipRequest {
    dialog.cseq += 1;
    const headers: [string, string][] = [
      ['Via', this.#via()],
      ['Max-Forwards', '70'],
      ...dialog.routes.map((r) => ['Route', r] as [string, string]),
      ['From', `<${this.aor}>;tag=${dialog.localTag};epid=${this.epid}`],
      ['To', `<${dialog.remoteUri}>;tag=${dialog.remoteTag}`],
      ['Call-ID', dialog.callId],
      ['CSeq', `${dialog.cseq} ${method}`],
      ...(init.headers ?? []),
    ];
    if (init.contentType) headers.push(['Content-Type', init.contentType]);
    return createRequest({ method, uri: dialog.target, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  }

  send(request: SipRequest): Promise<SipResponse> {
    return this.layer.sendRequest(request);
  }

  /** Sends a dialog-creating request; on 2xx builds the dialog (and ACKs an INVITE). */
  async establish(request: SipRequest): Promise<{ response: SipResponse; dialog: UacDialog | undefined }> {
    const response = await this.send(request);
    if (response.status < 200 || response.status >= 300) return { response, dialog: undefined };
    const to = parseNameAddr(response.headers.get('to') ?? '');
    const from = parseNameAddr(request.headers.get('from') ?? '');
    const contact = response.headers.get('contact');
    const dialog: UacDialog = {
      callId: request.headers.get('call-id') ?? '',
      localTag: String(from.params.get('tag')),
      remoteTag: String(to.params.get('tag')),
      remoteUri: parseNameAddr(request.headers.get('to') ?? '').uri,
      target: contact ? parseNameAddr(contact).uri : request.uri,
      routes: response.headers.getValues('record-route').reverse(),
      cseq: getCSeq(request).seq,
    };
    if (request.method === 'INVITE') {
      this.layer.sendAck(
        createRequest({
          method: 'ACK',
          uri: dialog.target,
          headers: [
            ['Via', this.#via()],
            ['Max-Forwards', '70'],
            ...dialog.routes.map((r) => ['Route', r] as [string, string]),
            ['From', request.headers.get('from') ?? ''],
            ['To', response.headers.get('to') ?? ''],
            ['Call-ID', dialog.callId],
            ['CSeq', `${dialog.cseq} ACK`],
          ],
        }),
      );
    }
    return { response, dialog };
  }

  c3p(to: string, command: C3pCommand, requestId = ++this.#requestId): string {
    return buildC3pRequest({ requestId, from: this.aor, to, command });
  }

  /** Waits until a message from index `from` on satisfies `predicate`; returns it. */
  async waitFor(what: string, predicate: (m: SipMessage, raw: Buffer) => boolean, from = 0, timeoutMs = 4000): Promise<SipMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.inbox.slice(from).find((r) => predicate(r.message, r.raw));
      if (hit) return hit.message;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.user}: timed out waiting for ${what}; got ${this.inbox.slice(from).map(summary).join(' | ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Lets in-flight messages land (for asserting that something did NOT arrive). */
  async settle(ms = 150): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  received(from = 0): SipMessage[] {
    return this.inbox.slice(from).map((r) => r.message);
  }

  async close(): Promise<void> {
    this.layer.close();
    await this.connection.close();
  }
}

export function summary(received: Received | SipMessage): string {
  const m = 'message' in received ? received.message : received;
  return m.kind === 'request' ? `${m.method} (${m.headers.get('cseq')})` : `${m.status} (${m.headers.get('cseq')})`;
}
