/**
 * A dialog the lab focus holds with one participant, as UAS (brief §1.4): D1 the focus dialog,
 * D2 the conference subscription, D3 the IM MCU dialog.
 *
 * @remarks RFC 3261 §12.1.1: the UAS dialog state is Call-ID, local tag (ours, put on To in the
 * 2xx), remote tag (the client's From tag), remote URI and target; MS-SIPRE 3.2.4.1 adds the remote
 * epid, echoed on To of every request we send. The focus's own CSeq space may start high (seed msg
 * 6 uses 2147483645 for the focus BYE).
 *
 * State: `confirmed` → `terminated` (a BYE either way, or the subscription ended). A terminated
 * dialog stays findable for 64·T1 so a BYE crossing ours (glare, brief §4.10 steps 8–9) is
 * answered as the seed does rather than with a bare 481.
 */
export type LabDialogKind = 'focus' | 'subscription' | 'chat';
export type LabDialogState = 'confirmed' | 'terminated';

export interface LabDialog {
  readonly kind: LabDialogKind;
  readonly callId: string;
  /** Our tag (focus / MCU side). */
  readonly localTag: string;
  /** The client's From tag. */
  readonly remoteTag: string;
  /** Focus URI (D1, D2) or chat MCU URI (D3). */
  readonly localUri: string;
  /** The participant's AOR. */
  readonly aor: string;
  readonly remoteEpid: string | undefined;
  readonly conferenceId: string;
  readonly connectionId: string;
  /** The client's Contact (GRUU); kept for the record — requests go to the registered contact. */
  readonly remoteTarget: string | undefined;
  localCSeq: number;
  remoteCSeq: number;
  state: LabDialogState;
  /** D2 only: the subscriber offered `ms-benotify` (brief §4.5). */
  readonly benotify: boolean;
}
