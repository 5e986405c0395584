/**
 * `ctx.expect(endpoint).roster`: the endpoint's merged view of the conference (RFC 4575 §4.6) —
 * who is in it, with which roles — judged after every notification that arrives in time.
 */
import type { Endpoint } from '../endpoint/index.js';
import type { ExpectationOptions } from './endpoint-expectations.js';
import type { ExpectationHost } from './expectation-host.js';
import { waitFor } from './wait-for.js';

export interface RosterWaitOptions extends ExpectationOptions {
  /** Keep merging notifications this long before judging. @default timeouts.expectMs */
  readonly within?: number;
}

type Subject = Endpoint | string;

function aorOf(subject: Subject): string {
  return typeof subject === 'string' ? subject : subject.aor;
}

export class RosterExpectations {
  readonly #host: ExpectationHost;
  readonly #endpoint: Endpoint;

  constructor(host: ExpectationHost, endpoint: Endpoint) {
    this.#host = host;
    this.#endpoint = endpoint;
  }

  /** The roster lists `subject` (an endpoint or an AOR). */
  has(subject: Subject, options: RosterWaitOptions = {}): Promise<void> {
    const aor = aorOf(subject);
    return this.#eventually(() => this.#endpoint.roster.has(aor), `the roster to list ${aor}`, options);
  }

  /** The roster does not list `subject` (it left or was ejected: `user state="deleted"`). */
  lacks(subject: Subject, options: RosterWaitOptions = {}): Promise<void> {
    const aor = aorOf(subject);
    return this.#eventually(() => !this.#endpoint.roster.has(aor), `the roster not to list ${aor}`, options);
  }

  /** `subject`'s `roles/entry` include `role`. */
  hasRole(subject: Subject, role: string, options: RosterWaitOptions = {}): Promise<void> {
    const aor = aorOf(subject);
    return this.#eventually(
      () => this.#endpoint.roster.roles(aor).includes(role),
      `the roster to give ${aor} the role ${role}`,
      options,
    );
  }

  /** `subject` has a connected chat endpoint (in the IM session, brief §5.6). */
  inChat(subject: Subject, options: RosterWaitOptions = {}): Promise<void> {
    const aor = aorOf(subject);
    return this.#eventually(() => this.#endpoint.roster.inChat(aor), `the roster to show ${aor} in the IM session`, options);
  }

  async #eventually(condition: () => boolean, expected: string, options: RosterWaitOptions): Promise<void> {
    const host = this.#host;
    const within = options.within ?? host.timeouts.expectMs;
    const ok = await host.bounded(waitFor(
      host.clock,
      within,
      (onChange) => {
        const offRoster = this.#endpoint.onRosterUpdate(() => onChange());
        const offInbound = this.#endpoint.onInbound(() => queueMicrotask(onChange));
        return () => {
          offRoster();
          offInbound();
        };
      },
      () => (condition() ? true : undefined),
      host.interrupted,
    ));
    const role = host.roleOf(this.#endpoint);
    const lastUpdate = [...host.observed(this.#endpoint)].reverse().find((m) => m.dialog === 'D2');
    host.judge({
      passed: ok === true,
      severity: options.severity ?? 'MUST',
      role,
      expected: `${expected} within ${within} ms`,
      actual: this.#describe(),
      seqs: lastUpdate ? [lastUpdate.seq] : [],
      ...(options.id === undefined ? {} : { id: options.id }),
    });
  }

  #describe(): string {
    const roster = this.#endpoint.roster;
    const users = roster.users();
    const issues = this.#endpoint.rosterIssues
      .filter((u) => u.issue !== undefined)
      .map((u) => `${u.issue}${u.version === undefined ? '' : ` v${u.version}`}${u.missingVersions?.length ? ` (missing v${u.missingVersions.join(', v')})` : ''}`);
    const lastUpdate = [...this.#host.observed(this.#endpoint)].reverse().find((m) => m.dialog === 'D2');
    return [
      `roster v${roster.version ?? '?'} lists ${users.length ? users.join(', ') : 'nobody'}`,
      lastUpdate ? `last roster message seq ${lastUpdate.seq} ${lastUpdate.label}` : 'no roster message arrived',
      issues.length ? `discarded updates: ${issues.join('; ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  }
}
