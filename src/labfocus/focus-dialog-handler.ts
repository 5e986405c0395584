/**
 * Requests inside a participant's focus dialog D1 (brief §1.4): INFO (C3P), BYE, re-INVITE.
 */
import { handleFocusInfo } from './focus-commands.js';
import type { LabDialog } from './lab-dialog.js';
import type { LabFocusCore, LabRequest } from './lab-focus-core.js';

export function handleFocusDialogRequest(core: LabFocusCore, req: LabRequest, dialog: LabDialog): void {
  switch (req.request.method) {
    case 'INFO':
      if (dialog.state !== 'confirmed') return core.respond(req, core.policy.endedDialogStatus(req.request.method));
      return handleFocusInfo(core, req, dialog);
    case 'BYE': {
      // Brief §4.10 step 8: a BYE crossing our own BYE (glare) still gets 200 on D1.
      const wasUp = dialog.state === 'confirmed';
      core.respond(req, 200);
      if (!wasUp) return;
      core.endDialog(dialog);
      const conference = core.conferences.get(dialog.conferenceId);
      if (!conference) return;
      core.logger.info({ event: 'focus.left', conferenceId: conference.id, aor: req.aor }, 'user left the focus');
      core.publish(conference, conference.leaveFocus(req.aor));
      return;
    }
    case 'INVITE': {
      // A session refresh (brief §2 item 10): accepted as is.
      if (dialog.state !== 'confirmed') return core.respond(req, 481);
      const conference = core.conferences.get(dialog.conferenceId);
      return core.respond(req, 200, { headers: [['Contact', `<${conference?.focusUri ?? dialog.localUri}>`]] });
    }
    default:
      return core.respond(req, 405, { headers: [['Allow', 'INVITE, ACK, INFO, BYE']] });
  }
}
