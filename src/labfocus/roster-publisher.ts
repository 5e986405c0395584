/**
 * Sends conference-info documents on conference subscriptions (RFC 4575 §4.6, brief §4.5):
 * BENOTIFY when the subscriber offered `ms-benotify`, NOTIFY otherwise.
 */
import { renderConferenceInfo, type ConferenceInfoDocument } from '../conference/index.js';
import type { LabConference } from './lab-conference.js';
import type { LabDialog } from './lab-dialog.js';
import type { LabFocusCore } from './lab-focus-core.js';
import type { RosterChangeKind, RosterChange } from './roster-change.js';
import { fullRosterDocument, partialRosterDocument } from './roster-documents.js';

const CONFERENCE_INFO = 'application/conference-info+xml';

/** Brief §4.5: the active subscription's notification headers (seed msgs 12, 13). */
function activeHeaders(): [string, string][] {
  return [
    ['Event', 'conference'],
    ['subscription-state', 'active;expires=3600'],
  ];
}

function sendDocument(
  core: LabFocusCore,
  dialog: LabDialog,
  document: ConferenceInfoDocument,
  change: RosterChangeKind | undefined,
): void {
  const xml = renderConferenceInfo(document);
  const body = change ? core.policy.rosterBody(xml, change) : xml;
  const framing = change ? core.policy.rosterFraming(change) : { contentLengthDelta: 0 };
  void core.send(dialog, dialog.benotify ? 'BENOTIFY' : 'NOTIFY', {
    headers: activeHeaders(),
    contentType: CONFERENCE_INFO,
    body,
    bestEffort: dialog.benotify,
    ...(framing.contentLengthDelta !== 0 ? { contentLengthDelta: framing.contentLengthDelta } : {}),
  });
}

/** Brief §8 item 3: the first document of a subscription is full, at the current version. */
export function sendFullRoster(core: LabFocusCore, dialog: LabDialog, conference: LabConference): void {
  sendDocument(core, dialog, fullRosterDocument(conference, conference.version), undefined);
}

/**
 * Brief §8 item 5: one version per change, conference-wide, and one partial per active subscriber,
 * in subscription order (the organizer first, seed msgs 12–13 and 16–17).
 */
export function publishRosterChange(core: LabFocusCore, conference: LabConference, change: RosterChange): void {
  const version = core.policy.nextRosterVersion(conference.version, change.kind);
  conference.version = Math.max(conference.version, version);
  const document = partialRosterDocument(conference, change, version);
  const subscribers = core.dialogs.of(conference.id, 'subscription');
  subscribers.forEach((dialog, index) => {
    if (core.policy.deliversRosterChange(change.kind, index, subscribers.length)) {
      sendDocument(core, dialog, document, change.kind);
    }
  });
  core.logger.info(
    { event: 'roster.change', conferenceId: conference.id, change, version, subscribers: subscribers.length },
    'roster change published',
  );
}

/**
 * Ends a subscription from the notifier's side: a terminated notification with no body
 * (seed msg 3; RFC 6665 §4.2.2).
 */
export function terminateSubscription(
  core: LabFocusCore,
  dialog: LabDialog,
  reason: string,
  diagnostics?: string,
): void {
  if (dialog.state === 'terminated') return;
  void core.send(dialog, dialog.benotify ? 'BENOTIFY' : 'NOTIFY', {
    headers: [
      ['Event', 'conference'],
      ['subscription-state', `terminated;expires=0;reason=${reason}`],
      ['Expires', '0'],
      ...(diagnostics ? ([['ms-diagnostics-public', diagnostics]] as [string, string][]) : []),
    ],
    bestEffort: dialog.benotify,
  });
  core.endDialog(dialog);
}
