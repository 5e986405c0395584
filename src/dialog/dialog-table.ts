/**
 * The dialogs of one user agent, keyed by Call-ID + local tag + remote tag (RFC 3261 §12).
 */
import { getCallId, getFrom, getTo, type SipMessage } from '../sip/index.js';
import type { Dialog } from './dialog.js';
import { dialogKey } from './dialog-key.js';

/**
 * Our role for the message being looked up: `uas` when we received the request (or send its
 * response) — our tag is on To; `uac` when we sent the request or received its response — our
 * tag is on From.
 */
export type MessageRole = 'uac' | 'uas';

export class DialogTable {
  readonly #dialogs = new Map<string, Dialog>();

  get size(): number {
    return this.#dialogs.size;
  }

  /** Files a dialog (replacing one with the same id). */
  add(dialog: Dialog): void {
    this.#dialogs.set(dialog.id, dialog);
  }

  get(callId: string, localTag: string, remoteTag: string): Dialog | undefined {
    return this.#dialogs.get(dialogKey(callId, localTag, remoteTag));
  }

  /**
   * The dialog a message belongs to (§12.2.2 for requests, §12.2.1.2 for responses).
   *
   * @param role defaults to `uas` for a request (an inbound request) and `uac` for a response.
   */
  find(message: SipMessage, role: MessageRole = message.kind === 'request' ? 'uas' : 'uac'): Dialog | undefined {
    try {
      const callId = getCallId(message);
      const fromTag = getFrom(message).params.get('tag') ?? '';
      const toTag = getTo(message).params.get('tag') ?? '';
      return role === 'uas' ? this.get(callId, toTag, fromTag) : this.get(callId, fromTag, toTag);
    } catch {
      return undefined;
    }
  }

  /** Removes a dialog; returns whether it was there. */
  delete(dialog: Dialog): boolean {
    return this.#dialogs.delete(dialog.id);
  }

  values(): IterableIterator<Dialog> {
    return this.#dialogs.values();
  }
}
