/**
 * `runScenarioLoad`: a load run of one scenario. Starts one lab focus for the whole run (unless a
 * server is given), gives every iteration its own users (`sip:alice.v3i17@contoso.com`) and runs
 * {@link runLoad}; the lab is stopped at the end.
 *
 * @remarks Against a real server the generated users must be accepted: load needs a server that
 * takes any user of the domain (a lab). A profile's fixed users can be used with one virtual user
 * only, since a registrar binds an AOR to one connection.
 */
import type { ServerTarget } from '../endpoint/index.js';
import { FocusHarnessError } from '../errors.js';
import { LAB_DEFAULT_DOMAIN, runScenario, startEmbeddedLab, type EmbeddedLab, type RunTargetInfo, type Scenario, type ScenarioTimeouts, type ScenarioUser } from '../scenario/index.js';
import { checkLoadBounds } from './check-load-bounds.js';
import { iterationUsers } from './iteration-users.js';
import type { LoadResult } from './load-result.js';
import type { RunLoadOptions } from './run-load-options.js';
import { runLoad } from './run-load.js';

/** The embedded lab of a load run forgets a conference this long after its last user left. */
const EMPTY_CONFERENCE_LINGER_MS = 5_000;

export interface ScenarioLoadOptions extends Omit<RunLoadOptions, 'scenario' | 'target' | 'iteration'> {
  /** A server to load, or `'embedded'` for one lab focus on loopback for the whole run. @default 'embedded' */
  readonly target?: ServerTarget | 'embedded';
  /** Lab focus fault switches (embedded target only). */
  readonly faults?: readonly string[];
  /** Users' SIP domain. @default the lab's domain, else 'contoso.com' */
  readonly domain?: string;
  /** Fixed identities per role (a profile's users): one virtual user only. */
  readonly users?: Readonly<Record<string, ScenarioUser>>;
  readonly timeouts?: Partial<ScenarioTimeouts>;
  /** Where the embedded lab keeps its CA. @default a folder under the OS temp dir */
  readonly labCertDir?: string;
  /** Called once the target is up, before the first iteration. */
  readonly onStart?: (target: RunTargetInfo) => void;
}

export async function runScenarioLoad(scenario: Scenario, options: ScenarioLoadOptions): Promise<LoadResult> {
  checkLoadBounds(options);
  const faults = options.faults ?? [];
  const wanted = options.target ?? 'embedded';
  const fixedUsers = options.users && Object.keys(options.users).length ? options.users : undefined;
  if (wanted !== 'embedded' && faults.length) {
    throw new FocusHarnessError('FH_USAGE', `--fault applies only to the embedded lab focus (drop --server to use it); got ${faults.join(', ')}`);
  }
  if (fixedUsers && options.vus > 1) {
    throw new FocusHarnessError(
      'FH_USAGE',
      `the profile names fixed users (${Object.keys(fixedUsers).join(', ')}), and a registrar binds each to one connection: with --vus ${options.vus} they would collide. Use --vus 1, or a profile without users against a server that accepts any user of the domain (a lab)`,
    );
  }
  let embedded: EmbeddedLab | undefined;
  try {
    if (wanted === 'embedded') embedded = await startEmbeddedLab({ faults, forgetEmptyConferencesAfterMs: EMPTY_CONFERENCE_LINGER_MS, ...(options.labCertDir ? { certDir: options.labCertDir } : {}) });
    const target = embedded?.target ?? (wanted as ServerTarget);
    const domain = options.domain ?? embedded?.domain ?? LAB_DEFAULT_DOMAIN;
    const info: RunTargetInfo = { host: target.host, port: target.port, transport: target.transport, embedded: embedded !== undefined, faults };
    options.onStart?.(info);
    return await runLoad({
      // The run's own options (vus, bounds, thresholds, signal, onProgress, clock) pass through.
      ...options,
      scenario: { name: scenario.name, title: scenario.title },
      target: info,
      iteration: ({ vu, iteration, signal }) =>
        runScenario(scenario, {
          target,
          domain,
          signal,
          users: fixedUsers ?? iterationUsers(scenario.roles, domain, vu, iteration),
          ...(options.timeouts ? { timeouts: options.timeouts } : {}),
          ...(options.clock ? { clock: options.clock } : {}),
        }),
    });
  } finally {
    await embedded?.lab.stop().catch(() => undefined);
  }
}
