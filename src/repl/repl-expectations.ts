/**
 * `alice.expect`: one-off expectations at the prompt (`await carol.expect.bye({ within: 5000 })`),
 * each resolving a {@link ReplVerdict}. The kinds are listed in `REPL_EXPECTATIONS`.
 */
import type { Endpoint } from '../endpoint/index.js';
import { EndpointExpectations, type MessageMatcher } from '../scenario/index.js';
import type { ReplExpectationHost } from './repl-expectation-host.js';
import type { ReplVerdict } from './repl-verdict.js';

export interface ReplExpectOptions {
  /** How long to wait in ms. @default the session's expect timeout (5000) */
  readonly within?: number;
  /** Only messages with a higher trace seq count. @default 0 (the whole session) */
  readonly since?: number;
}

export interface ReplQuietOptions {
  /** Quiet period in ms. @default the session's settle time (150) */
  readonly during?: number;
  readonly since?: number;
}

/** A role of the session or an AOR. */
export type ReplSubject = Endpoint | string;

export class ReplExpectations {
  readonly #host: ReplExpectationHost;
  readonly #endpoint: Endpoint;
  readonly #resolve: (subject: unknown) => Endpoint | string;

  constructor(host: ReplExpectationHost, endpoint: Endpoint, resolve: (subject: unknown) => Endpoint | string) {
    this.#host = host;
    this.#endpoint = endpoint;
    this.#resolve = resolve;
  }

  #expect(): EndpointExpectations {
    return new EndpointExpectations(this.#host, this.#endpoint);
  }

  bye(options: ReplExpectOptions = {}): Promise<ReplVerdict> {
    return this.receives({ method: 'BYE' }, options);
  }

  receives(matcher: MessageMatcher, options: ReplExpectOptions = {}): Promise<ReplVerdict> {
    return this.#host.verdictOf(() => this.#expect().receives(matcher, { ...options, since: options.since ?? 0 }));
  }

  receivesNo(matcher: MessageMatcher, options: ReplQuietOptions = {}): Promise<ReplVerdict> {
    return this.#host.verdictOf(() => this.#expect().receivesNo(matcher, { ...options, since: options.since ?? 0 }));
  }

  inRoster(subject: unknown, options: { within?: number } = {}): Promise<ReplVerdict> {
    return this.#host.verdictOf(() => this.#expect().roster.has(this.#resolve(subject), options));
  }

  notInRoster(subject: unknown, options: { within?: number } = {}): Promise<ReplVerdict> {
    return this.#host.verdictOf(() => this.#expect().roster.lacks(this.#resolve(subject), options));
  }
}
