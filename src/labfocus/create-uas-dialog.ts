/**
 * RFC 3261 §12.1.1: the UAS side of a dialog, from the dialog-creating request we accept.
 */
import { randomBytes } from 'node:crypto';
import type { LabDialog, LabDialogKind } from './lab-dialog.js';
import type { LabRequest } from './lab-focus-core.js';
import { detached } from './detached.js';
import { callIdOf, cseqOf, nameAddr, param } from './message-fields.js';

/** Focus tags look like `0D440080` (8 upper-case hex, brief §1.4). */
export function newFocusTag(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

export function createUasDialog(
  kind: LabDialogKind,
  req: LabRequest,
  conferenceId: string,
  localUri: string,
  benotify = false,
): LabDialog {
  const from = nameAddr(req.request, 'from');
  return {
    kind,
    callId: detached(callIdOf(req.request)),
    localTag: newFocusTag(),
    remoteTag: detached(param(from, 'tag') ?? ''),
    localUri: detached(localUri),
    aor: detached(req.aor),
    remoteEpid: detached(param(from, 'epid')),
    conferenceId,
    connectionId: req.link.connection.id,
    remoteTarget: detached(nameAddr(req.request, 'contact')?.uri),
    localCSeq: 0,
    remoteCSeq: cseqOf(req.request).seq,
    state: 'confirmed',
    benotify,
  };
}
