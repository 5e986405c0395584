/**
 * RC4 (ARCFOUR), the stream cipher of NTLM key exchange and sealing. OpenSSL 3 keeps it in the
 * legacy provider, so Node usually cannot create it: this is a small pure implementation.
 */
export class Rc4 {
  readonly #s = new Uint8Array(256);
  #i = 0;
  #j = 0;

  constructor(key: Buffer) {
    if (key.length === 0) throw new RangeError('RC4 key must not be empty');
    for (let n = 0; n < 256; n++) this.#s[n] = n;
    let j = 0;
    for (let n = 0; n < 256; n++) {
      j = (j + this.#at(n) + (key[n % key.length] ?? 0)) & 0xff;
      this.#swap(n, j);
    }
  }

  /** XORs `data` with the next bytes of the key stream; the stream continues across calls. */
  transform(data: Buffer): Buffer {
    const out = Buffer.alloc(data.length);
    for (let n = 0; n < data.length; n++) {
      this.#i = (this.#i + 1) & 0xff;
      this.#j = (this.#j + this.#at(this.#i)) & 0xff;
      this.#swap(this.#i, this.#j);
      const k = this.#at((this.#at(this.#i) + this.#at(this.#j)) & 0xff);
      out[n] = (data[n] ?? 0) ^ k;
    }
    return out;
  }

  #at(n: number): number {
    return this.#s[n] ?? 0;
  }

  #swap(p: number, q: number): void {
    const t = this.#at(p);
    this.#s[p] = this.#at(q);
    this.#s[q] = t;
  }
}

/** RC4K(key, data) of MS-NLMP §6: a fresh cipher over one buffer. */
export function rc4(key: Buffer, data: Buffer): Buffer {
  return new Rc4(key).transform(data);
}
