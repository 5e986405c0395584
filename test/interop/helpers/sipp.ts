/**
 * Running Debian's SIPp (sip-tester, no TLS) over TCP against the harness, one bounded process
 * per scenario; its exit code is its verdict (0: every call succeeded).
 */
import { fileURLToPath } from 'node:url';
import { startChild, type ChildProcessHandle } from './child-process-handle.js';

/** The scenario file under test/interop/sipp/. */
export function sippScenario(name: string): string {
  return fileURLToPath(new URL(`../sipp/${name}`, import.meta.url));
}

export interface SippRun {
  readonly handle: ChildProcessHandle;
  /** Resolves with SIPp's exit code; rejects with its output when it is not 0. */
  succeeded(): Promise<void>;
}

/**
 * Starts `sipp -t t1` on 127.0.0.1:`localPort` with `scenario`; `remote` (host:port) makes it a
 * client. Bounded: one call, 20 s overall timeout.
 */
export function startSipp(sipp: string, scenario: string, localPort: number, cwd: string, remote?: string): SippRun {
  const args = [
    '-nostdin', '-t', 't1', '-i', '127.0.0.1', '-p', String(localPort),
    '-sf', sippScenario(scenario), '-m', '1', '-timeout', '20s', '-timeout_error', '-trace_err',
    ...(remote === undefined ? [] : [remote]),
  ];
  const handle = startChild(sipp, args, { cwd });
  return {
    handle,
    async succeeded() {
      const code = await handle.exited;
      if (code !== 0) throw new Error(`sipp ${scenario} exited ${code}:\n${handle.output().slice(-3000)}`);
    },
  };
}
