/**
 * Turns a validated profile plus CLI overrides into what a run needs: the target (with the CA
 * PEM read from disk), the users (passwords taken from the environment) and the time budgets.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FocusHarnessError } from '../errors.js';
import type { Profile } from './profile-schema.js';

export type ProfileTimeouts = Readonly<Partial<Record<'stepMs' | 'expectMs' | 'settleMs' | 'c3pMs', number>>>;

export interface ResolvedServer {
  readonly host: string;
  readonly port: number;
  readonly transport: 'tls' | 'tcp';
  readonly ca?: string;
  readonly caPath?: string;
  readonly servername?: string;
  readonly connectTimeoutMs?: number;
}

export interface ResolvedUser {
  readonly aor: string;
  readonly displayName?: string;
  readonly username?: string;
  /** From the environment variable named by `passwordEnv`; never from a file. */
  readonly password?: string;
  /** The profile's `auth` when it is `ntlm` (Digest is the default). */
  readonly authScheme?: 'ntlm';
}

export interface ResolvedProfile {
  readonly target: ResolvedServer | 'embedded';
  readonly domain?: string;
  readonly users: Readonly<Record<string, ResolvedUser>>;
  readonly timeouts: ProfileTimeouts;
  readonly faults: readonly string[];
}

/** CLI flags that override the profile (the `run` command's option table maps onto these). */
export interface ProfileOverrides {
  readonly server?: string;
  readonly transport?: 'tls' | 'tcp';
  readonly ca?: string;
  readonly servername?: string;
  readonly domain?: string;
  readonly timeout?: number;
  readonly faults?: readonly string[];
}

/** `host:port`, `[v6]:port` → parts (FH_USAGE when malformed). */
export function parseHostPort(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || !(port >= 1 && port <= 65535)) {
    throw new FocusHarnessError('FH_USAGE', `--server wants host:port (e.g. 127.0.0.1:5061), got "${text}"`);
  }
  return { host: (match[1] ?? match[2])!, port };
}

function readCa(path: string, where: string): string {
  try {
    const pem = readFileSync(path, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in the file');
    return pem;
  } catch (error) {
    throw new FocusHarnessError('FH_CERT', `cannot use the CA file ${path}: ${(error as Error).message}`, { where, cause: error });
  }
}

export function resolveProfile(
  profile: Profile,
  overrides: ProfileOverrides = {},
  context: { profilePath?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): ResolvedProfile {
  const env = context.env ?? process.env;
  const cwd = context.cwd ?? process.cwd();
  const base = context.profilePath ? dirname(context.profilePath) : cwd;
  const where = context.profilePath ?? 'command line';

  let target: ResolvedServer | 'embedded' = 'embedded';
  const fromProfile = profile.server === 'embedded' ? undefined : profile.server;
  const hostPort = overrides.server ? parseHostPort(overrides.server) : fromProfile;
  if (hostPort) {
    // A CA named on the command line is relative to the working directory; one in the profile to the profile.
    const caPath = overrides.ca ? resolve(cwd, overrides.ca) : fromProfile?.ca ? resolve(base, fromProfile.ca) : undefined;
    const servername = overrides.servername ?? fromProfile?.servername;
    target = {
      host: hostPort.host,
      port: hostPort.port,
      transport: overrides.transport ?? fromProfile?.transport ?? 'tls',
      ...(caPath ? { caPath, ca: readCa(caPath, where) } : {}),
      ...(servername ? { servername } : {}),
      ...(fromProfile?.connectTimeoutMs ? { connectTimeoutMs: fromProfile.connectTimeoutMs } : {}),
    };
  } else if (overrides.ca || overrides.transport || overrides.servername) {
    throw new FocusHarnessError('FH_USAGE', '--ca, --transport and --servername need --server (or a profile with a server)');
  }

  const users: Record<string, ResolvedUser> = {};
  for (const [role, user] of Object.entries(profile.users)) {
    let password: string | undefined;
    if (user.passwordEnv) {
      password = env[user.passwordEnv];
      if (password === undefined || password === '') {
        throw new FocusHarnessError('FH_PROFILE_INVALID', `users.${role}.passwordEnv names ${user.passwordEnv}, which is not set; export ${user.passwordEnv}=… before the run`, { where });
      }
    }
    users[role] = {
      aor: user.aor,
      ...(user.displayName ? { displayName: user.displayName } : {}),
      ...(user.username ? { username: user.username } : {}),
      ...(password ? { password } : {}),
      ...(profile.auth === 'ntlm' ? { authScheme: 'ntlm' as const } : {}),
    };
  }

  const faults = overrides.faults?.length ? overrides.faults : profile.faults;
  if (target !== 'embedded' && faults.length) {
    throw new FocusHarnessError('FH_USAGE', `--fault applies only to the embedded lab focus; drop --server (got ${faults.join(', ')})`);
  }
  const domain = overrides.domain ?? profile.domain;
  return {
    target,
    users,
    faults,
    timeouts: Object.fromEntries(
      Object.entries({ ...profile.timeouts, ...(overrides.timeout ? { stepMs: overrides.timeout, expectMs: overrides.timeout } : {}) }).filter(
        ([, v]) => v !== undefined,
      ),
    ) as ProfileTimeouts,
    ...(domain ? { domain } : {}),
  };
}
