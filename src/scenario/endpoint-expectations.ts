/**
 * `ctx.expect(endpoint)`: what one emulated user receives, its roster and its dialogs.
 */
import type { Endpoint, EndpointDialogState } from '../endpoint/index.js';
import type { ExpectationHost } from './expectation-host.js';
import { findNearestMiss } from './find-nearest-miss.js';
import { describeMatcher, mismatch, type MessageMatcher } from './message-matcher.js';
import { cseqMethodOf, type ObservedMessage } from './observed-message.js';
import { RosterExpectations } from './roster-expectations.js';
import type { Severity } from './severity.js';
import { waitFor } from './wait-for.js';

export interface ExpectationOptions {
  /** The brief's assertion id (E1, O2, L3 …), shown in the report. */
  readonly id?: string;
  /** @default 'MUST' */
  readonly severity?: Severity;
}

export interface ReceiveOptions extends ExpectationOptions {
  /** How long to wait. @default timeouts.expectMs */
  readonly within?: number;
  /**
   * Only messages after this trace seq count. `'step'` (default): since the current step began;
   * `'start'`: any message of the run.
   */
  readonly since?: number | 'step' | 'start';
}

export interface ReceiveNoOptions extends ExpectationOptions {
  /** Quiet period to watch. @default timeouts.settleMs */
  readonly during?: number;
  readonly since?: number | 'step' | 'start';
}

export class EndpointExpectations {
  readonly #host: ExpectationHost;
  readonly #endpoint: Endpoint;

  constructor(host: ExpectationHost, endpoint: Endpoint) {
    this.#host = host;
    this.#endpoint = endpoint;
  }

  get roster(): RosterExpectations {
    return new RosterExpectations(this.#host, this.#endpoint);
  }

  #cutoff(since: number | 'step' | 'start' | undefined): number {
    if (since === 'start') return 0;
    if (since === undefined || since === 'step') return this.#host.stepStartSeq();
    return since;
  }

  #after(cutoff: number): ObservedMessage[] {
    return this.#host.observed(this.#endpoint).filter((m) => m.seq > cutoff);
  }

  /**
   * Waits for a message matching `matcher` on this endpoint's connection; on timeout the verdict
   * names the nearest miss. Resolves the message (or `undefined` when a SHOULD/INFO check failed).
   */
  async receives(matcher: MessageMatcher, options: ReceiveOptions = {}): Promise<ObservedMessage | undefined> {
    const host = this.#host;
    const cutoff = this.#cutoff(options.since);
    const within = options.within ?? host.timeouts.expectMs;
    const found = await host.bounded(waitFor(
      host.clock,
      within,
      (onChange) => this.#endpoint.onInbound(() => onChange()),
      () => this.#after(cutoff).find((m) => mismatch(matcher, m) === undefined),
      host.interrupted,
    ));
    const role = host.roleOf(this.#endpoint);
    const expected = `${describeMatcher(matcher)} within ${within} ms`;
    if (found) {
      host.judge({ passed: true, severity: options.severity ?? 'MUST', role, expected, actual: `seq ${found.seq} ${found.label}`, seqs: [found.seq], ...id(options) });
      return found;
    }
    const recent = this.#after(cutoff);
    const earlier = host.observed(this.#endpoint).filter((m) => m.seq <= cutoff);
    const nearestMiss = findNearestMiss(matcher, recent, earlier);
    const nothing = recent.length === 0
      ? `nothing arrived on ${role}'s connection after seq ${cutoff}`
      : `none of the ${recent.length} messages after seq ${cutoff} comes close`;
    host.judge({
      passed: false,
      severity: options.severity ?? 'MUST',
      role,
      expected,
      ...(nearestMiss ? { nearestMiss, seqs: [nearestMiss.seq] } : { actual: nothing, seqs: [] }),
      ...(nearestMiss && matcher.dialog ? { actual: dialogSummary(recent, matcher.dialog, cutoff) } : {}),
      ...id(options),
    });
    return undefined;
  }

  /** Fails as soon as a message matching `matcher` arrives (or has arrived) within the window. */
  async receivesNo(matcher: MessageMatcher, options: ReceiveNoOptions = {}): Promise<void> {
    const host = this.#host;
    const cutoff = this.#cutoff(options.since);
    const during = options.during ?? host.timeouts.settleMs;
    const offending = await host.bounded(waitFor(
      host.clock,
      during,
      (onChange) => this.#endpoint.onInbound(() => onChange()),
      () => this.#after(cutoff).find((m) => mismatch(matcher, m) === undefined),
      host.interrupted,
    ));
    const role = host.roleOf(this.#endpoint);
    const expected = `no ${describeMatcher(matcher)} (watched seq > ${cutoff} and ${during} ms more)`;
    host.judge({
      passed: offending === undefined,
      severity: options.severity ?? 'MUST',
      role,
      expected,
      ...(offending ? { actual: `seq ${offending.seq} ${offending.firstLine}${offending.dialog ? ` in ${offending.dialog}` : ''}`, seqs: [offending.seq] } : {}),
      ...id(options),
    });
  }

  /** The endpoint's dialog usages are in the given states (e.g. `{ focus: 'active' }`). */
  dialogs(expected: Partial<EndpointDialogState>, options: ExpectationOptions = {}): void {
    const actual = this.#endpoint.dialogState();
    const wrong = (Object.keys(expected) as (keyof EndpointDialogState)[]).filter((k) => actual[k] !== expected[k]);
    const role = this.#host.roleOf(this.#endpoint);
    this.#host.judge({
      passed: wrong.length === 0,
      severity: options.severity ?? 'MUST',
      role,
      expected: `dialogs ${formatState(expected)}`,
      actual: `dialogs ${formatState(actual)}`,
      ...id(options),
    });
  }
}

/** What did arrive on the expected dialog: `in D1 after seq 44: seq 58 200 OK; …`. */
function dialogSummary(recent: readonly ObservedMessage[], dialog: string, cutoff: number): string {
  const on = recent.filter((m) => m.dialog === dialog);
  if (on.length === 0) return `nothing arrived in ${dialog} after seq ${cutoff}`;
  const shown = on.slice(0, 4).map((m) => `seq ${m.seq} ${m.label}${m.message.kind === 'response' ? ` (to ${cseqMethodOf(m.message)})` : ''}`);
  return `in ${dialog} after seq ${cutoff}: ${shown.join('; ')}${on.length > 4 ? `; … (${on.length - 4} more)` : ''}`;
}

function formatState(state: Partial<EndpointDialogState>): string {
  const names: Record<keyof EndpointDialogState, string> = { focus: 'D1', roster: 'D2', im: 'D3' };
  return (Object.keys(state) as (keyof EndpointDialogState)[]).map((k) => `${names[k]} ${state[k]}`).join(', ');
}

function id(options: ExpectationOptions): { id?: string } {
  return options.id === undefined ? {} : { id: options.id };
}
