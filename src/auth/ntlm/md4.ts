/**
 * MD4 (RFC 1320), needed only for the NT one-way function of NTLM. OpenSSL 3 moved MD4 to its
 * legacy provider, so Node's `crypto.createHash('md4')` is usually unavailable: this is a small
 * pure implementation.
 */

const INIT = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476] as const;

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** The MD4 digest (16 bytes) of `data`. */
export function md4(data: Buffer): Buffer {
  const bitLength = data.length * 8;
  // Pad: 0x80, zeros to 56 mod 64, then the 64-bit little-endian bit length.
  const padded = Buffer.alloc((((data.length + 8) >> 6) + 1) * 64);
  data.copy(padded);
  padded[data.length] = 0x80;
  padded.writeUInt32LE(bitLength >>> 0, padded.length - 8);
  padded.writeUInt32LE(Math.floor(bitLength / 0x1_0000_0000) >>> 0, padded.length - 4);

  let [a, b, c, d] = INIT as readonly number[] as [number, number, number, number];
  const x = new Array<number>(16).fill(0);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) x[i] = padded.readUInt32LE(offset + i * 4);
    const word = (i: number): number => x[i] ?? 0;
    const [aa, bb, cc, dd] = [a, b, c, d];

    const f = (p: number, q: number, r: number): number => (p & q) | (~p & r);
    const g = (p: number, q: number, r: number): number => (p & q) | (p & r) | (q & r);
    const h = (p: number, q: number, r: number): number => p ^ q ^ r;

    // Round 1.
    for (const i of [0, 4, 8, 12]) {
      a = rotl((a + f(b, c, d) + word(i)) >>> 0, 3);
      d = rotl((d + f(a, b, c) + word(i + 1)) >>> 0, 7);
      c = rotl((c + f(d, a, b) + word(i + 2)) >>> 0, 11);
      b = rotl((b + f(c, d, a) + word(i + 3)) >>> 0, 19);
    }
    // Round 2.
    for (const i of [0, 1, 2, 3]) {
      a = rotl((a + g(b, c, d) + word(i) + 0x5a827999) >>> 0, 3);
      d = rotl((d + g(a, b, c) + word(i + 4) + 0x5a827999) >>> 0, 5);
      c = rotl((c + g(d, a, b) + word(i + 8) + 0x5a827999) >>> 0, 9);
      b = rotl((b + g(c, d, a) + word(i + 12) + 0x5a827999) >>> 0, 13);
    }
    // Round 3.
    for (const i of [0, 2, 1, 3]) {
      a = rotl((a + h(b, c, d) + word(i) + 0x6ed9eba1) >>> 0, 3);
      d = rotl((d + h(a, b, c) + word(i + 8) + 0x6ed9eba1) >>> 0, 9);
      c = rotl((c + h(d, a, b) + word(i + 4) + 0x6ed9eba1) >>> 0, 11);
      b = rotl((b + h(c, d, a) + word(i + 12) + 0x6ed9eba1) >>> 0, 15);
    }

    a = (a + aa) >>> 0;
    b = (b + bb) >>> 0;
    c = (c + cc) >>> 0;
    d = (d + dd) >>> 0;
  }
  const out = Buffer.alloc(16);
  out.writeUInt32LE(a, 0);
  out.writeUInt32LE(b, 4);
  out.writeUInt32LE(c, 8);
  out.writeUInt32LE(d, 12);
  return out;
}
