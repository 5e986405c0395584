/**
 * Peer benchmarks: focus-harness side by side with independent SIP implementations in the same
 * run, over TCP on loopback, reported as ratios.
 *
 * 1. Registrar throughput: the same load generator (SIPp, one TCP connection, 32 REGISTERs in
 *    flight, no auth) against the lab focus, then against Kamailio (test/bench/kamailio-registrar.cfg).
 * 2. Client stack: OPTIONS round trips against the same Kamailio over one TCP connection, one at a
 *    time and 32 in flight: focus-harness's transport + transaction layers vs SIPp as UAC.
 *
 * Ratios are time per exchange, ours ÷ peer, from the median rate of alternating runs (below 1:
 * ours is faster). SIPp (sip-tester) or Kamailio missing: a skip line, no results.
 *
 * Run: `node --import tsx test/bench/run.ts peers`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLabFocus, type LabFocus } from '../../src/labfocus/index.js';
import { percentile } from '../../src/metrics/index.js';
import { findBinary } from '../helpers/find-binary.js';
import { freePort } from '../interop/helpers/free-port.js';
import type { BenchResult } from './bench-result.js';
import { runHarnessLoad, type HarnessLoadOutcome } from './peers/harness-load.js';
import { startBenchKamailio, type BenchKamailio } from './peers/kamailio-registrar.js';
import { costRatio, describeRuns, medianRate, pairedRuns } from './peers/paired-runs.js';
import { runSippLoad, type LoadOutcome } from './peers/sipp-load.js';

const suite = 'peers';
const ROUNDS = 3;
const PIPELINE = 32;
/**
 * Exchanges per run: about 1–3 s each at the rates seen on a 2-core machine, so the module stays
 * under a minute. SIPp one at a time runs below 1000/s (see the note on its row), hence its own count.
 */
const REGISTERS = 80_000;
const OPTIONS_PIPELINED = 60_000;
const OPTIONS_SERIAL_OURS = 10_000;
const OPTIONS_SERIAL_SIPP = 1_500;

