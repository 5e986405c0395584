/** The verdict of `dialog.receiveRequest` (RFC 3261 §12.2.2). */
export type ReceiveRequestVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'cseq-lower' | 'cseq-equal' | 'not-this-dialog' | 'dialog-terminated' | 'bad-cseq';
      /** The response §12.2.2 asks for: 500 for out-of-order, 481 otherwise. */
      readonly status: 500 | 481 | 400;
      readonly detail: string;
    };
