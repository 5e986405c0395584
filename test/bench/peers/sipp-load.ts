/**
 * SIPp as the load generator of the peer benchmarks: one bounded run of a scenario under
 * test/bench/sipp/ over one TCP connection (`-t t1`), `inFlight` calls kept open at once
 * (`-users`: a call starts as soon as one ends), and the rate read back from SIPp's own
 * statistics file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../../interop/helpers/child-process-handle.js';
import { freePort } from '../../interop/helpers/free-port.js';

export interface SippLoadOptions {
  readonly sipp: string;
  /** A file name under test/bench/sipp/. */
  readonly scenario: string;
  readonly host: string;
  readonly port: number;
  readonly calls: number;
  readonly inFlight: number;
  /** Where SIPp writes its statistics and error files. */
  readonly workDir: string;
}

export interface LoadOutcome {
  readonly completed: number;
  readonly seconds: number;
  /** Completed request/response exchanges per second. */
  readonly rate: number;
}

const RUN_TIMEOUT_S = 30;

export function sippScenarioPath(name: string): string {
  return fileURLToPath(new URL(`../sipp/${name}`, import.meta.url));
}

export async function runSippLoad(o: SippLoadOptions): Promise<LoadOutcome> {
  const localPort = await freePort();
  const statFile = join(o.workDir, `stat-${localPort}.csv`);
  const handle = startChild(o.sipp, [
    '-nostdin', '-t', 't1', '-i', '127.0.0.1', '-p', String(localPort),
    '-sf', sippScenarioPath(o.scenario),
    '-m', String(o.calls), '-users', String(o.inFlight),
    '-timeout', `${RUN_TIMEOUT_S}s`, '-timeout_error',
    '-trace_stat', '-stf', statFile, '-fd', '60',
    `${o.host}:${o.port}`,
  ], { cwd: o.workDir });
  const code = await handle.exited;
  if (code !== 0) throw new Error(`sipp ${o.scenario} exited ${code}:\n${handle.output().slice(-3000)}`);
  return readSippStatistics(statFile, o.calls);
}

/**
 * The last row of SIPp's `-trace_stat` file: successful calls over the time from SIPp's start
 * to its final dump (both carry microseconds as the last field of the timestamp).
 */
export function readSippStatistics(file: string, expectedCalls: number): LoadOutcome {
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const head = (lines[0] ?? '').split(';');
  const last = (lines.at(-1) ?? '').split(';');
  const field = (name: string): string => {
    const index = head.indexOf(name);
    const value = index < 0 ? undefined : last[index];
    if (value === undefined) throw new Error(`sipp statistics ${file}: no ${name} column`);
    return value;
  };
  const epoch = (stamp: string): number => Number(stamp.split('\t').at(-1));
  const seconds = epoch(field('CurrentTime')) - epoch(field('StartTime'));
  const completed = Number(field('SuccessfulCall(C)'));
  const failed = Number(field('FailedCall(C)'));
  if (completed !== expectedCalls || failed !== 0 || !(seconds > 0)) {
    throw new Error(`sipp statistics ${file}: ${completed} successful, ${failed} failed of ${expectedCalls} in ${seconds} s`);
  }
  return { completed, seconds, rate: completed / seconds };
}
