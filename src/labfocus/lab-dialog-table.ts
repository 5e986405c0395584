/**
 * The lab focus's dialogs, found by Call-ID + local tag (RFC 3261 §12.2.2) or by participant.
 */
import type { LabDialog, LabDialogKind } from './lab-dialog.js';

export class LabDialogTable {
  readonly #dialogs = new Map<string, LabDialog>();

  static key(callId: string, localTag: string): string {
    return `${callId}\u0000${localTag}`;
  }

  add(dialog: LabDialog): void {
    this.#dialogs.set(LabDialogTable.key(dialog.callId, dialog.localTag), dialog);
  }

  /** An in-dialog request's dialog: Call-ID and our tag (its To tag), checked against its From tag. */
  find(callId: string, localTag: string | undefined, remoteTag: string | undefined): LabDialog | undefined {
    if (localTag === undefined) return undefined;
    const dialog = this.#dialogs.get(LabDialogTable.key(callId, localTag));
    if (!dialog || (remoteTag !== undefined && dialog.remoteTag !== remoteTag)) return undefined;
    return dialog;
  }

  delete(dialog: LabDialog): void {
    this.#dialogs.delete(LabDialogTable.key(dialog.callId, dialog.localTag));
  }

  /** Live dialogs of a conference, in creation order, optionally of one kind and one user. */
  of(conferenceId: string, kind?: LabDialogKind, aor?: string): LabDialog[] {
    const out: LabDialog[] = [];
    for (const dialog of this.#dialogs.values()) {
      if (dialog.conferenceId !== conferenceId || dialog.state === 'terminated') continue;
      if (kind !== undefined && dialog.kind !== kind) continue;
      if (aor !== undefined && dialog.aor !== aor) continue;
      out.push(dialog);
    }
    return out;
  }

  /** Every dialog carried by a connection. */
  onConnection(connectionId: string): LabDialog[] {
    return [...this.#dialogs.values()].filter((d) => d.connectionId === connectionId);
  }

  get size(): number {
    return this.#dialogs.size;
  }
}
