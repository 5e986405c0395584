/**
 * The registration state of one endpoint (MS-SIPREGE 3.1.1.1, brief §3.1–3.2): one Call-ID and a
 * rising CSeq for every REGISTER, the `ms-opaque` of our Contact, the GRUU granted, the refresh
 * timer (at half the granted expiry) and the CRLF keep-alive timer (`ms-keep-alive … timeout=`).
 *
 * ```
 * unregistered ──(2xx, expires > 0)──▶ registered ──(refresh 2xx)──▶ registered
 *      ▲                                   │
 *      └──────(2xx to Expires: 0, close)───┘
 * ```
 */
import { newCallId, newTag, type SipRequest, type SipResponse } from '../sip/index.js';
import type { SipConnection } from '../transport/index.js';
import { ownString, type Clock, type TimerHandle } from '../util/index.js';
import { createMsOpaque } from './endpoint-identity.js';
import { buildOutOfDialogRequest } from './out-of-dialog-request.js';
import { readRegistrationBinding, registerContact, registerHeaders } from './register-request.js';
import { domainOfAor, hostPort } from './sip-text.js';

export interface RegistrationInit {
  aor: string;
  epid: string;
  instanceId: string;
  fromNameAddr: string;
  userAgent: string;
  transport: 'tls' | 'tcp';
  clock: Clock;
}

/** `ms-keep-alive: UAS; tcp=no; hop-hop=yes; end-end=no; timeout=300` → 300 */
export function keepAliveTimeout(response: SipResponse): number | undefined {
  const value = response.headers.get('ms-keep-alive');
  const seconds = value === undefined ? Number.NaN : Number.parseInt(/timeout\s*=\s*(\d+)/i.exec(value)?.[1] ?? '', 10);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

export class Registration {
  readonly msOpaque = createMsOpaque();
  readonly #init: RegistrationInit;
  readonly #tag = newTag();
  readonly #callId = newCallId();
  #cseq = 0;
  #gruu: string | undefined;
  #refresh: TimerHandle | undefined;
  #keepAlive: TimerHandle | undefined;

  constructor(init: RegistrationInit) {
    this.#init = init;
  }

  get gruu(): string | undefined {
    return this.#gruu;
  }

  /** After registration the GRUU is our Contact (brief §1.2); before, the registered contact. */
  contact(connection: SipConnection): string {
    if (this.#gruu !== undefined) return `<${this.#gruu}>`;
    return `<sip:${hostPort(connection.local)};transport=${this.#init.transport};ms-opaque=${this.msOpaque}>`;
  }

  /** Keeps the CSeq rising after a request was re-sent with credentials (RFC 3261 §10.2.4). */
  observeCSeq(seq: number): void {
    if (seq > this.#cseq) this.#cseq = seq;
  }

  /** The next REGISTER (brief §3.1); `expires: 0` unregisters. */
  buildRequest(connection: SipConnection, expires: number): SipRequest {
    const { aor, epid, instanceId, fromNameAddr, userAgent, transport } = this.#init;
    return buildOutOfDialogRequest({
      method: 'REGISTER',
      uri: `sip:${domainOfAor(aor)}`,
      to: `<${aor}>`,
      fromNameAddr,
      fromTag: this.#tag,
      epid,
      callId: this.#callId,
      cseq: ++this.#cseq,
      via: `SIP/2.0/${transport.toUpperCase()} ${hostPort(connection.local)}`,
      contact: registerContact({ host: connection.local.address, port: connection.local.port, transport, msOpaque: this.msOpaque, instanceId }),
      userAgent,
      headers: registerHeaders(expires),
    });
  }

  /**
   * Takes in the final response to a REGISTER: on 2xx keeps the GRUU, and (unless unregistering)
   * arms the refresh at half the granted expiry and the keep-alive pings; `refresh` is called then.
   */
  accept(response: SipResponse, expires: number, connection: SipConnection, refresh: () => void): void {
    if (response.status < 200 || response.status >= 300) return;
    this.cancelTimers();
    if (expires === 0) {
      this.#gruu = undefined;
      return;
    }
    const binding = readRegistrationBinding(response, this.#init.instanceId);
    // Kept for the registration's life: its own copy, not a view into the 200 OK (issue 4).
    if (binding.gruu !== undefined) this.#gruu = ownString(binding.gruu);
    const granted = binding.expires ?? expires;
    const { clock } = this.#init;
    if (granted > 0) {
      // MS-SIPREGE 3.1.1.1: re-register before the binding expires (we take half of it).
      this.#refresh = clock.setTimer((granted * 1000) / 2, () => {
        this.#refresh = undefined;
        refresh();
      });
    }
    const timeout = keepAliveTimeout(response);
    if (timeout !== undefined) this.#armKeepAlive(connection, timeout * 1000);
  }

  /** Stops refresh and keep-alive timers (on close, or before a new REGISTER). */
  cancelTimers(): void {
    this.#refresh?.cancel();
    this.#refresh = undefined;
    this.#keepAlive?.cancel();
    this.#keepAlive = undefined;
  }

  /** Brief §2 item 2: a bare CRLFCRLF every `timeout` seconds keeps the connection alive. */
  #armKeepAlive(connection: SipConnection, intervalMs: number): void {
    this.#keepAlive = this.#init.clock.setTimer(intervalMs, () => {
      if (connection.closed) {
        this.#keepAlive = undefined;
        return;
      }
      connection.sendKeepAlive('ping');
      this.#armKeepAlive(connection, intervalMs);
    });
  }
}
