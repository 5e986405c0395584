/**
 * Where lab certificates live by default: `certs/generated/` under the package root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the focus-harness package root by walking up from this module (works from `src/`
 * under tsx and from `dist/src/` after a build) and returns `<root>/certs/generated`.
 */
export function defaultCertificateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurManifest(manifest)) return join(dir, 'certs', 'generated');
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'certs', 'generated');
    dir = parent;
  }
}

function isOurManifest(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'focus-harness';
  } catch {
    return false;
  }
}
