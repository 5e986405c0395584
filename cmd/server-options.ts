/**
 * The options every command that talks to a server shares — profile, server, TLS, domain, lab
 * faults, timeout — declared once, and how they resolve into a profile and a target.
 */
import type { Options } from 'yargs';
import { loadProfile, parseProfile, resolveProfile, type ProfileOverrides, type ResolvedProfile } from '../src/config/index.js';
import type { ServerTarget } from '../src/endpoint/index.js';

export type ServerFlag = 'profile' | 'server' | 'transport' | 'ca' | 'servername' | 'domain' | 'fault' | 'timeout';

export interface ServerArgs {
  profile?: string;
  server?: string;
  transport?: 'tls' | 'tcp';
  ca?: string;
  servername?: string;
  domain?: string;
  fault?: string[];
  timeout?: number;
}

/** The yargs table; a command may replace a `describe` that says more in its context. */
export const SERVER_OPTIONS: Record<ServerFlag, Options> = {
  profile: { type: 'string', describe: 'YAML run profile (server, domain, users, timeouts); flags override it', requiresArg: true },
  server: { type: 'string', describe: 'server to test as host:port (default: an embedded lab focus on 127.0.0.1)', requiresArg: true },
  transport: { choices: ['tls', 'tcp'] as const, describe: 'transport to the server (default tls)' },
  ca: { type: 'string', describe: 'PEM file of the CA that issued the server certificate', requiresArg: true },
  servername: { type: 'string', describe: 'TLS SNI / certificate name to expect (default: the host)', requiresArg: true },
  domain: { type: 'string', describe: 'SIP domain of the users (default contoso.com)', requiresArg: true },
  fault: { type: 'string', array: true, describe: 'lab focus fault switch (embedded lab only; repeatable); `focus-harness lab --list-faults` lists them' },
  timeout: { type: 'number', describe: 'step and expectation timeout in ms (default 5000)', requiresArg: true },
};

/** Every profile override has its flag: adding a field to ProfileOverrides without one fails to compile. */
const OVERRIDE_FLAGS: { readonly [K in keyof Required<ProfileOverrides>]: ServerFlag } = {
  server: 'server',
  transport: 'transport',
  ca: 'ca',
  servername: 'servername',
  domain: 'domain',
  timeout: 'timeout',
  faults: 'fault',
};

function overridesFrom(args: ServerArgs): ProfileOverrides {
  const out: Record<string, unknown> = {};
  for (const [key, flag] of Object.entries(OVERRIDE_FLAGS)) {
    const value = args[flag];
    if (value !== undefined) out[key] = value;
  }
  return out as ProfileOverrides;
}

/**
 * The profile (`profilePath`, default `--profile`; none: the defaults) with the flags laid over it.
 *
 * @throws FocusHarnessError `FH_CONFIG`/`FH_USAGE` naming file:line:col for a bad profile.
 */
export function resolveServerArgs(args: ServerArgs, profilePath = args.profile): ResolvedProfile {
  const loaded = profilePath ? loadProfile(profilePath) : undefined;
  return resolveProfile(loaded?.profile ?? parseProfile('{}', '(defaults)'), overridesFrom(args), loaded ? { profilePath: loaded.path } : {});
}

/** What the scenario runner connects to: the embedded lab, or the resolved server. */
function targetOf(resolved: ResolvedProfile): ServerTarget | 'embedded' {
  if (resolved.target === 'embedded') return 'embedded';
  const { host, port, transport, ca, servername, connectTimeoutMs } = resolved.target;
  return {
    host,
    port,
    transport,
    ...(ca === undefined ? {} : { ca }),
    ...(servername === undefined ? {} : { servername }),
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
  };
}

/**
 * What every command hands the scenario runner from the resolved profile: the target, the lab
 * faults and timeouts, and the domain and users when the profile gives them.
 */
export function runnerOptionsOf(resolved: ResolvedProfile) {
  return {
    target: targetOf(resolved),
    faults: resolved.faults,
    timeouts: resolved.timeouts,
    ...(resolved.domain ? { domain: resolved.domain } : {}),
    ...(Object.keys(resolved.users).length ? { users: resolved.users } : {}),
  };
}
