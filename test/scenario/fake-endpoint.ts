/**
 * A stand-in for `Endpoint` in unit tests of the runner: messages are pushed by the test, the
 * roster is a plain set, and nothing touches a socket.
 */
import type { TraceDialog, TracePeer, TraceRecorder } from '../../src/capture/index.js';
import type { Endpoint, EndpointDialogState, EndpointOptions, InboundMessage, SipaeRejection } from '../../src/endpoint/index.js';
import { createRequest, createResponseMessage, type SipMessage } from '../../src/sip/index.js';

export class FakeEndpoint {
  readonly role: string;
  readonly aor: string;
  readonly received: InboundMessage[] = [];
  readonly rosterIssues: { applied: boolean; issue?: 'stale' | 'gap' | 'partial-before-full' | 'malformed'; version?: number; missingVersions?: number[]; detail: string }[] = [];
  readonly members = new Set<string>();
  state: EndpointDialogState = { focus: 'active', roster: 'active', im: 'active' };
  closed = false;
  readonly #recorder: TraceRecorder | undefined;
  #listeners: ((m: InboundMessage) => void)[] = [];
  #rosterListeners: (() => void)[] = [];

  constructor(options: EndpointOptions) {
    this.role = options.role;
    this.aor = options.aor;
    this.#recorder = options.recorder;
  }

  readonly roster = {
    has: (aor: string) => this.members.has(aor),
    users: () => [...this.members],
    roles: () => [] as string[],
    inChat: (aor: string) => this.members.has(aor),
    version: 7 as number | undefined,
  };

  onInbound(cb: (m: InboundMessage) => void): () => void {
    this.#listeners.push(cb);
    return () => (this.#listeners = this.#listeners.filter((l) => l !== cb));
  }

  onRosterUpdate(cb: () => void): () => void {
    this.#rosterListeners.push(cb);
    return () => (this.#rosterListeners = this.#rosterListeners.filter((l) => l !== cb));
  }

  dialogState(): EndpointDialogState {
    return this.state;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Delivers `message` as if it arrived from `peer` in `dialog`, recording it on the trace. */
  deliver(message: SipMessage, peer: TracePeer = 'focus', dialog?: TraceDialog, sipaeRejected?: SipaeRejection): InboundMessage {
    const firstLine = message.kind === 'request' ? `${message.method} ${message.uri}` : `SIP/2.0 ${message.status} ${message.reason}`;
    const record = this.#recorder?.record({
      time: 0,
      role: this.role,
      connectionId: `${this.role}-c`,
      direction: 'in',
      local: '127.0.0.1:1',
      remote: '127.0.0.1:2',
      peer,
      callId: message.headers.get('call-id') ?? '',
      cseq: message.headers.get('cseq') ?? '',
      firstLine,
      label: firstLine.split(' ')[0] === 'SIP/2.0' ? firstLine.slice(8) : firstLine.split(' ')[0]!,
      raw: Buffer.from(firstLine),
      ...(dialog ? { dialog } : {}),
    });
    const inbound: InboundMessage = {
      message,
      raw: Buffer.from(firstLine),
      seq: record?.seq ?? 0,
      time: 0,
      peer,
      ...(dialog ? { dialog } : {}),
      ...(sipaeRejected ? { sipaeRejected } : {}),
    };
    this.received.push(inbound);
    for (const l of this.#listeners) l(inbound);
    return inbound;
  }

  setMembers(...aors: string[]): void {
    this.members.clear();
    for (const a of aors) this.members.add(a);
    for (const l of this.#rosterListeners) l();
  }
}

export function asEndpoint(fake: FakeEndpoint): Endpoint {
  return fake as unknown as Endpoint;
}

export function benotify(cseq: number, state: string, callId = 'd2'): SipMessage {
  return createRequest({
    method: 'BENOTIFY',
    uri: 'sip:127.0.0.1:5555;transport=tls',
    headers: [
      ['Call-ID', callId],
      ['CSeq', `${cseq} BENOTIFY`],
      ['Event', 'conference'],
      ['Subscription-State', state],
    ],
  });
}

export function bye(cseq: number, callId: string, extra: [string, string][] = []): SipMessage {
  return createRequest({ method: 'BYE', uri: 'sip:127.0.0.1:5555', headers: [['Call-ID', callId], ['CSeq', `${cseq} BYE`], ...extra] });
}

export function response(status: number, reason: string, cseq: string, callId: string): SipMessage {
  return createResponseMessage({ status, reason, headers: [['Call-ID', callId], ['CSeq', cseq]] });
}
