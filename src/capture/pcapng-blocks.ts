/**
 * pcapng blocks (draft-ietf-opsawg-pcapng): Section Header, Interface Description and Enhanced
 * Packet blocks, little-endian, options padded to 32 bits.
 */
const LINKTYPE_ETHERNET = 1;

function pad4(length: number): number {
  return (4 - (length % 4)) % 4;
}

/** Options: code, length, value padded; closed by opt_endofopt. */
function options(list: readonly [code: number, value: Buffer][]): Buffer {
  if (list.length === 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for (const [code, value] of list) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(code, 0);
    head.writeUInt16LE(value.length, 2);
    parts.push(head, value, Buffer.alloc(pad4(value.length)));
  }
  parts.push(Buffer.alloc(4)); // opt_endofopt
  return Buffer.concat(parts);
}

function block(type: number, body: Buffer): Buffer {
  const total = 12 + body.length;
  const out = Buffer.alloc(total);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(total, 4);
  body.copy(out, 8);
  out.writeUInt32LE(total, total - 4);
  return out;
}

/** SHB with `shb_comment` (1) and `shb_userappl` (4). */
export function sectionHeaderBlock(comment: string | undefined, application: string): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(0x1a2b3c4d, 0); // byte-order magic
  fixed.writeUInt16LE(1, 4); // major
  fixed.writeUInt16LE(0, 6); // minor
  fixed.writeBigInt64LE(-1n, 8); // section length unknown
  const opts: [number, Buffer][] = [];
  if (comment) opts.push([1, Buffer.from(comment, 'utf8')]);
  opts.push([4, Buffer.from(application, 'utf8')]);
  return block(0x0a0d0d0a, Buffer.concat([fixed, options(opts)]));
}

/** IDB for Ethernet with microsecond timestamps (the default `if_tsresol`). */
export function interfaceDescriptionBlock(name: string): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(LINKTYPE_ETHERNET, 0);
  fixed.writeUInt32LE(0, 4); // snaplen: no limit
  return block(0x00000001, Buffer.concat([fixed, options([[2, Buffer.from(name, 'utf8')]])]));
}

/** EPB on interface 0; `timestampUs` in microseconds since the epoch. */
export function enhancedPacketBlock(timestampUs: bigint, packet: Buffer, comment?: string): Buffer {
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32LE(0, 0);
  fixed.writeUInt32LE(Number(timestampUs >> 32n), 4);
  fixed.writeUInt32LE(Number(timestampUs & 0xffffffffn), 8);
  fixed.writeUInt32LE(packet.length, 12);
  fixed.writeUInt32LE(packet.length, 16);
  return block(0x00000006, Buffer.concat([fixed, packet, Buffer.alloc(pad4(packet.length)), options(comment ? [[1, Buffer.from(comment, 'utf8')]] : [])]));
}
