/**
 * Kamailio as the peer registrar of the benchmarks: test/bench/kamailio-registrar.cfg (TCP only,
 * no auth, in-memory location table) on 127.0.0.1 and a port the bench chose; stopped by its
 * own pid.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../../interop/helpers/child-process-handle.js';
import { kamailioVersion, waitForPort } from '../../interop/helpers/kamailio-process.js';

export interface BenchKamailio {
  readonly version: string;
  readonly port: number;
  readonly tcpWorkers: number;
  stop(): Promise<void>;
}

const CONFIG = fileURLToPath(new URL('../kamailio-registrar.cfg', import.meta.url));

export async function startBenchKamailio(binary: string, runDir: string, port: number, tcpWorkers = 2): Promise<BenchKamailio> {
  const config = join(runDir, 'kamailio-registrar.cfg');
  copyFileSync(CONFIG, config);
  const version = await kamailioVersion(binary);
  const handle = startChild(binary, [
    '-DD', '-E', '-f', config, '-Y', runDir, '-m', '64', '-M', '8',
    '-A', 'LISTEN_IP=127.0.0.1',
    '-A', `TCP_PORT=${port}`,
    '-A', `TCP_WORKERS=${tcpWorkers}`,
  ], { cwd: runDir });
  try {
    await waitForPort(port, handle);
    // Workers are still being forked right after the port opens; stopping now can orphan them.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } catch (error) {
    await handle.stop('SIGTERM', 3000);
    throw error;
  }
  return {
    version,
    port,
    tcpWorkers,
    async stop() {
      await handle.stop('SIGTERM', 5000);
    },
  };
}
