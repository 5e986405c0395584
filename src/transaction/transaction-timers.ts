/**
 * The RFC 3261 §17 timer table for reliable transports (TLS/TCP), derived from T1.
 *
 * @remarks Over a reliable transport there are no retransmission timers (A, E, G) and the
 * "wait for retransmissions" timers D, I, J and K are zero (RFC 3261 §17.1.1.2, §17.1.2.2,
 * §17.2.1, §17.2.2). Timers M and L come from RFC 6026 §7.
 */
export interface TransactionTimers {
  /** RTT estimate, RFC 3261 §17.1.1.1. @default 500 */
  readonly t1: number;
  /** INVITE transaction timeout (client, `calling`): 64·T1. */
  readonly B: number;
  /** Wait time for response retransmits after a non-2xx final (INVITE client): 0 on reliable. */
  readonly D: number;
  /** Non-INVITE transaction timeout (client): 64·T1. */
  readonly F: number;
  /** Wait time for ACK receipt after a non-2xx final (INVITE server): 64·T1. */
  readonly H: number;
  /** Wait time for ACK retransmits (INVITE server): 0 on reliable. */
  readonly I: number;
  /** Wait time for request retransmits (non-INVITE server): 0 on reliable. */
  readonly J: number;
  /** Wait time for response retransmits (non-INVITE client): 0 on reliable. */
  readonly K: number;
  /** RFC 6026 §7.1: INVITE server `accepted` lifetime, 64·T1. */
  readonly L: number;
  /** RFC 6026 §7.2: INVITE client `accepted` lifetime, 64·T1. */
  readonly M: number;
}

/** RFC 3261 §17.1.1.1 default for T1, in milliseconds. */
export const DEFAULT_T1 = 500;

/** Builds the timer table for a reliable transport from T1 (milliseconds). */
export function transactionTimers(t1: number = DEFAULT_T1): TransactionTimers {
  const long = 64 * t1;
  return { t1, B: long, D: 0, F: long, H: long, I: 0, J: 0, K: 0, L: long, M: long };
}

export type TimerName = 'B' | 'D' | 'F' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M';
