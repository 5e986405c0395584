/**
 * Options of an emulated Lync endpoint and of the server it talks to.
 */
import type { TraceRecorder } from '../capture/index.js';
import type { Clock } from '../util/index.js';

/** Roster history kept by an endpoint that keeps no inbound messages (`keepReceived: false`). */
export const LOAD_ROSTER_HISTORY_LIMIT = 4;

/** Where the endpoint connects: the registrar / front end that also routes to the focus. */
export interface ServerTarget {
  host: string;
  port: number;
  transport: 'tls' | 'tcp';
  /** PEM of the CA the server certificate must chain to. @default the system store */
  ca?: string;
  /** SNI and the name the certificate must carry. @default host */
  servername?: string;
  /** @default the transport's default */
  connectTimeoutMs?: number;
}

export interface EndpointOptions {
  /** Role name used in traces, e.g. `alice`. */
  role: string;
  /** Address of record, e.g. `sip:alice@contoso.com`. */
  aor: string;
  /** e.g. `Alice` */
  displayName?: string;
  server: ServerTarget;
  /** Every message sent and received is recorded here. @default a disabled recorder */
  recorder?: TraceRecorder;
  /** @default systemClock */
  clock?: Clock;
  /** RFC 3261 T1 in ms. @default 500 */
  t1?: number;
  /** TLS key log lines (NSS format) for Wireshark. */
  keyLog?: (line: string) => void;
  /** @default `focus-harness/<version> (Lync-compatible)` */
  userAgent?: string;
  /** How long to wait for a C3P response carried in a focus INFO after a 202. @default 5000 */
  c3pTimeoutMs?: number;
  /** Keep every inbound message in `received` (load runs may turn it off). @default true */
  keepReceived?: boolean;
  /**
   * Most entries `roster.history` keeps (the latest ones). Each entry lists every user, so in a load
   * run the history would grow with conference size × updates.
   * @default unlimited; {@link LOAD_ROSTER_HISTORY_LIMIT} when `keepReceived` is false
   */
  rosterHistoryLimit?: number;
  /**
   * Password for 401/407 challenges (Digest: lab proxies such as Kamailio; NTLM: MS-SIPAE front
   * ends); without it 401/407 are returned as they are.
   */
  password?: string;
  /**
   * Authentication username. @default the user part of the AOR. With NTLM `DOMAIN\\user` gives the
   * domain; without a backslash the domain is empty.
   */
  authUsername?: string;
  /**
   * `digest`: answer Digest challenges. `ntlm`: run the MS-SIPAE NTLM handshake on REGISTER and sign
   * every request sent on the connection, verifying the server's signatures (brief §3.3–3.8).
   * @default 'digest'
   */
  authScheme?: 'digest' | 'ntlm';
  /** Fixed epid (10 hex) instead of a random one, for reproducible traces. */
  epid?: string;
  /**
   * What the client does when the focus ends its roster subscription with
   * `reason=ParticipantRemoved` (it was ejected): `true` — as a Lync client does (seed msgs 4–5) —
   * it BYEs its focus (D1) and IM MCU (D3) dialogs itself; `false` plays a passive client that
   * sends no BYE and waits for the server's (still answering them 200), so only the server's BYEs
   * can end those dialogs. @default true
   */
  leaveOnRemoval?: boolean;
}
