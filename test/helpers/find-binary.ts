/**
 * Locating the Debian programs some tests drive (tshark, kamailio, chromium …) and declaring a
 * suite that needs them.
 *
 * A missing program skips its suite on a developer machine, but fails it when `CI` is set:
 * `.ci/run` installs the packages, so a missing one there is a broken pipeline, not a reason to skip.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** The absolute path of `name` on PATH (plus the sbin dirs, where Debian puts kamailio), or undefined. */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * `describe` when every program is present, handing the body their absolute paths; otherwise a
 * skipped suite whose name says what to install, or — under CI — a suite with one failing test.
 *
 * @param tools program name → the Debian package that provides it (for the message).
 */
export function describeWithPrograms(
  title: string,
  tools: Readonly<Record<string, string>>,
  body: (paths: Record<string, string>) => void,
): void {
  const paths: Record<string, string> = {};
  const missing: string[] = [];
  for (const tool of Object.keys(tools)) {
    const path = findBinary(tool);
    if (path === undefined) missing.push(tool);
    else paths[tool] = path;
  }
  if (missing.length === 0) {
    describe(title, () => body(paths));
    return;
  }
  const install = missing.map((m) => `${m} (Debian package ${tools[m] ?? m})`).join(', ');
  if (process.env.CI) {
    describe(title, () => {
      it('has the programs it drives installed', () => {
        throw new Error(`CI must install ${install}: add them to .ci/run's DEBIAN_PACKAGES`);
      });
    });
  } else {
    describe.skip(`${title} — skipped: ${install} not found`, () => {
      it('needs the programs', () => undefined);
    });
  }
}
