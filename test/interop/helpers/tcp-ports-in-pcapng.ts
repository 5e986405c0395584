/**
 * Just enough pcapng (IETF draft-ietf-opsawg-pcapng) reading to list the TCP port pairs of the
 * IPv4 packets in a capture that is still being written.
 */
import { readFileSync } from 'node:fs';

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;
const LINKTYPE_ETHERNET = 1;
const LINKTYPE_LINUX_SLL = 113;

/** `src dst` port pairs of every complete IPv4/TCP packet in `file` (a partial last block is ignored). */
export function tcpPortsInPcapng(file: string): string[] {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return [];
  }
  const out: string[] = [];
  const linkTypes: number[] = [];
  let little = true;
  let offset = 0;
  while (offset + 12 <= data.length) {
    const type = data.readUInt32LE(offset);
    if (type === SHB) little = data.readUInt32LE(offset + 8) === 0x1a2b3c4d;
    const u32 = (at: number): number => (little ? data.readUInt32LE(at) : data.readUInt32BE(at));
    const u16 = (at: number): number => (little ? data.readUInt16LE(at) : data.readUInt16BE(at));
    const length = u32(offset + 4);
    if (length < 12 || offset + length > data.length) break;
    if (type === SHB) linkTypes.length = 0;
    else if (u32(offset) === IDB) linkTypes.push(u16(offset + 8));
    else if (u32(offset) === EPB) {
      const linkType = linkTypes[u32(offset + 8)];
      const captured = u32(offset + 20);
      const ports = tcpPorts(data.subarray(offset + 28, offset + 28 + captured), linkType);
      if (ports) out.push(ports);
    }
    offset += length;
  }
  return out;
}

function tcpPorts(packet: Buffer, linkType: number | undefined): string | undefined {
  let ip: number;
  if (linkType === LINKTYPE_ETHERNET) ip = 14;
  else if (linkType === LINKTYPE_LINUX_SLL) ip = 16;
  else return undefined;
  if (packet.length < ip + 20 || packet.readUInt16BE(ip - 2) !== 0x0800) return undefined;
  const version = packet.readUInt8(ip) >> 4;
  const ihl = (packet.readUInt8(ip) & 0x0f) * 4;
  if (version !== 4 || packet.readUInt8(ip + 9) !== 6 || packet.length < ip + ihl + 4) return undefined;
  return `${packet.readUInt16BE(ip + ihl)} ${packet.readUInt16BE(ip + ihl + 2)}`;
}
