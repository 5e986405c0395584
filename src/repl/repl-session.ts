/**
 * The state behind a REPL: the target (an embedded lab focus when none is named), one trace
 * recorder shared by every role, and the roles themselves.
 */
import type { TraceRecord } from '../capture/index.js';
import { TraceRecorder } from '../capture/index.js';
import { Endpoint, type ServerTarget } from '../endpoint/index.js';
import { FocusHarnessError } from '../errors.js';
import { LAB_DEFAULT_DOMAIN } from '../labfocus/index.js';
import { DEFAULT_TIMEOUTS, startEmbeddedLab, type EmbeddedLab, type ScenarioTimeouts } from '../scenario/index.js';
import { systemClock, type Clock } from '../util/index.js';
import { ReplExpectationHost } from './repl-expectation-host.js';
import { ReplExpectations } from './repl-expectations.js';
import { ReplRole } from './repl-role.js';
import type { ReplSessionOptions, ReplUser } from './repl-session-options.js';
import { isRoleName, roleNames } from './role-names.js';


function capitalise(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

export class ReplSession {
  readonly target: ServerTarget;
  readonly domain: string;
  readonly recorder = new TraceRecorder();
  readonly clock: Clock;
  readonly timeouts: ScenarioTimeouts;
  /** The embedded lab focus, when the session started one. */
  readonly lab: EmbeddedLab | undefined;
  readonly #users: Readonly<Record<string, ReplUser>>;
  readonly #roles = new Map<string, ReplRole>();
  readonly #host: ReplExpectationHost;
  readonly #onAdd: ((role: ReplRole) => void)[] = [];
  #closed = false;

  private constructor(target: ServerTarget, domain: string, lab: EmbeddedLab | undefined, options: ReplSessionOptions) {
    this.target = target;
    this.domain = domain;
    this.lab = lab;
    this.clock = options.clock ?? systemClock;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#users = options.users ?? {};
    this.#host = new ReplExpectationHost(this.clock, this.timeouts, (endpoint) => this.roleOfEndpoint(endpoint));
  }

  /** Starts the embedded lab when needed and creates the initial roles (not yet connected). */
  static async open(options: ReplSessionOptions = {}): Promise<ReplSession> {
    let lab: EmbeddedLab | undefined;
    let target: ServerTarget;
    if (options.target === undefined || options.target === 'embedded') {
      lab = await startEmbeddedLab({ ...(options.faults ? { faults: options.faults } : {}), ...(options.certDir ? { certDir: options.certDir } : {}) });
      target = lab.target;
    } else {
      if (options.faults?.length) throw new FocusHarnessError('FH_USAGE', 'lab faults apply to the embedded lab focus only; drop --fault or --server');
      target = options.target;
    }
    const session = new ReplSession(target, options.domain ?? lab?.domain ?? LAB_DEFAULT_DOMAIN, lab, options);
    const names = typeof options.roles === 'number' || options.roles === undefined ? roleNames(options.roles ?? 3) : options.roles;
    for (const name of names) session.addRole(name);
    return session;
  }

  get roles(): ReadonlyMap<string, ReplRole> {
    return this.#roles;
  }

  get roleNames(): string[] {
    return [...this.#roles.keys()];
  }

  get records(): readonly TraceRecord[] {
    return this.recorder.records;
  }

  role(name: string): ReplRole | undefined {
    return this.#roles.get(name);
  }

  /** Calls `cb` for every role added later (the REPL puts it in its context). */
  onRoleAdded(cb: (role: ReplRole) => void): void {
    this.#onAdd.push(cb);
  }

  /** Adds a role (`sip:<name>@<domain>` unless the profile names the user); returns it. */
  addRole(name: string): ReplRole {
    if (this.#closed) throw new FocusHarnessError('FH_USAGE', 'the session is closed');
    if (!isRoleName(name)) throw new FocusHarnessError('FH_USAGE', `a role name must be an identifier (it becomes a variable), got ${JSON.stringify(name)}`);
    if (this.#roles.has(name)) throw new FocusHarnessError('FH_USAGE', `there is already a role named ${name}`);
    const user = this.#users[name];
    const endpoint = new Endpoint({
      role: name,
      aor: user?.aor ?? `sip:${name}@${this.domain}`,
      displayName: user?.displayName ?? capitalise(name),
      server: this.target,
      recorder: this.recorder,
      clock: this.clock,
      c3pTimeoutMs: this.timeouts.c3pMs,
      ...(user?.password === undefined ? {} : { password: user.password }),
    });
    const resolve = (subject: unknown): Endpoint | string => this.resolveSubject(subject);
    const role = new ReplRole(name, endpoint, new ReplExpectations(this.#host, endpoint, resolve), resolve);
    this.#roles.set(name, role);
    for (const cb of this.#onAdd) cb(role);
    return role;
  }

  /** A role, an endpoint, a role name or an AOR → what the endpoint API takes. */
  resolveSubject(subject: unknown): Endpoint | string {
    if (subject instanceof ReplRole) return subject.endpoint;
    if (subject instanceof Endpoint) return subject;
    if (typeof subject === 'string') return this.#roles.get(subject)?.endpoint ?? subject;
    throw new FocusHarnessError('FH_USAGE', `expected a role (${this.roleNames.join(', ')}) or an AOR, got ${typeof subject}`);
  }

  roleOfEndpoint(endpoint: Endpoint): string {
    for (const [name, role] of this.#roles) if (role.endpoint === endpoint) return name;
    return endpoint.role;
  }

  /** Closes every endpoint, then the embedded lab; pending expectations end at once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#host.interrupt();
    this.recorder.close();
    await Promise.all([...this.#roles.values()].map((r) => r.endpoint.close().catch(() => undefined)));
    await this.lab?.lab.stop();
  }
}
