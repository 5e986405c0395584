/**
 * Options and handle of the lab focus (issue 3).
 */
import type { Logger } from 'pino';
import type { Clock } from '../util/index.js';
import type { LabFaultName } from './lab-fault-name.js';

export interface LabFocusOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks an ephemeral port. @default 0 */
  port?: number;
  /** @default 'tls' */
  transport?: 'tls' | 'tcp';
  /** The SIP domain of the users it registers. @default 'contoso.com' */
  domain?: string;
  /** Where `ensureLabCertificates()` keeps the lab CA and leaf (when `cert`/`key` are not given). */
  certDir?: string;
  /** Server certificate chain and key (PEM), instead of generated ones. */
  cert?: string;
  key?: string;
  /** Fault switches, see `LAB_FAULTS`. @default [] */
  faults?: readonly LabFaultName[];
  /** How C3P over INFO is answered. @default '202-then-info' (the seed's style) */
  c3pStyle?: '202-then-info' | '200';
  /**
   * Authenticate users, with their passwords by username (the user part of their AOR).
   * `digest` (the default scheme): Digest on REGISTER (RFC 3261 §22.4; MD5 and SHA-256, qop=auth).
   * `ntlm`: MS-SIPAE over NTLM as a Lync front end does — the NTLM handshake on REGISTER, then every
   * request on that connection must carry a valid signature and everything the lab sends there is
   * signed (realm "SIP Communications Service" unless `realm` is given). @default no authentication
   */
  auth?: { readonly scheme?: 'digest' | 'ntlm'; readonly realm?: string; readonly users: ReadonlyMap<string, string> };
  /**
   * Forget a conference this long after its last participant left (load runs: memory stays flat).
   * @default never — a conference lives until deleteConference, as an ad-hoc conference does
   */
  forgetEmptyConferencesAfterMs?: number;
  /** @default systemClock */
  clock?: Clock;
  /** Conference events are logged here. @default a silent logger */
  logger?: Logger;
}

export interface LabFocus {
  readonly host: string;
  readonly port: number;
  readonly transport: 'tls' | 'tcp';
  readonly domain: string;
  /** The lab CA file clients must trust (undefined with `cert`/`key` given, or over TCP). */
  readonly caPath: string | undefined;
  readonly caPem: string | undefined;
  readonly faults: readonly LabFaultName[];
  /** Stops listening, drops every connection and cancels timers. */
  stop(): Promise<void>;
}
