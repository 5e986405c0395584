/**
 * Locating the Debian tools the interop tests drive (tshark, dumpcap, kamailio, sipp, socat).
 *
 * A missing tool skips its suite on a developer machine, but fails it when `CI` is set: `.ci/run`
 * installs the packages, so a missing one there is a broken pipeline, not a reason to skip.
 */
import { describeWithPrograms } from '../../helpers/find-binary.js';

export { findBinary } from '../../helpers/find-binary.js';

/** Tool name → Debian package, for the skip message. */
const PACKAGES: Readonly<Record<string, string>> = {
  tshark: 'tshark',
  dumpcap: 'wireshark-common (comes with tshark)',
  kamailio: 'kamailio + kamailio-tls-modules',
  sipp: 'sip-tester',
  socat: 'socat',
};

/**
 * `describe` when every tool is present; otherwise a skipped suite whose name says what to
 * install, or — under CI — a suite with one failing test.
 */
export function describeWithTools(title: string, tools: readonly string[], body: (paths: Record<string, string>) => void): void {
  describeWithPrograms(title, Object.fromEntries(tools.map((tool) => [tool, PACKAGES[tool] ?? tool])), body);
}
