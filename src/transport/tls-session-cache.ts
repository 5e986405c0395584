/**
 * Client-side TLS session cache, so repeated connections to one server resume instead of
 * running a full handshake (undici keeps the same kind of cache in `lib/core/connect.js`).
 */

/** Sessions are kept per server identity and trust set; the oldest entry goes first. */
export class TlsSessionCache {
  readonly #max: number;
  readonly #sessions = new Map<string, Buffer>();

  /** @param maxEntries @default 100 */
  constructor(maxEntries = 100) {
    this.#max = maxEntries;
  }

  get size(): number {
    return this.#sessions.size;
  }

  get(key: string): Buffer | undefined {
    return this.#sessions.get(key);
  }

  set(key: string, session: Buffer): void {
    this.#sessions.delete(key);
    if (this.#sessions.size >= this.#max) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    this.#sessions.set(key, session);
  }

  /** Forgets a session the server would not resume. */
  delete(key: string): void {
    this.#sessions.delete(key);
  }
}
