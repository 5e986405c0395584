/**
 * A SIP dialog (RFC 3261 §12) with the Microsoft epid extension (MS-SIPRE 3.2.4.1).
 *
 * @remarks State: Call-ID, local/remote tag, local/remote name-addr, local/remote epid, local and
 * remote CSeq (one space per direction; Lync servers start near 2^31), the route set, the remote
 * target and the secure flag. The life cycle is the pure `dialogStep` machine.
 *
 * A dialog keeps only those fields, each string its own copy (`ownString`): nothing of the
 * messages that created or refreshed it stays alive through it (issue 4: per-endpoint memory).
 */
import { FocusHarnessError } from '../errors.js';
import {
  createRequest,
  formatNameAddr,
  formatVia,
  getCSeq,
  getCallId,
  getContacts,
  getFrom,
  getTo,
  getTopVia,
  MAX_CSEQ,
  newBranch,
  parseUri,
  type NameAddr,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../sip/index.js';
import { ownOptionalString, ownString } from '../util/index.js';
import type { CreateInDialogRequestOptions } from './create-in-dialog-request-options.js';
import type { DialogCreateOptions } from './dialog-create-options.js';
import type { ReceiveRequestVerdict } from './receive-request-verdict.js';
import { dialogStep, type DialogState } from './dialog-state.js';
import { dialogKey } from './dialog-key.js';
import { requestTarget } from './route-set.js';

export type DialogRole = 'uac' | 'uas';

/** Methods whose request (and 2xx) replaces the remote target (RFC 3261 §12.2, RFC 6665 §4.1.2.3). */
const TARGET_REFRESH = new Set(['INVITE', 'UPDATE', 'SUBSCRIBE', 'NOTIFY', 'REFER']);

interface DialogInit {
  role: DialogRole;
  state: DialogState;
  callId: string;
  localTag: string;
  remoteTag: string;
  local: NameAddr;
  remote: NameAddr;
  localEpid: string | undefined;
  remoteEpid: string | undefined;
  localCSeq: number | undefined;
  remoteCSeq: number | undefined;
  routeSet: string[];
  remoteTarget: string;
  localContact: string | undefined;
  secure: boolean;
  viaPrefix: string | undefined;
  localCSeqBase: number;
  assumeLooseRouting: boolean;
}

export class Dialog {
  readonly role: DialogRole;
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  /** Our name-addr (From of our requests) without `tag`/`epid`. */
  readonly local: NameAddr;
  /** The peer's name-addr (To of our requests) without `tag`/`epid`. */
  readonly remote: NameAddr;
  /** MS-SIPRE 3.2.4.1: our epid, written on From. */
  readonly localEpid: string | undefined;
  /** MS-SIPRE 3.2.4.1: the peer's epid, written back on To. */
  remoteEpid: string | undefined;
  /** The CSeq of the last request we sent in the dialog (empty for a fresh UAS dialog). */
  localCSeq: number | undefined;
  /** The CSeq of the last request the peer sent (empty for a fresh UAC dialog). */
  remoteCSeq: number | undefined;
  /** Route set, in the order our requests use it (Record-Route reversed for the UAC, §12.1.2). */
  readonly routeSet: readonly string[];
  /** Remote target: the URI from the peer's Contact (§12.1.1, §12.1.2); refreshed by target refreshes. */
  remoteTarget: string;
  /** Our Contact value, written on target-refresh requests. */
  readonly localContact: string | undefined;
  /** §12.1.1: true when the dialog was created with a `sips:` Request-URI. */
  readonly secure: boolean;
  /**
   * `SIP/2.0/TLS host:port` for the Via of our in-dialog requests (a new branch is added each
   * time); `undefined` writes no Via, so the transaction layer writes one from its socket.
   */
  viaPrefix: string | undefined;
  /** See `DialogCreateOptions.assumeLooseRouting`. */
  assumeLooseRouting: boolean;
  #state: DialogState;
  readonly #localCSeqBase: number;

  private constructor(init: DialogInit) {
    this.role = init.role;
    this.#state = init.state;
    this.callId = ownString(init.callId);
    this.localTag = ownString(init.localTag);
    this.remoteTag = ownString(init.remoteTag);
    this.local = ownNameAddr(init.local);
    this.remote = ownNameAddr(init.remote);
    this.localEpid = ownOptionalString(init.localEpid);
    this.remoteEpid = ownOptionalString(init.remoteEpid);
    this.localCSeq = init.localCSeq;
    this.remoteCSeq = init.remoteCSeq;
    this.routeSet = init.routeSet.map(ownString);
    this.remoteTarget = ownString(init.remoteTarget);
    this.localContact = ownOptionalString(init.localContact);
    this.secure = init.secure;
    this.viaPrefix = ownOptionalString(init.viaPrefix);
    this.#localCSeqBase = init.localCSeqBase;
    this.assumeLooseRouting = init.assumeLooseRouting;
  }

  /**
   * The UAC side of a dialog from the request we sent and a response carrying a To tag
   * (RFC 3261 §12.1.2): a 2xx gives a confirmed dialog, a 101-199 an early one.
   *
   * @throws FocusHarnessError `FH_DIALOG` when the response cannot create a dialog.
   */
  static asUac(request: SipRequest, response: SipResponse, options: DialogCreateOptions = {}): Dialog {
    if (response.status <= 100 || response.status >= 300) {
      throw dialogError(`a ${response.status} does not create a dialog (only 101-299 do, §12.1)`);
    }
    const { from, to, callId, cseq } = headersOf(request, response);
    const remoteTag = to.params.get('tag');
    // §12.1.2: the remote tag is the To tag of the response; without one there is no dialog.
    if (!remoteTag) throw dialogError(`the ${response.status} to ${request.method} has no To tag`);
    const localTag = from.params.get('tag');
    if (!localTag) throw dialogError(`our ${request.method} has no From tag`);
    // §12.1.2: the route set is the Record-Route list of the response, in reverse order.
    const routeSet = response.headers.getValues('record-route').reverse();
    // §12.1.2: the remote target is the URI of the response's Contact.
    const remoteTarget = contactUri(response) ?? request.uri;
    return new Dialog({
      role: 'uac',
      state: response.status >= 200 ? 'confirmed' : 'early',
      callId,
      localTag,
      remoteTag,
      local: withoutDialogParams(from),
      remote: withoutDialogParams(to),
      localEpid: from.params.get('epid') ?? options.localEpid,
      // MS-SIPRE 3.2.4.1: a UAC takes the remote epid from the To of the response.
      remoteEpid: to.params.get('epid') ?? undefined,
      // §12.1.2: the local sequence number is the request's CSeq; the remote one is empty.
      localCSeq: cseq,
      remoteCSeq: undefined,
      routeSet,
      remoteTarget,
      localContact: request.headers.getValues('contact')[0],
      secure: isSips(request.uri),
      viaPrefix: options.viaPrefix ?? viaPrefixOf(request),
      localCSeqBase: 0,
      assumeLooseRouting: options.assumeLooseRouting ?? false,
    });
  }

  /**
   * The UAS side of a dialog from the request we received and the response we send with our
   * To tag (RFC 3261 §12.1.1).
   *
   * @throws FocusHarnessError `FH_DIALOG` when the response has no To tag or is not 101-299.
   */
  static asUas(request: SipRequest, response: SipResponse, options: DialogCreateOptions = {}): Dialog {
    if (response.status <= 100 || response.status >= 300) {
      throw dialogError(`a ${response.status} does not create a dialog (only 101-299 do, §12.1)`);
    }
    const { from, to: requestTo, callId, cseq } = headersOf(request, request);
    const to = safe(() => getTo(response)) ?? requestTo;
    const localTag = to.params.get('tag');
    if (!localTag) throw dialogError(`the ${response.status} we send has no To tag (§12.1.1)`);
    // §12.1.1: the route set is the request's Record-Route list, in order.
    const routeSet = request.headers.getValues('record-route');
    const localContact = response.headers.getValues('contact')[0];
    return new Dialog({
      role: 'uas',
      state: response.status >= 200 ? 'confirmed' : 'early',
      callId,
      localTag,
      // §12.1.1: the remote tag is the From tag of the request (may be absent from old peers).
      remoteTag: from.params.get('tag') ?? '',
      local: withoutDialogParams(to),
      remote: withoutDialogParams(from),
      localEpid: to.params.get('epid') ?? options.localEpid,
      // MS-SIPRE 3.2.4.1: a UAS takes the remote epid from the From of the request.
      remoteEpid: from.params.get('epid') ?? undefined,
      // §12.1.1: the remote sequence number is the request's CSeq; the local one is empty.
      localCSeq: undefined,
      remoteCSeq: cseq,
      routeSet,
      remoteTarget: contactUri(request) ?? '',
      localContact,
      secure: isSips(request.uri),
      viaPrefix: options.viaPrefix ?? viaPrefixFromContact(localContact, request),
      localCSeqBase: options.localCSeqBase ?? 0,
      assumeLooseRouting: options.assumeLooseRouting ?? false,
    });
  }

  /**
   * The subscriber's dialog created by the first NOTIFY (or BENOTIFY) that arrives before the
   * SUBSCRIBE's 2xx (RFC 6665 §4.1.2.4): local side from our SUBSCRIBE, remote tag, epid, CSeq,
   * route set (in order) and remote target from the NOTIFY, as a UAS would take them (§12.1.1).
   *
   * @throws FocusHarnessError `FH_DIALOG` when the NOTIFY does not belong to the SUBSCRIBE.
   */
  static fromNotify(subscribe: SipRequest, notify: SipRequest, options: DialogCreateOptions = {}): Dialog {
    const { from: local, callId, cseq } = headersOf(subscribe, subscribe);
    const { from: notifier, to, cseq: notifyCSeq } = headersOf(notify, notify);
    const localTag = local.params.get('tag');
    if (!localTag || to.params.get('tag') !== localTag || safe(() => getCallId(notify)) !== callId) {
      throw dialogError(`the ${notify.method} does not match our SUBSCRIBE (Call-ID / To tag differ)`);
    }
    const remoteTag = notifier.params.get('tag');
    if (!remoteTag) throw dialogError(`the ${notify.method} has no From tag`);
    return new Dialog({
      role: 'uac',
      state: 'confirmed',
      callId,
      localTag,
      remoteTag,
      local: withoutDialogParams(local),
      remote: withoutDialogParams(notifier),
      localEpid: local.params.get('epid') ?? options.localEpid,
      remoteEpid: notifier.params.get('epid') ?? undefined,
      localCSeq: cseq,
      remoteCSeq: notifyCSeq,
      routeSet: notify.headers.getValues('record-route'),
      remoteTarget: contactUri(notify) ?? subscribe.uri,
      localContact: subscribe.headers.getValues('contact')[0],
      secure: isSips(subscribe.uri),
      viaPrefix: options.viaPrefix ?? viaPrefixOf(subscribe),
      localCSeqBase: 0,
      assumeLooseRouting: options.assumeLooseRouting ?? false,
    });
  }

  get state(): DialogState {
    return this.#state;
  }

  /** The key `DialogTable` files this dialog under. */
  get id(): string {
    return dialogKey(this.callId, this.localTag, this.remoteTag);
  }

  get localUri(): string {
    return this.local.uri;
  }

  get remoteUri(): string {
    return this.remote.uri;
  }

  /** Moves an early dialog to `confirmed` (a 2xx arrived / was sent). */
  confirm(): void {
    const result = dialogStep(this.#state, { type: 'confirm' });
    if (result.rejected !== undefined) throw dialogError(result.rejected);
    this.#state = result.state;
  }

  /** Ends the dialog; terminating twice is refused (`FH_DIALOG`) unless `quiet` is set. */
  terminate(reason = 'terminated', quiet = false): void {
    const result = dialogStep(this.#state, { type: 'terminate', reason });
    if (result.rejected !== undefined) {
      if (quiet) return;
      throw dialogError(result.rejected);
    }
    this.#state = result.state;
  }

  /**
   * Builds the next request within the dialog (RFC 3261 §12.2.1.1).
   *
   * @remarks Uses the next local CSeq, the remote target / route set per §12.2.1.1, From with our
   * tag and epid, To with the remote tag and the remote epid (MS-SIPRE 3.2.4.1), a Via with a new
   * branch, Max-Forwards 70, and our Contact on target-refresh requests.
   * @throws FocusHarnessError `FH_DIALOG` for ACK/CANCEL, a terminated dialog or CSeq overflow.
   */
  createRequest(method: string, options: CreateInDialogRequestOptions = {}): SipRequest {
    const upper = method.toUpperCase();
    if (upper === 'ACK') throw dialogError('build the ACK for a 2xx with createAck(inviteCSeq)');
    if (upper === 'CANCEL') throw dialogError('CANCEL is not an in-dialog request (§9.1): it copies the INVITE');
    if (this.#state === 'terminated') throw dialogError(`cannot send ${method} in a terminated dialog (Call-ID ${this.callId})`);
    // §12.2.1.1: the local sequence number is incremented by one for each new request.
    const seq = (this.localCSeq ?? this.#localCSeqBase) + 1;
    if (seq > MAX_CSEQ) throw dialogError(`the local CSeq would pass 2^31-1 (Call-ID ${this.callId})`);
    this.localCSeq = seq;
    const request = this.#build(method, seq, options.headers);
    if (TARGET_REFRESH.has(upper) && this.localContact !== undefined && !request.headers.has('contact')) {
      request.headers.append('Contact', this.localContact);
    }
    const hasBody = options.body !== undefined && options.body.length > 0;
    if (options.contentType !== undefined && (hasBody || !request.headers.has('content-type'))) {
      request.headers.set('Content-Type', options.contentType);
    }
    if (options.body !== undefined) request.body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
    return request;
  }

  /**
   * The ACK for a 2xx to INVITE (RFC 3261 §13.2.2.4): same CSeq number as the INVITE, method ACK,
   * a new branch, Request-URI and Route as for any in-dialog request.
   */
  createAck(inviteCSeq: number, options: CreateInDialogRequestOptions = {}): SipRequest {
    const ack = this.#build('ACK', inviteCSeq, options.headers);
    if (options.body !== undefined) {
      ack.body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
      if (options.contentType !== undefined) ack.headers.set('Content-Type', options.contentType);
    }
    return ack;
  }

  /**
   * Checks an inbound in-dialog request (RFC 3261 §12.2.2) and updates the remote CSeq and target.
   *
   * @remarks Returns a verdict instead of throwing: `not-this-dialog` / `dialog-terminated` → 481,
   * `cseq-lower` (and a repeated CSeq) → 500. ACK and CANCEL reuse the INVITE's number and are not
   * sequence-checked. Each direction has its own CSeq space, so only the peer's numbers compare.
   */
  receiveRequest(request: SipRequest): ReceiveRequestVerdict {
    const from = safe(() => getFrom(request));
    const to = safe(() => getTo(request));
    const callId = safe(() => getCallId(request));
    if (callId !== this.callId || to?.params.get('tag') !== this.localTag || (from?.params.get('tag') ?? '') !== this.remoteTag) {
      return { ok: false, reason: 'not-this-dialog', status: 481, detail: 'Call-ID or tags do not match this dialog' };
    }
    // BYE glare: a BYE crossing our own BYE finds the dialog already terminated; it is still
    // answered 200 (§15.1.2: the UAS core answers the BYE), so only other methods are refused.
    if (this.#state === 'terminated' && request.method !== 'ACK' && request.method !== 'BYE') {
      return { ok: false, reason: 'dialog-terminated', status: 481, detail: `the dialog ended before this ${request.method}` };
    }
    const cseq = safe(() => getCSeq(request));
    if (!cseq) return { ok: false, reason: 'bad-cseq', status: 400, detail: 'missing or malformed CSeq' };
    if (request.method === 'ACK' || request.method === 'CANCEL') return { ok: true };
    const last = this.remoteCSeq;
    // §12.2.2: a request whose number is lower than the remote sequence number is out of order → 500.
    if (last !== undefined && cseq.seq < last) {
      return { ok: false, reason: 'cseq-lower', status: 500, detail: `CSeq ${cseq.seq} is lower than the last ${last}` };
    }
    if (last !== undefined && cseq.seq === last) {
      return { ok: false, reason: 'cseq-equal', status: 500, detail: `CSeq ${cseq.seq} repeats the last request's number` };
    }
    // §12.2.2: otherwise the remote sequence number becomes the request's.
    this.remoteCSeq = cseq.seq;
    if (this.remoteEpid === undefined) this.remoteEpid = ownOptionalString(from?.params.get('epid') ?? undefined);
    // §12.2.2: a target refresh request replaces the remote target with its Contact URI.
    if (TARGET_REFRESH.has(request.method.toUpperCase())) this.#refreshTarget(request);
    return { ok: true };
  }

  /**
   * Applies a response to one of our in-dialog requests: a 2xx to a target refresh replaces the
   * remote target (§12.2.1.2), a 2xx to INVITE confirms an early dialog, and a 481 or 408
   * terminates the dialog (§12.2.1.2).
   */
  receiveResponse(request: SipRequest, response: SipResponse): void {
    const method = request.method.toUpperCase();
    if (response.status >= 200 && response.status < 300) {
      if (TARGET_REFRESH.has(method)) this.#refreshTarget(response);
      if (method === 'INVITE' && this.#state === 'early') this.confirm();
      if (this.remoteEpid === undefined) this.remoteEpid = ownOptionalString(safe(() => getTo(response))?.params.get('epid') ?? undefined);
      return;
    }
    if (response.status === 481 || response.status === 408) this.terminate(`${response.status} to ${method}`, true);
  }

  #refreshTarget(message: SipMessage): void {
    const target = contactUri(message);
    if (target !== undefined && target !== this.remoteTarget) this.remoteTarget = ownString(target);
  }

  #build(method: string, seq: number, extra: CreateInDialogRequestOptions['headers']): SipRequest {
    const target = requestTarget(this.remoteTarget, this.routeSet, this.assumeLooseRouting);
    const fromParams = new Map(this.local.params);
    fromParams.set('tag', this.localTag);
    if (this.localEpid !== undefined) fromParams.set('epid', this.localEpid);
    const toParams = new Map(this.remote.params);
    if (this.remoteTag !== '') toParams.set('tag', this.remoteTag);
    if (this.remoteEpid !== undefined) toParams.set('epid', this.remoteEpid);
    const headers: [string, string][] = [];
    if (this.viaPrefix !== undefined) headers.push(['Via', `${this.viaPrefix};branch=${newBranch()}`]);
    headers.push(
      ['Max-Forwards', '70'],
      ['From', formatNameAddr({ ...this.local, params: fromParams })],
      ['To', formatNameAddr({ ...this.remote, params: toParams })],
      ['Call-ID', this.callId],
      ['CSeq', `${seq} ${method}`],
    );
    for (const route of target.routes) headers.push(['Route', route]);
    for (const [name, value] of extra ?? []) headers.push([name, value]);
    return createRequest({ method, uri: target.uri, headers });
  }
}

function dialogError(message: string): FocusHarnessError {
  return new FocusHarnessError('FH_DIALOG', message);
}

function headersOf(request: SipRequest, source: SipMessage): { from: NameAddr; to: NameAddr; callId: string; cseq: number } {
  try {
    return { from: getFrom(request), to: getTo(source), callId: getCallId(request), cseq: getCSeq(request).seq };
  } catch (error) {
    throw new FocusHarnessError('FH_DIALOG', `cannot form a dialog: ${(error as Error).message}`, { cause: error });
  }
}

function withoutDialogParams(value: NameAddr): NameAddr {
  const params = new Map(value.params);
  params.delete('tag');
  params.delete('epid');
  const copy: NameAddr = { uri: value.uri, params };
  if (value.displayName !== undefined) copy.displayName = value.displayName;
  return copy;
}

/** A copy of a name-addr whose strings are the dialog's own (see {@link ownString}). */
function ownNameAddr(value: NameAddr): NameAddr {
  const params = new Map<string, string | null>();
  for (const [name, param] of value.params) params.set(ownString(name), param === null ? null : ownString(param));
  const copy: NameAddr = { uri: ownString(value.uri), params };
  if (value.displayName !== undefined) copy.displayName = ownString(value.displayName);
  return copy;
}

function contactUri(message: SipMessage): string | undefined {
  return safe(() => getContacts(message)[0]?.uri);
}

function isSips(uri: string): boolean {
  return /^sips:/i.test(uri);
}

function viaPrefixOf(request: SipRequest): string | undefined {
  const via = safe(() => getTopVia(request));
  if (!via) return undefined;
  const params = new Map(via.params);
  for (const name of [...params.keys()]) params.delete(name);
  return formatVia({ ...via, params });
}

function viaPrefixFromContact(contact: string | undefined, request: SipRequest): string | undefined {
  const transport = safe(() => getTopVia(request).transport) ?? 'TLS';
  const uri = contact === undefined ? undefined : safe(() => parseUri(contact.replace(/^[^<]*<([^>]*)>.*$/s, '$1')));
  if (!uri || uri.host === '') return undefined;
  const param = uri.params.get('transport');
  const port = uri.port !== undefined ? `:${uri.port}` : '';
  return `SIP/2.0/${(param ?? transport).toUpperCase()} ${uri.host}${port}`;
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
