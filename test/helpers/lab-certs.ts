/**
 * Lab certificates for tests: generated once per test process into a fresh temp dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLabCertificates, type LabCertificates } from '../../src/pki/index.js';

let pending: Promise<LabCertificates> | undefined;

/** The CA/cert/key PEMs (and paths) of a lab CA and a `localhost`/`127.0.0.1`/`::1` leaf. */
export function labCertificates(): Promise<LabCertificates> {
  if (pending === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'focus-harness-certs-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    pending = ensureLabCertificates(dir);
  }
  return pending;
}
