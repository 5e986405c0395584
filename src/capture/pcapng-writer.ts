/**
 * Writes a trace as pcapng: the TLS-decrypted SIP of every record becomes synthetic TCP segments
 * between the real addresses and ports of its connection, so Wireshark/tshark dissect SIP
 * directly without keys.
 *
 * @remarks Per connection (role + connection id) the writer emits a SYN / SYN-ACK / ACK handshake
 * just before the first message, then one PSH-ACK segment per message (split only above 64 KB),
 * sequence numbers continuing per direction and each side acknowledging all the other side sent.
 * Ethernet link type, IPv4 or IPv6 headers, checksums filled. The client side is the record's
 * `local` address (emulated clients open their connections).
 *
 * The server ports are kept as recorded (5061 or an ephemeral lab port); Wireshark maps 5061 to
 * TLS and does not know ephemeral ports, so open the file with "Decode As… TCP port → SIP" or
 * `tshark -d tcp.port==N,sip` ({@link sipDecodeAsArgs}); the same hint is in the file's comment.
 */
import { parseIpEndpoint, type IpEndpoint } from './ip-endpoint.js';
import { enhancedPacketBlock, interfaceDescriptionBlock, sectionHeaderBlock } from './pcapng-blocks.js';
import { redactSecrets } from './redact-secrets.js';
import { TCP_FLAGS, tcpPacket } from './tcp-packet.js';
import type { TraceRecord } from './trace-record.js';

export interface PcapngOptions {
  /** Keep `Authorization` / `Proxy-Authorization` values. @default false */
  keepSecrets?: boolean;
  /** Add `seq N role: label` as a comment on each message's packet. @default true */
  packetComments?: boolean;
}

/** Largest payload per segment; IPv4 total length must stay ≤ 65535. */
const MAX_SEGMENT = 65_000;

interface Side {
  readonly ip: IpEndpoint;
  next: number;
}

interface Connection {
  readonly client: Side;
  readonly server: Side;
}

function isn(key: string, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h >>> 0;
}

/** The server ports of the trace (the `remote` port of every connection), ascending. */
export function sipServerPorts(records: readonly TraceRecord[]): number[] {
  const ports = new Set<number>();
  for (const r of records) ports.add(parseIpEndpoint(r.remote).port);
  return [...ports].sort((a, b) => a - b);
}

/** `['-d', 'tcp.port==5061,sip', …]` for tshark, one per server port. */
export function sipDecodeAsArgs(records: readonly TraceRecord[]): string[] {
  return sipServerPorts(records).flatMap((port) => ['-d', `tcp.port==${port},sip`]);
}

export function writePcapng(records: readonly TraceRecord[], options: PcapngOptions = {}): Buffer {
  const ports = sipServerPorts(records);
  const hint = ports.length
    ? `focus-harness trace: decrypted SIP as plain TCP. Decode As SIP on TCP port(s) ${ports.join(', ')} (tshark ${ports.map((p) => `-d tcp.port==${p},sip`).join(' ')}).`
    : 'focus-harness trace: no messages.';
  const blocks: Buffer[] = [sectionHeaderBlock(hint, 'focus-harness'), interfaceDescriptionBlock('focus-harness-trace')];
  const connections = new Map<string, Connection>();
  let lastUs = 0n;
  let ipId = 1;
  const emit = (us: bigint, from: Side, to: Side, flags: number, payload?: Buffer, comment?: string): void => {
    lastUs = us > lastUs ? us : lastUs + 1n;
    const packet = tcpPacket({ src: from.ip, dst: to.ip, seq: from.next, ack: to.next, flags, ipId: ipId++, ...(payload ? { payload } : {}) });
    blocks.push(enhancedPacketBlock(lastUs, packet, comment));
  };

  for (const record of records) {
    const key = `${record.role}|${record.connectionId}|${record.local}|${record.remote}`;
    const us = BigInt(Math.round(record.time * 1000));
    let conn = connections.get(key);
    if (!conn) {
      const client: Side = { ip: parseIpEndpoint(record.local), next: isn(key, 1) };
      const server: Side = { ip: parseIpEndpoint(record.remote), next: isn(key, 2) };
      conn = { client, server };
      connections.set(key, conn);
      // RFC 793 §3.4 three-way handshake; SYN and FIN each take one sequence number.
      emit(us - 3n, client, server, TCP_FLAGS.SYN);
      client.next = (client.next + 1) >>> 0;
      emit(us - 2n, server, client, TCP_FLAGS.SYN | TCP_FLAGS.ACK);
      server.next = (server.next + 1) >>> 0;
      emit(us - 1n, client, server, TCP_FLAGS.ACK);
    }
    const [from, to] = record.direction === 'out' ? [conn.client, conn.server] : [conn.server, conn.client];
    const bytes = options.keepSecrets === true ? record.raw : Buffer.from(redactSecrets(record.raw.toString('latin1')), 'latin1');
    const comment = options.packetComments === false ? undefined : `seq ${record.seq} ${record.role}: ${record.label}`;
    for (let offset = 0; offset < bytes.length || offset === 0; offset += MAX_SEGMENT) {
      const chunk = bytes.subarray(offset, offset + MAX_SEGMENT);
      emit(us, from, to, TCP_FLAGS.PSH | TCP_FLAGS.ACK, chunk, offset === 0 ? comment : undefined);
      from.next = (from.next + chunk.length) >>> 0;
      if (bytes.length === 0) break;
    }
  }
  return Buffer.concat(blocks);
}
