/**
 * The checks of protocol brief §7.1 that hold in every scenario, watched live on the trace and
 * on each endpoint's inbound messages:
 *
 * - §7.1.1 MUST every server message parses (and an XML body is well-formed XML);
 * - §7.1.3 MUST server CSeq strictly increases per dialog (per Call-ID);
 * - §7.1.4 MUST the client never answers a BENOTIFY;
 * - §7.1.5 MUST (MS-SIPAE) every server message the client checks is signed by the server's SA
 *   (the endpoint drops one that is unsigned or whose signature does not verify);
 * - §7.1.6 MUST a roster version never goes backwards (stale), SHOULD no gap (a scenario may raise it);
 * - §7.1.7 SHOULD partial documents only after a full one;
 * - MUST the server does not close a role's connection while the scenario runs (seen on the
 *   `focus-harness:transport:closed` diagnostics channel).
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { XMLValidator } from 'fast-xml-parser';
import type { TraceRecord, TraceRecorder } from '../capture/index.js';
import type { Endpoint, InboundMessage, SipaeRejection } from '../endpoint/index.js';
import type { Verdict } from './expectation-host.js';
import { cseqMethodOf, cseqNumberOf, firstLineOf } from './observed-message.js';
import type { Severity } from './severity.js';

export interface AlwaysOnOptions {
  /** Severity of a roster version gap (§7.1.6: SHOULD; E6 makes it MUST during an ejection). @default 'SHOULD' */
  readonly gapSeverity?: Severity;
}

export interface LiveViolation extends Verdict {
  /** The trace seq the violation was seen at (orders violations against steps). */
  readonly atSeq: number;
}

export class AlwaysOnChecks {
  readonly #violations: LiveViolation[] = [];
  readonly #cseqs = new Map<string, number>();
  readonly #issuesSeen = new Map<Endpoint, number>();
  readonly #unsubscribe: (() => void)[] = [];
  gapSeverity: Severity;

  constructor(options: AlwaysOnOptions = {}) {
    this.gapSeverity = options.gapSeverity ?? 'SHOULD';
  }

  get violations(): readonly LiveViolation[] {
    return this.#violations;
  }

  attach(recorder: TraceRecorder, endpoints: ReadonlyMap<string, Endpoint>): void {
    this.#unsubscribe.push(recorder.onRecord((record) => this.#onRecord(record)));
    const onClosed = (event: unknown): void => {
      const { connectionId, reason } = event as { connectionId: string; reason: { kind: string; error?: Error } };
      if (reason.kind !== 'remote-end' && reason.kind !== 'error') return;
      for (const [role, endpoint] of endpoints) {
        if (endpoint.connectionId !== connectionId) continue;
        const last = recorder.records.at(-1)?.seq ?? 0;
        const why = reason.kind === 'remote-end' ? 'the server ended the connection' : `the connection failed: ${reason.error?.message ?? 'socket error'}`;
        this.#add({ id: 'connection', severity: 'MUST', role, expected: `the server keeps ${role}'s connection open during the scenario`, actual: `${why} after seq ${last}` }, last);
      }
    };
    const channel = diagnosticsChannel.channel('focus-harness:transport:closed');
    channel.subscribe(onClosed);
    this.#unsubscribe.push(() => channel.unsubscribe(onClosed));
    for (const [role, endpoint] of endpoints) {
      this.#unsubscribe.push(endpoint.onInbound((inbound) => this.#onInbound(role, endpoint, inbound)));
    }
  }

  detach(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  /** Looks at roster issues recorded since the last call (the endpoint applies documents on arrival). */
  sweepRosterIssues(endpoints: ReadonlyMap<string, Endpoint>, lastSeqOf: (role: string) => number): void {
    for (const [role, endpoint] of endpoints) {
      const issues = endpoint.rosterIssues;
      const seen = this.#issuesSeen.get(endpoint) ?? 0;
      for (const update of issues.slice(seen)) {
        const at = lastSeqOf(role);
        const version = update.version === undefined ? '' : ` v${update.version}`;
        switch (update.issue) {
          case 'stale':
            this.#add({ id: '7.1.6', severity: 'MUST', role, expected: 'roster versions only go forward on a subscription', actual: `stale update${version}: ${update.detail}` }, at);
            break;
          case 'gap':
            this.#add({ id: '7.1.6', severity: this.gapSeverity, role, expected: 'no gap in roster versions', actual: `gap at${version}: missing v${(update.missingVersions ?? []).join(', v')}` }, at);
            break;
          case 'partial-before-full':
            this.#add({ id: '7.1.7', severity: 'SHOULD', role, expected: 'a full roster document before any partial one', actual: update.detail }, at);
            break;
          case 'malformed':
            this.#add({ id: '7.1.1', severity: 'MUST', role, expected: 'every roster document is well-formed conference-info', actual: update.detail }, at);
            break;
          default:
            break;
        }
      }
      this.#issuesSeen.set(endpoint, issues.length);
    }
  }

  #add(verdict: Omit<Verdict, 'passed'>, atSeq: number): void {
    this.#violations.push({ ...verdict, passed: false, atSeq, seqs: verdict.seqs ?? (atSeq > 0 ? [atSeq] : []) });
  }

