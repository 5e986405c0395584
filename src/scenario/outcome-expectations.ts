/**
 * `ctx.expect(outcome)`: judging a C3P command's result, whichever way the focus carried it
 * (brief §4.11: 200 with the response, or 202 then the focus's INFO in D1 — both legal, §7.4).
 */
import type { C3pOutcome } from '../endpoint/index.js';
import type { ExpectationOptions } from './endpoint-expectations.js';
import type { ExpectationHost } from './expectation-host.js';
import { isRefusedStatus } from './refused-status.js';

export interface C3pExpectationOptions extends ExpectationOptions {
  /** The command the response must name, e.g. `deleteUser`. */
  readonly command?: string;
}

export class OutcomeExpectations {
  readonly #host: ExpectationHost;
  readonly #outcome: C3pOutcome;
  readonly #role: string | undefined;
  readonly #seqs: readonly number[];

  constructor(host: ExpectationHost, outcome: C3pOutcome, role: string | undefined, seqs: readonly number[]) {
    this.#host = host;
    this.#outcome = outcome;
    this.#role = role;
    this.#seqs = seqs;
  }

  /** What happened, in one line: `SIP 202, C3P deleteUser success via INFO`. */
  describe(): string {
    const o = this.#outcome;
    const c3p = o.response
      ? `C3P ${o.response.command} ${o.response.code}${o.response.reason ? ` (reason ${o.response.reason})` : ''} via ${o.carriedBy === 'info' ? 'the focus INFO' : 'the 200'}`
      : o.sipStatus >= 300
        ? 'no C3P response (SIP failure)'
        : `no C3P response for requestId ${o.requestId}${o.sipStatus === 202 ? ' arrived in a focus INFO after the 202' : ''}`;
    return `SIP ${o.sipStatus} ${o.sipResponse.reason}; ${c3p}`;
  }

  /** The SIP request got a 2xx (E1: 202 Accepted or 200 OK). */
  sipAccepted(options: ExpectationOptions = {}): void {
    this.#judge(this.#outcome.sipStatus >= 200 && this.#outcome.sipStatus < 300, 'a 2xx (202 Accepted or 200 OK) to the C3P request', options);
  }

  /** A C3P response with `code="success"` arrived (in the 200 or a later INFO). */
  c3pSuccess(options: C3pExpectationOptions = {}): void {
    const r = this.#outcome.response;
    const ok = r !== undefined && r.code === 'success' && (options.command === undefined || r.command === options.command);
    this.#judge(ok, `a C3P ${options.command ?? ''}${options.command ? ' ' : ''}response with code="success" for requestId ${this.#outcome.requestId}`, options);
  }

  /** The command was refused: C3P `code="failure"` or a SIP 4xx/6xx (brief §7.3 S-EJECT-DENIED). */
  refused(options: ExpectationOptions = {}): void {
    const o = this.#outcome;
    const ok = (o.response !== undefined && o.response.code === 'failure') || isRefusedStatus(o.sipStatus);
    this.#judge(ok, 'the command refused (C3P code="failure" or a SIP 4xx/6xx)', options);
  }

  #judge(passed: boolean, expected: string, options: ExpectationOptions): void {
    this.#host.judge({
      passed,
      severity: options.severity ?? 'MUST',
      expected,
      actual: this.describe(),
      seqs: this.#seqs,
      ...(this.#role === undefined ? {} : { role: this.#role }),
      ...(options.id === undefined ? {} : { id: options.id }),
    });
  }
}
