/**
 * Builds one Ethernet frame carrying an IPv4 or IPv6 packet with a TCP segment, checksums filled
 * (RFC 791 §3.1 header checksum; RFC 793 §3.1 / RFC 8200 §8.1 TCP checksum over the pseudo-header).
 */
import type { IpEndpoint } from './ip-endpoint.js';

export const TCP_FLAGS = { FIN: 0x01, SYN: 0x02, PSH: 0x08, ACK: 0x10 } as const;

export interface TcpPacketInit {
  readonly src: IpEndpoint;
  readonly dst: IpEndpoint;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly payload?: Buffer;
  /** IPv4 identification field. */
  readonly ipId?: number;
}

/** One's-complement sum folded to 16 bits (RFC 1071). */
function onesComplementSum(buffers: readonly Buffer[]): number {
  let sum = 0;
  for (const b of buffers) {
    for (let i = 0; i + 1 < b.length; i += 2) sum += b.readUInt16BE(i);
    if (b.length % 2 === 1) sum += b[b.length - 1]! << 8;
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** RFC 1071 Internet checksum. Odd-length buffers must come last. */
export function internetChecksum(buffers: readonly Buffer[]): number {
  return ~onesComplementSum(buffers) & 0xffff;
}

/** A locally administered MAC derived from the address, so each host keeps one MAC. */
function macFor(ip: IpEndpoint): Buffer {
  const b = ip.bytes;
  return Buffer.from([0x02, 0x00, b[b.length - 4]!, b[b.length - 3]!, b[b.length - 2]!, b[b.length - 1]!]);
}

export function tcpPacket(init: TcpPacketInit): Buffer {
  const payload = init.payload ?? Buffer.alloc(0);
  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(init.src.port, 0);
  tcp.writeUInt16BE(init.dst.port, 2);
  tcp.writeUInt32BE(init.seq >>> 0, 4);
  tcp.writeUInt32BE(init.flags & TCP_FLAGS.ACK ? init.ack >>> 0 : 0, 8);
  tcp[12] = 5 << 4; // data offset: 5 words, no options
  tcp[13] = init.flags;
  tcp.writeUInt16BE(65535, 14); // window
  const tcpLength = tcp.length + payload.length;
  const v6 = init.src.family === 6;
  const pseudo = v6 ? Buffer.alloc(40) : Buffer.alloc(12);
  if (v6) {
    init.src.bytes.copy(pseudo, 0);
    init.dst.bytes.copy(pseudo, 16);
    pseudo.writeUInt32BE(tcpLength, 32);
    pseudo[39] = 6;
  } else {
    init.src.bytes.copy(pseudo, 0);
    init.dst.bytes.copy(pseudo, 4);
    pseudo[9] = 6;
    pseudo.writeUInt16BE(tcpLength, 10);
  }
  tcp.writeUInt16BE(internetChecksum([pseudo, tcp, payload]), 16);

  let ip: Buffer;
  if (v6) {
    ip = Buffer.alloc(40);
    ip.writeUInt32BE(0x60000000, 0);
    ip.writeUInt16BE(tcpLength, 4);
    ip[6] = 6; // next header: TCP
    ip[7] = 64; // hop limit
    init.src.bytes.copy(ip, 8);
    init.dst.bytes.copy(ip, 24);
  } else {
    ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + tcpLength, 2);
    ip.writeUInt16BE((init.ipId ?? 0) & 0xffff, 4);
    ip.writeUInt16BE(0x4000, 6); // don't fragment
    ip[8] = 64; // TTL
    ip[9] = 6; // protocol: TCP
    init.src.bytes.copy(ip, 12);
    init.dst.bytes.copy(ip, 16);
    ip.writeUInt16BE(internetChecksum([ip]), 10);
  }
  const eth = Buffer.alloc(14);
  macFor(init.dst).copy(eth, 0);
  macFor(init.src).copy(eth, 6);
  eth.writeUInt16BE(v6 ? 0x86dd : 0x0800, 12);
  return Buffer.concat([eth, ip, tcp, payload]);
}
