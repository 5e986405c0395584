/**
 * A loopback packet capture of one TCP port with dumpcap (part of tshark's Debian dependencies).
 *
 * @remarks dumpcap hands packets over in blocks, so "Capturing on …" does not mean packets are
 * being taken yet, and stopping right after the traffic loses its tail. Both ends are therefore
 * fenced with a sentinel: a bare TCP connect to the port from a known local port, awaited in the
 * capture file before the run starts and before the capture stops.
 */
import { once } from 'node:events';
import { connect } from 'node:net';
import { startChild, type ChildProcessHandle } from './child-process-handle.js';
import { tcpPortsInPcapng } from './tcp-ports-in-pcapng.js';

export interface PacketCapture {
  readonly file: string;
  /** Waits for every packet sent so far to be in the file, then stops dumpcap. */
  stop(): Promise<void>;
}

/** Starts capturing `tcp port <port>` on `lo` into `file`; resolves once packets are being written. */
export async function startPacketCapture(dumpcap: string, port: number, file: string): Promise<PacketCapture> {
  const handle: ChildProcessHandle = startChild(dumpcap, ['-i', 'lo', '-f', `tcp port ${port}`, '-w', file, '-q']);
  try {
    await handle.waitFor(/Capturing on/, 15_000);
    await fence(port, file);
  } catch (error) {
    await handle.stop('SIGINT', 2000);
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    file,
    stop() {
      stopped ??= (async () => {
        try {
          await fence(port, file);
        } finally {
          await handle.stop('SIGINT', 5000);
        }
      })();
      return stopped;
    },
  };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects to `port` (and drops the connection) until that SYN shows up in `file`. */
async function fence(port: number, file: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    const marker = `${socket.localPort} ${port}`;
    socket.destroy();
    for (let i = 0; i < 20; i++) {
      await delay(100);
      if (tcpPortsInPcapng(file).includes(marker)) return;
    }
  }
  throw new Error(`dumpcap did not record a sentinel connection to port ${port} within 20 s`);
}
