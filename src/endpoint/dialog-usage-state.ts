/**
 * The life of one of the endpoint's three dialog usages (brief §1.4):
 *
 * ```
 *  none ──(2xx to INVITE/SUBSCRIBE)──▶ active ──(BYE either way, terminated notify, unsubscribe)──▶ terminated
 *    ▲                                                                                                  │
 *    └──────────────────────────────(a new join starts over)────────────────────────────────────────────┘
 * ```
 */
export type DialogUsageState = 'none' | 'active' | 'terminated';

export interface EndpointDialogState {
  /** D1: the focus INVITE dialog. */
  focus: DialogUsageState;
  /** D2: the conference-event subscription. */
  roster: DialogUsageState;
  /** D3: the IM MCU dialog. */
  im: DialogUsageState;
}
