/**
 * What a scenario's `run` receives: its endpoints by role, named steps and expectations.
 */
import type { TraceRecord, TraceRecorder } from '../capture/index.js';
import type { C3pOutcome, Endpoint, ServerTarget } from '../endpoint/index.js';
import type { Clock } from '../util/index.js';
import type { EndpointExpectations } from './endpoint-expectations.js';
import type { OutcomeExpectations } from './outcome-expectations.js';
import type { Severity } from './severity.js';
import type { ScenarioTimeouts } from './scenario-timeouts.js';
import type { ScenarioUser } from './scenario-user.js';

export interface StepOptions {
  /** The step fails when it has not finished after this long. @default timeouts.stepMs (5000) */
  readonly timeout?: number;
}

/** A free-form check (`ctx.check`) for what the ready-made expectations do not cover. */
export interface CheckSpec {
  readonly id?: string;
  /** @default 'MUST' */
  readonly severity?: Severity;
  readonly role?: string;
  /** What must hold, in words. */
  readonly expected: string;
  /** What was observed (shown when the check fails, recorded when it passes). */
  readonly actual?: string;
  readonly seqs?: readonly number[];
}

export interface ScenarioContext<R extends string = string> {
  /** The emulated endpoints, connected but not yet registered. */
  readonly roles: Readonly<Record<R, Endpoint>>;
  readonly target: ServerTarget;
  /** The SIP domain of the users (`contoso.com` for the lab). */
  readonly domain: string;
  /**
   * The identity the run was given for `role` (profile `users`), for a scripted user outside the
   * emulated roles (`mallory`, `zoe`) or a role spoken for by hand; undefined when none was given.
   */
  user(role: string): ScenarioUser | undefined;
  readonly clock: Clock;
  readonly recorder: TraceRecorder;
  readonly timeouts: ScenarioTimeouts;
  /** The run's TLS key log sink, for connections a scenario opens itself (scripted users). */
  readonly keyLog: ((line: string) => void) | undefined;
  /** Runs `fn` as a named step: its messages are grouped under the name in the ladder. */
  step<T>(name: string, fn: () => Promise<T>, options?: StepOptions): Promise<T>;
  /** Expectations on what an endpoint receives, on its roster and its dialogs. */
  expect(subject: Endpoint): EndpointExpectations;
  /** Expectations on a C3P command's outcome. */
  expect(subject: C3pOutcome): OutcomeExpectations;
  /** Records a check; a failed MUST ends the step (throws `ExpectationFailure`). Returns `condition`. */
  check(condition: boolean, spec: CheckSpec): boolean;
  /** Records an INFO observation (brief §7: "recorded only"). */
  note(id: string | undefined, text: string, seqs?: readonly number[]): void;
  /** The trace so far, optionally only one role's records. */
  trace(role?: R): readonly TraceRecord[];
  /** The highest trace seq so far (0 before any message). */
  lastSeq(): number;
  /** Waits on the injected clock. */
  sleep(ms: number): Promise<void>;
}
