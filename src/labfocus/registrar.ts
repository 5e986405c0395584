/**
 * The lab registrar's binding table (MS-SIPREGE shape, brief §3.1–3.2): one binding per AOR,
 * pinned to the connection the REGISTER came in on.
 *
 * @remarks Pure: the server feeds it parsed values; no I/O, time passed in.
 */
import { createHash } from 'node:crypto';
import { userHostOf } from './conference-address.js';
import { detached } from './detached.js';
import type { Registration } from './registration.js';

export interface RegisterInit {
  aor: string;
  contactUri: string;
  instance?: string | undefined;
  epid?: string | undefined;
  connectionId: string;
  expiresSeconds: number;
  now: number;
}

export type RegisterOutcome =
  | { kind: 'registered'; registration: Registration }
  | { kind: 'unregistered'; aor: string }
  | { kind: 'forbidden'; reason: string };

/**
 * The GRUU token: base64url of 18 bytes derived from the instance (or epid), so one device keeps
 * its GRUU across registrations (seed msg 12 shows a 24-character token ending `AA`).
 */
export function gruuToken(seed: string): string {
  const digest = createHash('sha1').update(seed).digest().subarray(0, 16);
  return Buffer.concat([digest, Buffer.alloc(2)]).toString('base64url');
}

export class Registrar {
  readonly #byAor = new Map<string, Registration>();
  readonly #byConnection = new Map<string, string>();

  /** MS-SIPREGE: bind or, with expires 0, unbind. A connection carries one AOR. */
  register(init: RegisterInit): RegisterOutcome {
    const bound = this.#byConnection.get(init.connectionId);
    if (bound !== undefined && bound !== init.aor) {
      return { kind: 'forbidden', reason: `connection is registered as ${bound}` };
    }
    if (init.expiresSeconds === 0) {
      this.unregister(init.aor);
      return { kind: 'unregistered', aor: init.aor };
    }
    const previous = this.#byAor.get(init.aor);
    if (previous && previous.connectionId !== init.connectionId) this.#byConnection.delete(previous.connectionId);
    const token = gruuToken(init.instance ?? init.epid ?? `${init.aor}/${init.connectionId}`);
    const registration: Registration = {
      aor: detached(init.aor),
      contactUri: detached(init.contactUri),
      instance: detached(init.instance),
      epid: detached(init.epid),
      gruu: `sip:${userHostOf(init.aor)};opaque=user:epid:${token};gruu`,
      connectionId: init.connectionId,
      expiresAt: init.now + init.expiresSeconds * 1000,
    };
    this.#byAor.set(init.aor, registration);
    this.#byConnection.set(init.connectionId, init.aor);
    return { kind: 'registered', registration };
  }

  unregister(aor: string): void {
    const registration = this.#byAor.get(aor);
    if (!registration) return;
    this.#byAor.delete(aor);
    if (this.#byConnection.get(registration.connectionId) === aor) this.#byConnection.delete(registration.connectionId);
  }

  /** The live registration of `aor` (expired ones are dropped). */
  lookup(aor: string, now: number): Registration | undefined {
    const registration = this.#byAor.get(aor);
    if (registration && registration.expiresAt <= now) {
      this.unregister(aor);
      return undefined;
    }
    return registration;
  }

  /** The AOR registered on a connection (and still live at `now`, when given). */
  aorOn(connectionId: string, now?: number): string | undefined {
    const aor = this.#byConnection.get(connectionId);
    if (aor === undefined || now === undefined) return aor;
    return this.lookup(aor, now)?.connectionId === connectionId ? aor : undefined;
  }

  /** A connection closed: every binding on it goes. Returns the AORs removed. */
  dropConnection(connectionId: string): string[] {
    const aor = this.#byConnection.get(connectionId);
    if (aor === undefined) return [];
    this.unregister(aor);
    return [aor];
  }

  get size(): number {
    return this.#byAor.size;
  }
}
