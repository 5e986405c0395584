import { createRequire } from 'node:module';

/** The package version written into `results.json` (read once from package.json). */
export const TOOL_VERSION: string = readVersion();

function readVersion(): string {
  try {
    // src/report → package root is two levels up, in both the source tree and dist/.
    const require = createRequire(import.meta.url);
    for (const candidate of ['../../package.json', '../../../package.json']) {
      try {
        const pkg = require(candidate) as { name?: string; version?: string };
        if (pkg.name === 'focus-harness' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // try the next level
      }
    }
  } catch {
    // fall through
  }
  return '0.0.0';
}
