/**
 * One execution of a scenario against a server: owns the endpoints, the steps, the verdicts and
 * the always-on checks, and turns them into a {@link RunResult}.
 *
 * @remarks Step lifecycle:
 * ```
 *  running ──fn resolves, no MUST violation──▶ passed | warned (a SHOULD failed)
 *     │  ────fn throws / MUST verdict / live MUST violation / timeout──▶ failed (run stops)
 *     └──────Ctrl-C──▶ interrupted (run stops, exit 130)
 * ```
 */
import type { ScenarioUser } from './scenario-user.js';
import type { TraceRecord, TraceRecorder } from '../capture/index.js';
import { Endpoint, type C3pOutcome, type EndpointOptions, type ServerTarget } from '../endpoint/index.js';
import { FocusHarnessError, isFocusHarnessError } from '../errors.js';
import type { Clock } from '../util/index.js';
import { AlwaysOnChecks } from './always-on-checks.js';
import type { CheckResult } from './check-result.js';
import type { Scenario, ScenarioEndpointOptions } from './define-scenario.js';
import { EndpointExpectations } from './endpoint-expectations.js';
import { ExpectationFailure, isExpectationFailure } from './expectation-failure.js';
import type { ExpectationHost, Verdict } from './expectation-host.js';
import { HARNESS_ERROR_CODES } from './harness-error-codes.js';
import { observe, type ObservedMessage } from './observed-message.js';
import { OutcomeExpectations } from './outcome-expectations.js';
import type { RunHooks } from './run-hooks.js';
import type { RunResult, StepResult, StepStatus } from './run-result.js';
import type { CheckSpec, ScenarioContext, StepOptions } from './scenario-context.js';
import type { ScenarioTimeouts } from './scenario-timeouts.js';

export type { ScenarioUser } from './scenario-user.js';

export interface ScenarioRunOptions {
  readonly target: ServerTarget;
  readonly domain: string;
  /** Identity per role; a role without an entry becomes `sip:<role>@<domain>`. */
  readonly users?: Readonly<Record<string, ScenarioUser>>;
  readonly clock: Clock;
  readonly recorder: TraceRecorder;
  readonly timeouts: ScenarioTimeouts;
  readonly signal?: AbortSignal;
  readonly hooks?: RunHooks;
  /** TLS key log sink for every connection of the run (endpoints and scripted users). */
  readonly keyLog?: (line: string) => void;
  /**
   * Builds the endpoints (tests inject doubles); the options include the scenario's own
   * `endpointOptions` for the role. @default `new Endpoint(options)`
   */
  readonly createEndpoint?: (options: EndpointOptions) => Endpoint;
}

class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

interface OpenStep {
  index: number;
  name: string;
  startedAt: number;
  fromSeq: number;
  checks: CheckResult[];
}

function capitalise(role: string): string {
  return role[0]!.toUpperCase() + role.slice(1);
}

/** The scenario's switches for one role's client, and nothing else (a scenario file is plain JS). */
function behaviourOf(options: ScenarioEndpointOptions | undefined): ScenarioEndpointOptions {
  return options?.leaveOnRemoval === undefined ? {} : { leaveOnRemoval: options.leaveOnRemoval };
}

function isC3pOutcome(value: unknown): value is C3pOutcome {
  return typeof value === 'object' && value !== null && 'carriedBy' in value && 'requestId' in value && 'sipResponse' in value;
}

export class ScenarioRun implements ScenarioContext<string>, ExpectationHost {
  readonly roles: Readonly<Record<string, Endpoint>>;
  readonly target: ServerTarget;
  readonly domain: string;
  readonly clock: Clock;
  readonly recorder: TraceRecorder;
  readonly timeouts: ScenarioTimeouts;
  readonly keyLog: ((line: string) => void) | undefined;
  readonly interrupted: Promise<void>;
  readonly alwaysOn = new AlwaysOnChecks();

  readonly #scenario: Scenario;
  readonly #users: Readonly<Record<string, ScenarioUser>>;
  readonly #hooks: RunHooks;
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #roleByEndpoint = new Map<Endpoint, string>();
  readonly #observed = new Map<Endpoint, ObservedMessage[]>();
  readonly #steps: StepResult[] = [];
  readonly #failures: ExpectationFailure[] = [];
  readonly #warnings: CheckResult[] = [];
  readonly #notes: CheckResult[] = [];
  readonly #loose: CheckResult[] = [];
  #violationsConsumed = 0;
  #current: OpenStep | undefined;
  #isInterrupted = false;
  #boundedWaits = 0;

