/**
 * Creates (or reuses) the lab CA and the `localhost` / `127.0.0.1` / `::1` leaf on disk.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FocusHarnessError } from '../errors.js';
import { systemClock, type Clock } from '../util/index.js';
import { createCertificateAuthority } from './certificate-authority.js';
import { issueLeaf } from './issue-leaf.js';
import { defaultCertificateDir } from './default-certificate-dir.js';
import { whyUnusable, type LabCertificateFiles } from './check-lab-certificates.js';
import type { LabCertificates } from './lab-certificates.js';

export interface EnsureLabCertificatesOptions {
  /** Regenerate even when valid files exist. @default false */
  readonly force?: boolean;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Receives the reason when existing files are replaced. */
  readonly onRegenerate?: (reason: string) => void;
}

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 20_000;

/**
 * Returns a lab CA (`ca.pem`) and a server leaf (`cert.pem`, `key.pem` PKCS#8, mode 0600) from
 * `dir`, generating them when missing, unreadable, inconsistent or about to expire.
 *
 * @remarks The CA private key is never written: nothing else can be issued under the lab CA,
 * and a regeneration replaces all three files. Concurrent callers (parallel test workers) are
 * serialized by a lock directory, and each file is written to a temporary name then renamed.
 * @param dir @default `certs/generated/` under the package root
 */
export async function ensureLabCertificates(
  dir: string = defaultCertificateDir(),
  options: EnsureLabCertificatesOptions = {},
): Promise<LabCertificates> {
  const clock = options.clock ?? systemClock;
  const paths = { caPath: join(dir, 'ca.pem'), certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') };
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, '.lock');
  await acquireLock(lockPath);
  try {
    const existing = options.force ? undefined : await readFiles(paths);
    const reason = existing === undefined ? 'missing' : whyUnusable(existing, clock.now());
    if (existing !== undefined && reason === undefined) return { ...existing, ...paths, generated: false };
    if (existing !== undefined && reason !== undefined) options.onRegenerate?.(reason);
    const now = new Date(clock.now());
    const ca = await createCertificateAuthority({ now });
    const leaf = await issueLeaf(ca, { now });
    const files: LabCertificateFiles = { caCertPem: ca.certPem, certPem: leaf.certPem, keyPem: leaf.keyPem };
    await writeAtomically(paths.caPath, files.caCertPem, 0o644);
    await writeAtomically(paths.certPath, files.certPem, 0o644);
    await writeAtomically(paths.keyPath, files.keyPem, 0o600);
    return { ...files, ...paths, generated: true };
  } catch (error) {
    if (error instanceof FocusHarnessError) throw error;
    throw new FocusHarnessError('FH_CERT', `cannot prepare lab certificates in ${dir}: ${(error as Error).message}`, {
      cause: error,
      where: dir,
    });
  } finally {
    await rm(lockPath, { recursive: true, force: true });
  }
}

async function readFiles(paths: { caPath: string; certPath: string; keyPath: string }): Promise<LabCertificateFiles | undefined> {
  try {
    const [caCertPem, certPem, keyPem] = await Promise.all([
      readFile(paths.caPath, 'utf8'),
      readFile(paths.certPath, 'utf8'),
      readFile(paths.keyPath, 'utf8'),
    ]);
    return { caCertPem, certPem, keyPem };
  } catch {
    return undefined;
  }
}

async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, text, { mode });
  await rename(temp, path);
}

// The lock is a directory because mkdir is atomic on every platform we run on. Lock ages are
// compared with file-system mtimes, which are wall-clock time, so the injected clock is not used.
async function acquireLock(lockPath: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lockPath);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const info = await stat(lockPath).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > LOCK_STALE_MS) {
      await rm(lockPath, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > LOCK_WAIT_MS) {
      throw new FocusHarnessError('FH_CERT', `lab certificate lock ${lockPath} is held; remove it if no other harness runs`, {
        where: lockPath,
      });
    }
    await sleep(25);
  }
}
