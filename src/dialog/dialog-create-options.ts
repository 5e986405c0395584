/**
 * Options of `Dialog.asUac`, `Dialog.asUas` and `Dialog.fromNotify`.
 */
export interface DialogCreateOptions {
  /** The local epid (MS-SIPRE 3.2.4.1) when it is not on our From (UAC) / To (UAS). */
  readonly localEpid?: string;
  /**
   * UAS only: the first CSeq our requests use minus one (RFC 3261 §12.1.1: the local sequence
   * number starts empty). Lync servers start high (seed msg 6: 2147483645). @default 0
   */
  readonly localCSeqBase?: number;
  /**
   * Route as if every route-set entry were a loose router, even without `lr`, as Office
   * Communicator does towards the IM MCU (seed msg 5). @default false (RFC 3261 §12.2.1.1)
   */
  readonly assumeLooseRouting?: boolean;
  /** Overrides the Via sent-by of in-dialog requests, e.g. `SIP/2.0/TLS 127.0.0.1:5061`. */
  readonly viaPrefix?: string;
}
