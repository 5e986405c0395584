/**
 * The embedded target: a lab focus started on an ephemeral loopback port with a generated CA,
 * for runs that name no server (`focus-harness run eject`).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { ServerTarget } from '../endpoint/index.js';
import { FocusHarnessError } from '../errors.js';
import { LAB_FAULTS, startLabFocus, type LabFaultName, type LabFocus, type LabFocusOptions } from '../labfocus/index.js';

export interface EmbeddedLab {
  readonly lab: LabFocus;
  readonly target: ServerTarget;
  readonly domain: string;
}

/** Where the embedded lab keeps its generated CA and leaf between runs (reused when present). */
export function embeddedCertDir(): string {
  return join(tmpdir(), 'focus-harness', 'lab-certs');
}

/** Throws `FH_USAGE` naming the valid switches when a fault name is unknown. */
export function validateFaults(faults: readonly string[]): void {
  const known = LAB_FAULTS.map((f) => f.name as string);
  const unknown = faults.filter((f) => !known.includes(f));
  if (unknown.length) {
    throw new FocusHarnessError('FH_USAGE', `unknown lab fault ${unknown.map((f) => JSON.stringify(f)).join(', ')}; valid faults: ${known.join(', ')}`);
  }
}

/** How the embedded lab authenticates: MS-SIPAE NTLM with these users (name → password), or not at all. */
export type EmbeddedLabAuth = NonNullable<LabFocusOptions['auth']>;

export async function startEmbeddedLab(
  options: { faults?: readonly string[]; certDir?: string; forgetEmptyConferencesAfterMs?: number; auth?: EmbeddedLabAuth } = {},
): Promise<EmbeddedLab> {
  const faults = options.faults ?? [];
  validateFaults(faults);
  const lab = await startLabFocus({
    host: '127.0.0.1',
    port: 0,
    transport: 'tls',
    certDir: options.certDir ?? embeddedCertDir(),
    faults: faults as readonly LabFaultName[],
    ...(options.forgetEmptyConferencesAfterMs === undefined ? {} : { forgetEmptyConferencesAfterMs: options.forgetEmptyConferencesAfterMs }),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
  });
  const target: ServerTarget = {
    host: lab.host,
    port: lab.port,
    transport: lab.transport,
    servername: 'localhost',
    ...(lab.caPem === undefined ? {} : { ca: lab.caPem }),
  };
  return { lab, target, domain: lab.domain };
}
