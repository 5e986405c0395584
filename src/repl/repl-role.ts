/**
 * One live role at the prompt (`alice`, `bob`, …): the endpoint API the scenarios use, made
 * comfortable to type — `join` takes what `createConference` resolved, `eject` takes another role,
 * `roster()` is a printable view, and `expect` runs one-off expectations.
 *
 * @remarks The operations are those of `REPL_OPERATIONS`; protocol outcomes (4xx, C3P failures)
 * resolve as values, only harness faults (no connection, transaction timeout) reject.
 */
import { inspect } from 'node:util';
import type { C3pOutcome, Endpoint, EndpointDialogState, InboundMessage, JoinResult } from '../endpoint/index.js';
import { FocusHarnessError } from '../errors.js';
import type { SipResponse } from '../sip/index.js';
import type { ReplExpectations } from './repl-expectations.js';

/** `alice.roster()`: one role's merged view of the conference. */
export class ReplRosterView {
  readonly role: string;
  readonly version: number | undefined;
  readonly locked: boolean;
  readonly users: readonly { readonly aor: string; readonly roles: readonly string[]; readonly inChat: boolean }[];
  readonly summary: string;

  constructor(role: string, endpoint: Endpoint) {
    const roster = endpoint.roster;
    this.role = role;
    this.version = roster.version;
    this.locked = roster.locked;
    this.users = roster.users().map((aor) => ({ aor, roles: roster.roles(aor), inChat: roster.inChat(aor) }));
    this.summary = roster.summary();
  }

  toString(): string {
    return `${this.role}: ${this.summary}${this.locked ? ' (locked)' : ''}`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** What `createConference` resolves, or a focus URI. */
export type ReplConference = string | { readonly focusUri: string };

export class ReplRole {
  readonly name: string;
  readonly endpoint: Endpoint;
  readonly expect: ReplExpectations;
  readonly #resolve: (subject: unknown) => Endpoint | string;

  constructor(name: string, endpoint: Endpoint, expect: ReplExpectations, resolve: (subject: unknown) => Endpoint | string) {
    this.name = name;
    this.endpoint = endpoint;
    this.expect = expect;
    this.#resolve = resolve;
  }

  get aor(): string {
    return this.endpoint.aor;
  }

  get focusUri(): string | undefined {
    return this.endpoint.focusUri;
  }

  get received(): readonly InboundMessage[] {
    return this.endpoint.received;
  }

  /** Opens the TLS connection (done by `register` when needed). */
  connect(): Promise<void> {
    return this.endpoint.connect();
  }

  async register(options: { expires?: number } = {}): Promise<SipResponse> {
    await this.endpoint.connect();
    return this.endpoint.register(options);
  }

  async createConference(options: { subject?: string } = {}): ReturnType<Endpoint['createConference']> {
    await this.endpoint.connect();
    return this.endpoint.createConference(options);
  }

  join(conference?: ReplConference, options: { subscribe?: boolean; im?: boolean } = {}): Promise<JoinResult> {
    return this.endpoint.join(focusUriOf(conference, this.name), options);
  }

  say(text: string): Promise<SipResponse> {
    return this.endpoint.say(String(text));
  }

  eject(target: unknown): Promise<C3pOutcome> {
    return this.endpoint.eject(this.#resolve(target));
  }

  setRoles(target: unknown, roles: string[] | string): Promise<C3pOutcome> {
    return this.endpoint.setRoles(this.#resolve(target), Array.isArray(roles) ? roles : [roles]);
  }

  lock(locked = true): Promise<C3pOutcome> {
    return this.endpoint.lock(locked);
  }

  getConference(): Promise<C3pOutcome> {
    return this.endpoint.getConference();
  }

  leave(): Promise<void> {
    return this.endpoint.leave();
  }

  roster(): ReplRosterView {
    return new ReplRosterView(this.name, this.endpoint);
  }

  dialogs(): EndpointDialogState {
    return this.endpoint.dialogState();
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }

  toString(): string {
    return `${this.name} <${this.aor}>`;
  }

  [inspect.custom](): string {
    const focus = this.endpoint.focusUri;
    return `[role ${this.name} <${this.aor}>${focus ? ` in ${focus}` : ''}]`;
  }
}

function focusUriOf(conference: ReplConference | undefined, role: string): string {
  if (typeof conference === 'string') return conference;
  if (conference && typeof conference === 'object' && typeof conference.focusUri === 'string') return conference.focusUri;
  throw new FocusHarnessError('FH_USAGE', `${role}.join wants the conference (what createConference resolved) or its focus URI`);
}
