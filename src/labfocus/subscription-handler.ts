/**
 * SUBSCRIBE `Event: conference` to the focus (RFC 4575 §3, RFC 6665; brief §4.5, §8 item 3).
 *
 * Lab choices: only current participants may subscribe (others get 403 with ms-diagnostics 3014);
 * an unsubscribe is accepted both in the dialog (RFC 6665) and as a fresh out-of-dialog SUBSCRIBE
 * with `Expires: 0` (SIPE); either ends with a terminated notification (reason `timeout`). A
 * subscription that is not refreshed in time ends the same way (RFC 6665 §4.2.2), unless the
 * subscriber offered `com.microsoft.autoextend` (brief §4.5: the server extends it).
 */
import { createUasDialog, newFocusTag } from './create-uas-dialog.js';
import type { LabDialog } from './lab-dialog.js';
import type { LabFocusCore, LabRequest } from './lab-focus-core.js';
import { expiresOf, supports } from './message-fields.js';
import { msDiagnostics } from './ms-diagnostics.js';
import { sendFullRoster, terminateSubscription } from './roster-publisher.js';

/** Brief §4.5: `subscription-state: active;expires=3600`. */
export const SUBSCRIPTION_SECONDS = 3600;

/** RFC 6665 §4.2.2: the notifier ends a subscription nobody refreshed. */
function armExpiry(core: LabFocusCore, req: LabRequest, dialog: LabDialog, seconds: number): void {
  if (supports(req.request, 'com.microsoft.autoextend')) return;
  core.armDialogTimer(dialog, seconds * 1000, () => terminateSubscription(core, dialog, 'timeout'));
}

function isConferenceEvent(req: LabRequest): boolean {
  const event = req.request.headers.get('event') ?? '';
  return event.split(';')[0]?.trim().toLowerCase() === 'conference';
}

export function handleSubscribe(core: LabFocusCore, req: LabRequest, conferenceId: string, dialog?: LabDialog): void {
  if (!isConferenceEvent(req)) {
    core.respond(req, 489, { headers: [['Allow-Events', 'conference']] });
    return;
  }
  const conference = core.conferences.get(conferenceId);
  const expires = Math.min(expiresOf(req.request, SUBSCRIPTION_SECONDS), SUBSCRIPTION_SECONDS);
  if (dialog) {
    // RFC 6665 §4.2.1.2: a refresh or an unsubscribe inside D2.
    if (dialog.state !== 'confirmed' || !conference) return core.respond(req, 481);
    core.respond(req, 200, { headers: [['Expires', String(expires)], ['Contact', `<${conference.focusUri}>`]] });
    if (expires === 0) {
      terminateSubscription(core, dialog, 'timeout');
      return;
    }
    sendFullRoster(core, dialog, conference);
    armExpiry(core, req, dialog, expires);
    return;
  }
  if (!conference) {
    core.respond(req, 404, { headers: [['ms-diagnostics', msDiagnostics('invalidConference', core.settings.serverName)]] });
    return;
  }
  if (expires === 0) {
    // SIPE conf_session_close: an out-of-dialog unsubscribe ends the user's subscriptions.
    core.respond(req, 200, { toTag: newFocusTag(), headers: [['Expires', '0']] });
    for (const sub of core.dialogs.of(conference.id, 'subscription', req.aor)) terminateSubscription(core, sub, 'timeout');
    return;
  }
  if (!conference.has(req.aor) && !core.policy.admitsOutsider('subscribe')) {
    core.respond(req, 403, { headers: [['ms-diagnostics', msDiagnostics('unauthorized', core.settings.serverName)]] });
    return;
  }
  const created = createUasDialog('subscription', req, conference.id, conference.focusUri, supports(req.request, 'ms-benotify'));
  core.dialogs.add(created);
  core.respond(req, 200, {
    toTag: created.localTag,
    headers: [['Expires', String(expires)], ['Contact', `<${conference.focusUri}>`]],
  });
  core.logger.info(
    { event: 'roster.subscribed', conferenceId: conference.id, aor: req.aor, benotify: created.benotify },
    'subscribed to the roster',
  );
  sendFullRoster(core, created, conference);
  armExpiry(core, req, created, expires);
}
