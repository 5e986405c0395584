/**
 * Starts the project's Kamailio configuration (test/interop/kamailio/) on loopback with ports the
 * test chose, a temp run dir and the project's lab certificates; stops it by its own pid.
 */
import { once } from 'node:events';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand, startChild, type ChildProcessHandle } from './child-process-handle.js';

export interface KamailioOptions {
  readonly binary: string;
  readonly runDir: string;
  readonly tlsPort: number;
  readonly tcpPort: number;
  readonly backendPort: number;
  readonly realm: string;
  /** username → password, written to the run dir's users.cfg. */
  readonly users: Readonly<Record<string, string>>;
  readonly certPath: string;
  readonly keyPath: string;
  readonly caPath: string;
  /** Extra `-A NAME` switches, e.g. WITH_PROXYAUTH. */
  readonly defines?: readonly string[];
}

export interface KamailioProcess {
  readonly version: string;
  readonly handle: ChildProcessHandle;
  stop(): Promise<void>;
}

const configFile = (name: string): string => fileURLToPath(new URL(`../kamailio/${name}`, import.meta.url));

/** `kamailio -v`'s first line, e.g. `version: kamailio 5.6.3 (x86_64/linux)`. */
export async function kamailioVersion(binary: string): Promise<string> {
  const { stdout } = await runCommand(binary, ['-v'], 10_000);
  return stdout.split('\n')[0]?.trim() ?? 'unknown';
}

export async function startKamailio(o: KamailioOptions): Promise<KamailioProcess> {
  copyFileSync(configFile('kamailio.cfg'), join(o.runDir, 'kamailio.cfg'));
  const tls = readFileSync(configFile('tls.cfg'), 'utf8')
    .replaceAll('@CERT@', o.certPath)
    .replaceAll('@KEY@', o.keyPath)
    .replaceAll('@CA@', o.caPath);
  writeFileSync(join(o.runDir, 'tls.cfg'), tls);
  const users = Object.entries(o.users)
    .map(([user, password]) => `$sht(users=>${user}) = "${password.replace(/["\\]/g, '')}";`)
    .join('\n');
  writeFileSync(join(o.runDir, 'users.cfg'), `${users}\n`);
  const version = await kamailioVersion(o.binary);
  const handle = startChild(o.binary, [
    '-DD', '-E',
    '-f', join(o.runDir, 'kamailio.cfg'),
    '-Y', o.runDir,
    '-m', '64', '-M', '8',
    '-A', 'LISTEN_IP=127.0.0.1',
    '-A', `TLS_PORT=${o.tlsPort}`,
    '-A', `TCP_PORT=${o.tcpPort}`,
    '-A', `BACKEND_PORT=${o.backendPort}`,
    '-A', `LAB_REALM="${o.realm}"`,
    '-A', `TLS_CFG="${join(o.runDir, 'tls.cfg')}"`,
    ...(o.defines ?? []).flatMap((d) => ['-A', d]),
  ], { cwd: o.runDir });
  try {
    await waitForPort(o.tlsPort, handle);
    await waitForPort(o.tcpPort, handle);
    // Workers are still being forked right after the ports open; stopping now can orphan them.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } catch (error) {
    await handle.stop('SIGTERM', 3000);
    throw error;
  }
  return {
    version,
    handle,
    async stop() {
      await handle.stop('SIGTERM', 5000);
    },
  };
}

/** Resolves once a started Kamailio accepts TCP connections on `port`; throws with its output if it exits or takes over 15 s. */
export async function waitForPort(port: number, handle: ChildProcessHandle): Promise<void> {
  const deadline = Date.now() + 15_000;
  let exited = false;
  void handle.exited.then(() => { exited = true; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`kamailio exited during start-up:\n${handle.output().slice(-4000)}`);
    const socket = connect({ host: '127.0.0.1', port });
    const ok = await Promise.race([
      once(socket, 'connect').then(() => true, () => false),
      once(socket, 'error').then(() => false),
    ]);
    socket.destroy();
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`kamailio did not listen on ${port} within 15 s:\n${handle.output().slice(-4000)}`);
}