  #onRecord(record: TraceRecord): void {
    if (record.direction === 'in' && record.parseError !== undefined) {
      this.#add(
        { id: '7.1.1', severity: 'MUST', role: record.role, expected: 'every server message parses', actual: `seq ${record.seq} from the ${record.peer} did not parse: ${record.parseError}` },
        record.seq,
      );
    }
    if (record.direction === 'out' && /^SIP\/2\.0 /.test(record.firstLine) && /\bBENOTIFY\s*$/i.test(record.cseq)) {
      this.#add(
        { id: '7.1.4', severity: 'MUST', role: record.role, expected: 'no response is ever sent to a BENOTIFY', actual: `seq ${record.seq} ${record.firstLine} answers ${record.cseq}` },
        record.seq,
      );
    }
  }

  #onInbound(role: string, _endpoint: Endpoint, inbound: InboundMessage): void {
    const { message, seq } = inbound;
    if (inbound.sipaeRejected) this.#add(signatureViolation(role, inbound, inbound.sipaeRejected), seq);
    const type = (message.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (message.body.length > 0 && (type.endsWith('+xml') || type.endsWith('/xml'))) {
      const text = message.body.toString('utf8');
      const valid = XMLValidator.validate(text);
      if (valid !== true) {
        const what = message.kind === 'request' ? message.method : `${message.status} response`;
        this.#add(
          { id: '7.1.1', severity: 'MUST', role, expected: 'an XML body is well-formed', actual: `seq ${seq} ${what} ${type} body: ${valid.err.msg} (line ${valid.err.line}, col ${valid.err.col})${truncationHint(text, message.headers.get('content-length'))}` },
          seq,
        );
      }
    }
    if (message.kind === 'request') {
      const method = cseqMethodOf(message);
      if (method === 'ACK' || method === 'CANCEL') return;
      const callId = message.headers.get('call-id') ?? '';
      const key = `${role}\u0000${callId}`;
      const number = cseqNumberOf(message);
      const previous = this.#cseqs.get(key);
      if (previous !== undefined && !(number > previous)) {
        this.#add(
          { id: '7.1.3', severity: 'MUST', role, expected: 'server CSeq strictly increases within a dialog', actual: `seq ${seq} ${message.method} has CSeq ${number} after ${previous} on Call-ID ${callId}` },
          seq,
        );
      }
      if (Number.isFinite(number)) this.#cseqs.set(key, Math.max(number, previous ?? number));
    }
  }
}

/** §7.1.5: what a message the endpoint dropped for its MS-SIPAE signature was, in the run's words. */
function signatureViolation(role: string, inbound: InboundMessage, rejected: SipaeRejection): Omit<Verdict, 'passed'> {
  const where = `seq ${inbound.seq} ${firstLineOf(inbound.message)}${inbound.dialog ? ` in ${inbound.dialog}` : ''}`;
  const why = rejected.reason === 'bad-signature'
    ? `signature does not verify (${rejected.signature ?? rejected.detail})`
    : 'no signature (no Authentication-Info) although the SA is up';
  return {
    id: '7.1.5',
    severity: 'MUST',
    role,
    expected: "a message signed by the server's security association",
    actual: `${where}: ${why}; the client dropped it`,
  };
}

/** When a body stops mid-document, the Content-Length that framed it is the likely culprit. */
function truncationHint(text: string, contentLength: string | undefined): string {
  const trimmed = text.trimEnd();
  if (trimmed.endsWith('>')) return '';
  const tail = JSON.stringify(trimmed.slice(-24));
  return `; the body ends mid-document (…${tail}) after ${Buffer.byteLength(text)} bytes = Content-Length ${contentLength ?? '?'}: a Content-Length shorter than the document?`;
}
