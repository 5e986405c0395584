/** How a {@link ReplSession} reaches its server and names its roles. */
import type { ServerTarget } from '../endpoint/index.js';
import type { ScenarioTimeouts } from '../scenario/index.js';
import type { Clock } from '../util/index.js';

export interface ReplUser {
  readonly aor: string;
  readonly displayName?: string;
  readonly password?: string;
}

export interface ReplSessionOptions {
  /** The server, or `'embedded'` for a lab focus on an ephemeral loopback port. @default 'embedded' */
  readonly target?: ServerTarget | 'embedded';
  /** Lab fault switches (embedded lab only). */
  readonly faults?: readonly string[];
  /** Where the embedded lab keeps its CA and leaf. @default the scenario layer's embedded cert dir */
  readonly certDir?: string;
  /** SIP domain of roles without a configured user. @default the lab's domain, else contoso.com */
  readonly domain?: string;
  /** Identity per role (profile `users`). */
  readonly users?: Readonly<Record<string, ReplUser>>;
  /** How many roles, or their names. @default 3 (alice, bob, carol) */
  readonly roles?: number | readonly string[];
  readonly timeouts?: Partial<ScenarioTimeouts>;
  /** @default systemClock */
  readonly clock?: Clock;
}
