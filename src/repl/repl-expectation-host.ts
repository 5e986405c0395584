/**
 * The scenario layer's expectations, hosted by the REPL: verdicts are collected as values instead
 * of failing a step, and "since the step began" means since the session began (or `since: seq`).
 */
import type { Endpoint } from '../endpoint/index.js';
import { formatNearestMiss, observe, type EndpointExpectations, type ObservedMessage, type ScenarioTimeouts } from '../scenario/index.js';
import type { Clock } from '../util/index.js';
import { ReplVerdict } from './repl-verdict.js';

/** What `EndpointExpectations` needs from its host (the scenario's ExpectationHost contract). */
type ExpectationHost = ConstructorParameters<typeof EndpointExpectations>[0];
type Verdict = Parameters<ExpectationHost['judge']>[0];

export class ReplExpectationHost implements ExpectationHost {
  readonly clock: Clock;
  readonly timeouts: ScenarioTimeouts;
  readonly interrupted: Promise<void>;
  readonly #roleOf: (endpoint: Endpoint) => string;
  readonly #verdicts: ReplVerdict[] = [];
  #interrupt: () => void = () => undefined;

  constructor(clock: Clock, timeouts: ScenarioTimeouts, roleOf: (endpoint: Endpoint) => string) {
    this.clock = clock;
    this.timeouts = timeouts;
    this.#roleOf = roleOf;
    this.interrupted = new Promise<void>((resolve) => {
      this.#interrupt = resolve;
    });
  }

  /** Ends every pending wait (the session is closing). */
  interrupt(): void {
    this.#interrupt();
  }

  stepStartSeq(): number {
    return 0;
  }

  roleOf(endpoint: Endpoint): string {
    return this.#roleOf(endpoint);
  }

  observed(endpoint: Endpoint): readonly ObservedMessage[] {
    const role = this.roleOf(endpoint);
    return endpoint.received.map((m) => observe(role, m));
  }

  judge(verdict: Verdict): void {
    const miss = verdict.nearestMiss;
    const actual = [verdict.actual, miss ? `nearest miss: ${formatNearestMiss(miss)}` : undefined].filter(Boolean).join('; ');
    this.#verdicts.push(
      new ReplVerdict({
        passed: verdict.passed,
        expected: verdict.expected,
        seqs: verdict.seqs ?? (miss ? [miss.seq] : []),
        ...(verdict.role === undefined ? {} : { role: verdict.role }),
        ...(actual === '' ? {} : { actual }),
      }),
    );
  }

  bounded<T>(wait: Promise<T>): Promise<T> {
    return wait;
  }

  /** Runs one expectation and returns the verdict it produced. */
  async verdictOf(run: () => Promise<unknown>): Promise<ReplVerdict> {
    const before = this.#verdicts.length;
    await run();
    const verdict = this.#verdicts[this.#verdicts.length - 1];
    if (verdict === undefined || this.#verdicts.length === before) {
      return new ReplVerdict({ passed: false, expected: 'a verdict', actual: 'the expectation produced none (the session closed?)', seqs: [] });
    }
    return verdict;
  }
}