  constructor(scenario: Scenario, options: ScenarioRunOptions) {
    this.#scenario = scenario;
    this.#users = options.users ?? {};
    this.#hooks = options.hooks ?? {};
    this.target = options.target;
    this.domain = options.domain;
    this.clock = options.clock;
    this.recorder = options.recorder;
    this.timeouts = options.timeouts;
    this.keyLog = options.keyLog;
    const signal = options.signal;
    this.interrupted = new Promise<void>((resolve) => {
      if (!signal) return;
      const fire = (): void => {
        this.#isInterrupted = true;
        resolve();
      };
      if (signal.aborted) fire();
      else signal.addEventListener('abort', fire, { once: true });
    });
    const create = options.createEndpoint ?? ((o: EndpointOptions) => new Endpoint(o));
    const roles: Record<string, Endpoint> = {};
    for (const role of scenario.roles) {
      const user = options.users?.[role];
      const endpoint = create({
        role,
        aor: user?.aor ?? `sip:${role}@${options.domain}`,
        displayName: user?.displayName ?? capitalise(role),
        server: options.target,
        recorder: options.recorder,
        clock: options.clock,
        c3pTimeoutMs: options.timeouts.c3pMs,
        ...(user?.username === undefined ? {} : { authUsername: user.username }),
        ...(user?.password === undefined ? {} : { password: user.password }),
        ...(user?.authScheme === undefined ? {} : { authScheme: user.authScheme }),
        ...(options.keyLog === undefined ? {} : { keyLog: options.keyLog }),
        ...behaviourOf(scenario.endpointOptions?.[role]),
      });
      roles[role] = endpoint;
      this.#endpoints.set(role, endpoint);
      this.#roleByEndpoint.set(endpoint, role);
    }
    this.roles = roles;
  }

  // ── ScenarioContext ────────────────────────────────────────────────────────────────────────

  user(role: string): ScenarioUser | undefined {
    return Object.hasOwn(this.#users, role) ? this.#users[role] : undefined;
  }

  async step<T>(name: string, fn: () => Promise<T>, options: StepOptions = {}): Promise<T> {
    if (this.#current) return fn(); // a nested step belongs to its parent
    const step: OpenStep = {
      index: this.#steps.length + 1,
      name,
      startedAt: this.clock.now(),
      fromSeq: this.lastSeq() + 1,
      checks: [],
    };
    this.#current = step;
    this.#hooks.onStepStart?.({ index: step.index, name });
    let value: T;
    try {
      value = await this.#guard(name, fn, options.timeout ?? this.timeouts.stepMs);
    } catch (error) {
      if (error instanceof Interrupted || this.#isInterrupted) {
        this.#closeStep(step, undefined, 'skipped');
        throw error instanceof Interrupted ? error : new Interrupted();
      }
      const causes = this.#consumeViolations(step, false);
      let failure: ExpectationFailure;
      if (isExpectationFailure(error)) failure = error;
      else if (isFocusHarnessError(error) && HARNESS_ERROR_CODES.has(error.code) && causes.length === 0) {
        this.#closeStep(step, undefined, 'failed');
        throw error;
      } else failure = this.#failureFromError(name, error);
      // A live MUST violation that led to a harness error (an answer dropped for its MS-SIPAE
      // signature ends as FH_AUTH) is the server's fault: the run fails on the violation.
      const all = [...causes, failure];
      this.#failures.push(...all);
      this.#closeStep(step, all[0]);
      throw all[0];
    }
    this.#consumeViolations(step);
    this.#closeStep(step);
    return value;
  }

  expect(subject: Endpoint): EndpointExpectations;
  expect(subject: C3pOutcome): OutcomeExpectations;
  expect(subject: Endpoint | C3pOutcome): EndpointExpectations | OutcomeExpectations {
    if (isC3pOutcome(subject)) {
      for (const [role, endpoint] of this.#endpoints) {
        const found = endpoint.received.find((m) => m.message === subject.sipResponse);
        if (found) return new OutcomeExpectations(this, subject, role, [found.seq]);
      }
      return new OutcomeExpectations(this, subject, undefined, []);
    }
    return new EndpointExpectations(this, subject);
  }

  check(condition: boolean, spec: CheckSpec): boolean {
    this.judge({
      passed: condition,
      severity: spec.severity ?? 'MUST',
      expected: spec.expected,
      ...(spec.id === undefined ? {} : { id: spec.id }),
      ...(spec.role === undefined ? {} : { role: spec.role }),
      ...(spec.actual === undefined ? {} : { actual: spec.actual }),
      ...(spec.seqs === undefined ? {} : { seqs: spec.seqs }),
    });
    return condition;
  }

  note(id: string | undefined, text: string, seqs: readonly number[] = []): void {
    this.judge({ passed: true, severity: 'INFO', expected: text, seqs, ...(id === undefined ? {} : { id }) });
  }

  trace(role?: string): readonly TraceRecord[] {
    const records = this.recorder.records;
    return role === undefined ? records : records.filter((r) => r.role === role);
  }

  lastSeq(): number {
    const records = this.recorder.records;
    return records.length === 0 ? 0 : records[records.length - 1]!.seq;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.clock.setTimer(ms, resolve);
    });
  }