export async function run(): Promise<BenchResult[]> {
  const sipp = findBinary('sipp');
  const kamailio = findBinary('kamailio');
  if (sipp === undefined || kamailio === undefined) {
    const missing = [sipp === undefined ? 'sipp (Debian package sip-tester)' : '', kamailio === undefined ? 'kamailio (Debian package kamailio)' : ''].filter(Boolean);
    process.stderr.write(`bench: peers skipped: ${missing.join(', ')} not found\n`);
    return [];
  }
  const workDir = mkdtempSync(join(tmpdir(), 'focus-harness-bench-peers-'));
  let kam: BenchKamailio | undefined;
  let lab: LabFocus | undefined;
  try {
    kam = await startBenchKamailio(kamailio, workDir, await freePort());
    lab = await startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tcp' });
    return [
      ...(await registrarThroughput(sipp, workDir, lab, kam)),
      ...(await clientStack(sipp, workDir, kam)),
    ];
  } finally {
    await lab?.stop();
    await kam?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** 1. One load generator, two registrars. */
async function registrarThroughput(sipp: string, workDir: string, lab: LabFocus, kam: BenchKamailio): Promise<BenchResult[]> {
  const load = (port: number, calls: number) => (): Promise<LoadOutcome> =>
    runSippLoad({ sipp, scenario: 'register-load.xml', host: '127.0.0.1', port, calls, inFlight: PIPELINE, workDir });
  // Warm-up: the lab focus's JIT, Kamailio's first connection.
  await load(lab.port, 5000)();
  await load(kam.port, 5000)();
  const runs = await pairedRuns(ROUNDS, load(lab.port, REGISTERS), load(kam.port, REGISTERS));
  const name = `REGISTER throughput, SIPp UAC, ${PIPELINE} in flight`;
  return [
    {
      suite,
      name: `${name}: lab focus`,
      unit: 'REGISTER/s',
      value: Math.round(medianRate(runs.ours)),
      ratio: costRatio(runs.ours, runs.peer),
      note: `ratio: time per REGISTER, lab ÷ Kamailio; ${describeRuns(runs.ours)}; one Node thread; does more per REGISTER (domain and From checks, GRUU, +sip.instance, ms-keep-alive)`,
    },
    {
      suite,
      name: `${name}: ${kamailioName(kam)}`,
      unit: 'REGISTER/s',
      value: Math.round(medianRate(runs.peer)),
      note: `${describeRuns(runs.peer)}; save("location") in memory, ${kam.tcpWorkers} TCP workers; the same AOR re-registered on one TCP connection`,
    },
  ];
}

/** 2. Two client stacks, one server. */
async function clientStack(sipp: string, workDir: string, kam: BenchKamailio): Promise<BenchResult[]> {
  const ours = (requests: number, inFlight: number) => (): Promise<HarnessLoadOutcome> =>
    runHarnessLoad({ host: '127.0.0.1', port: kam.port, method: 'OPTIONS', requests, inFlight });
  const theirs = (calls: number, inFlight: number) => (): Promise<LoadOutcome> =>
    runSippLoad({ sipp, scenario: 'options-load.xml', host: '127.0.0.1', port: kam.port, calls, inFlight, workDir });
  await ours(5000, PIPELINE)(); // warm-up (JIT)
  const serial = await pairedRuns(ROUNDS, ours(OPTIONS_SERIAL_OURS, 1), theirs(OPTIONS_SERIAL_SIPP, 1));
  const pipelined = await pairedRuns(ROUNDS, ours(OPTIONS_PIPELINED, PIPELINE), theirs(OPTIONS_PIPELINED, PIPELINE));
  const server = kamailioName(kam);
  const rows = (label: string, runs: { ours: readonly HarnessLoadOutcome[]; peer: readonly LoadOutcome[] }, peerNote: string): BenchResult[] => [
    {
      suite,
      name: `OPTIONS to ${server}, ${label}: focus-harness`,
      unit: 'round trips/s',
      value: Math.round(medianRate(runs.ours)),
      ratio: costRatio(runs.ours, runs.peer),
      note: `ratio: time per round trip, focus-harness ÷ SIPp; ${describeRuns(runs.ours)}; transport + transaction layer, a new Call-ID/tag/branch each`,
    },
    {
      suite,
      name: `OPTIONS to ${server}, ${label}: SIPp UAC`,
      unit: 'round trips/s',
      value: Math.round(medianRate(runs.peer)),
      note: `${describeRuns(runs.peer)}; ${peerNote}`,
    },
  ];
  const latencies = sortedConcat(serial.ours.map((r) => r.latenciesUs));
  return [
    ...rows('one at a time', serial, 'one call per OPTIONS (-users 1); between calls SIPp waits out a 1 ms epoll timeout (seen with strace), so this pair measures that wait, not its SIP stack: the 32-in-flight pair compares the stacks'),
    {
      suite,
      name: `OPTIONS to ${server}, one at a time: focus-harness round-trip time`,
      unit: 'µs',
      value: Math.round(latencies.reduce((sum, v) => sum + v, 0) / Math.max(1, latencies.length)),
      p50: Math.round(percentile(latencies, 50) ?? 0),
      p99: Math.round(percentile(latencies, 99) ?? 0),
      note: `send to final response over ${latencies.length} requests; SIPp reports response times in whole milliseconds only`,
    },
    ...rows(`${PIPELINE} in flight`, pipelined, `one call per OPTIONS, ${PIPELINE} calls open at once (-users ${PIPELINE})`),
  ];
}

function kamailioName(kam: BenchKamailio): string {
  const version = /kamailio\s+(\S+)/.exec(kam.version)?.[1];
  return version === undefined ? 'Kamailio' : `Kamailio ${version}`;
}

function sortedConcat(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all.sort();
}
