/**
 * Parses the `addr:port` strings of trace records into raw address bytes for the pcapng writer.
 *
 * @remarks Accepts `127.0.0.1:5061`, `[::1]:5061` and `::1:5061` (last colon splits the port).
 * A name that is not an IP literal gets a stable synthetic address in 192.0.2.0/24 (RFC 5737
 * documentation range) so the capture still opens.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface IpEndpoint {
  readonly family: 4 | 6;
  /** 4 or 16 bytes. */
  readonly bytes: Buffer;
  readonly port: number;
}

function v4Bytes(text: string): Buffer {
  return Buffer.from(text.split('.').map((part) => Number(part)));
}

function v6Bytes(text: string): Buffer {
  let address = text;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    const b = v4Bytes(v4[1]!);
    address = address.slice(0, v4.index) + `${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return out;
}

function synthetic(name: string): Buffer {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return Buffer.from([192, 0, 2, 1 + (h % 254)]);
}

export function parseIpEndpoint(text: string): IpEndpoint {
  let host: string;
  let portText: string;
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracket) {
    host = bracket[1]!;
    portText = bracket[2]!;
  } else {
    const i = text.lastIndexOf(':');
    host = i < 0 ? text : text.slice(0, i);
    portText = i < 0 ? '0' : text.slice(i + 1);
  }
  const port = Number(portText) & 0xffff;
  const bare = host.replace(/%.*$/, '');
  if (isIPv4(bare)) return { family: 4, bytes: v4Bytes(bare), port };
  if (isIPv6(bare)) return { family: 6, bytes: v6Bytes(bare), port };
  return { family: 4, bytes: synthetic(host), port };
}