  // ── ExpectationHost ────────────────────────────────────────────────────────────────────────

  stepStartSeq(): number {
    return (this.#current?.fromSeq ?? 1) - 1;
  }

  roleOf(endpoint: Endpoint): string {
    return this.#roleByEndpoint.get(endpoint) ?? endpoint.role;
  }

  observed(endpoint: Endpoint): readonly ObservedMessage[] {
    let list = this.#observed.get(endpoint);
    if (!list) this.#observed.set(endpoint, (list = []));
    const received = endpoint.received;
    for (let i = list.length; i < received.length; i++) list.push(observe(this.roleOf(endpoint), received[i]!));
    return list;
  }

  judge(verdict: Verdict): void {
    const check: CheckResult = {
      severity: verdict.severity,
      passed: verdict.passed,
      description: verdict.expected,
      seqs: verdict.seqs ?? (verdict.nearestMiss ? [verdict.nearestMiss.seq] : []),
      ...(verdict.id === undefined ? {} : { id: verdict.id }),
      ...(verdict.role === undefined ? {} : { role: verdict.role }),
      ...(verdict.actual !== undefined
        ? { detail: verdict.actual }
        : verdict.nearestMiss
          ? { detail: `nearest: seq ${verdict.nearestMiss.seq} ${verdict.nearestMiss.firstLine} — ${verdict.nearestMiss.reason}` }
          : {}),
    };
    (this.#current?.checks ?? this.#loose).push(check);
    if (verdict.severity === 'INFO') this.#notes.push(check);
    if (verdict.passed) return;
    if (verdict.severity === 'SHOULD') {
      this.#warnings.push(check);
      return;
    }
    if (verdict.severity === 'MUST') {
      throw new ExpectationFailure({
        step: this.#current?.name ?? '(outside any step)',
        expected: verdict.expected,
        ...(verdict.id === undefined ? {} : { id: verdict.id }),
        ...(verdict.role === undefined ? {} : { role: verdict.role }),
        ...(verdict.actual === undefined ? {} : { actual: verdict.actual }),
        ...(verdict.nearestMiss === undefined ? {} : { nearestMiss: verdict.nearestMiss }),
        ...(verdict.seqs === undefined ? {} : { seqs: verdict.seqs }),
      });
    }
  }

  async bounded<T>(wait: Promise<T>): Promise<T> {
    this.#boundedWaits++;
    try {
      return await wait;
    } finally {
      this.#boundedWaits--;
    }
  }

  // ── running ────────────────────────────────────────────────────────────────────────────────

  /** Runs the scenario to the end (or first MUST failure) and closes the endpoints. */
  async execute(): Promise<Omit<RunResult, 'target'>> {
    const startedAt = this.clock.now();
    this.alwaysOn.attach(this.recorder, this.#endpoints);
    let error: FocusHarnessError | undefined;
    let interrupted = false;
    try {
      await Promise.race([this.#scenario.run(this), this.interrupted.then(() => Promise.reject(new Interrupted()))]);
      if (!this.#isInterrupted) await this.#finalSweep();
    } catch (caught) {
      if (caught instanceof Interrupted || this.#isInterrupted) interrupted = true;
      else if (isExpectationFailure(caught)) {
        if (!this.#failures.includes(caught)) this.#failures.push(caught);
      } else if (isFocusHarnessError(caught) && HARNESS_ERROR_CODES.has(caught.code)) error = caught;
      else if (isFocusHarnessError(caught)) this.#failures.push(this.#failureFromError('(outside any step)', caught));
      else error = new FocusHarnessError('FH_INTERNAL', `the scenario threw: ${caught instanceof Error ? caught.message : String(caught)}`, { cause: caught });
    } finally {
      this.alwaysOn.detach();
      await Promise.all([...this.#endpoints.values()].map((e) => e.close().catch(() => undefined)));
    }
    const status = interrupted ? 'interrupted' : error ? 'error' : this.#failures.length ? 'failed' : 'passed';
    const exitCode = ({ passed: 0, failed: 1, error: 2, interrupted: 130 } as const)[status];
    const scenario = this.#scenario;
    return {
      scenario: { name: scenario.name, title: scenario.title, roles: scenario.roles, ...(scenario.spec ? { spec: scenario.spec } : {}) },
      status,
      exitCode,
      steps: this.#steps,
      failures: this.#failures,
      warnings: this.#warnings,
      notes: this.#notes,
      records: this.recorder.records,
      startedAt,
      durationMs: this.clock.now() - startedAt,
      ...(error ? { error } : {}),
    };
  }

  /** After the last step: let late messages land, then judge what the live checks saw. */
  async #finalSweep(): Promise<void> {
    await this.sleep(this.timeouts.settleMs);
    this.alwaysOn.sweepRosterIssues(this.#endpoints, (role) => this.#lastRosterSeq(role));
    const pending = this.alwaysOn.violations.slice(this.#violationsConsumed);
    this.#violationsConsumed = this.alwaysOn.violations.length;
    for (const v of pending) {
      try {
        this.judge(v);
      } catch (failure) {
        if (isExpectationFailure(failure)) this.#failures.push(failure);
        else throw failure;
      }
    }
  }

  async #guard<T>(name: string, fn: () => Promise<T>, timeoutMs: number): Promise<T> {
    let timer: { cancel(): void } | undefined;
    const running = fn();
    running.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      const fire = (): void => {
        // An expectation still waiting has its own bound and a better diagnostic: let it finish.
        if (this.#boundedWaits > 0) {
          timer = this.clock.setTimer(50, fire);
          return;
        }
        const last = this.recorder.records.at(-1);
        reject(
          new ExpectationFailure({
            step: name,
            expected: `the step to finish within ${timeoutMs} ms`,
            actual: last ? `still waiting; the last message of the run was seq ${last.seq} ${last.label} (${last.role} ${last.direction === 'in' ? '←' : '→'} ${last.peer})` : 'still waiting; no message was exchanged',
            seqs: last ? [last.seq] : [],
          }),
        );
      };
      timer = this.clock.setTimer(timeoutMs, fire);
    });
    try {
      return await Promise.race([running, timeout, this.interrupted.then(() => Promise.reject(new Interrupted()))]);
    } finally {
      timer?.cancel();
    }
  }

  #lastRosterSeq(role: string): number {
    const endpoint = this.#endpoints.get(role);
    if (!endpoint) return 0;
    const observed = this.observed(endpoint);
    for (let i = observed.length - 1; i >= 0; i--) if (observed[i]!.dialog === 'D2') return observed[i]!.seq;
    return observed.at(-1)?.seq ?? 0;
  }

  /**
   * Live violations seen since the last step ended. With `throwFirst`, the first MUST one fails
   * the step; otherwise they are returned (as failures) to precede the step's own failure.
   */
  #consumeViolations(step: OpenStep, throwFirst = true): ExpectationFailure[] {
    this.alwaysOn.sweepRosterIssues(this.#endpoints, (role) => this.#lastRosterSeq(role));
    const pending = this.alwaysOn.violations.slice(this.#violationsConsumed);
    this.#violationsConsumed = this.alwaysOn.violations.length;
    const failures: ExpectationFailure[] = [];
    for (const violation of pending) {
      try {
        this.judge(violation);
      } catch (failure) {
        if (!isExpectationFailure(failure)) throw failure;
        failures.push(failure);
      }
    }
    if (throwFirst && failures.length) {
      this.#failures.push(...failures);
      this.#closeStep(step, failures[0]);
      throw failures[0];
    }
    return failures;
  }

  #failureFromError(stepName: string, error: unknown): ExpectationFailure {
    const code = isFocusHarnessError(error) ? `${error.code}: ` : '';
    const text = error instanceof Error ? error.message : String(error);
    const last = this.recorder.records.at(-1);
    return new ExpectationFailure({
      step: stepName,
      expected: 'the step to complete',
      actual: `${code}${text}${last ? `; last message seq ${last.seq} ${last.label} (${last.role} ${last.direction === 'in' ? '←' : '→'} ${last.peer})` : ''}`,
      seqs: last ? [last.seq] : [],
    });
  }

  #closeStep(step: OpenStep, failure?: ExpectationFailure, forced?: StepStatus): void {
    if (this.#current !== step) return;
    this.#current = undefined;
    const warned = step.checks.some((c) => !c.passed && c.severity === 'SHOULD');
    const status: StepStatus = forced ?? (failure ? 'failed' : warned ? 'warned' : 'passed');
    const result: StepResult = {
      index: step.index,
      name: step.name,
      status,
      durationMs: this.clock.now() - step.startedAt,
      fromSeq: step.fromSeq,
      toSeq: this.lastSeq(),
      checks: step.checks,
      ...(failure ? { failure } : {}),
    };
    this.#steps.push(result);
    this.#hooks.onStepResult?.(result);
  }
}
