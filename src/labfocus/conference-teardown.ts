/**
 * deleteConference (brief §6.12 step 5, lab choice): every subscriber gets a `deleted` document and
 * a terminated subscription (reason `noresource`, RFC 6665 §4.2.2), every D1 a focus BYE, every D3
 * an MCU BYE; the conference is forgotten.
 */
import type { LabConference } from './lab-conference.js';
import type { LabFocusCore } from './lab-focus-core.js';
import { terminateSubscription } from './roster-publisher.js';

export function deleteConference(core: LabFocusCore, conference: LabConference): void {
  core.publish(conference, { kind: 'conference-deleted' });
  for (const sub of core.dialogs.of(conference.id, 'subscription')) terminateSubscription(core, sub, 'noresource');
  for (const d1 of core.dialogs.of(conference.id, 'focus')) {
    void core.send(d1, 'BYE', { headers: [['Reason', 'SIP;cause=410;text="Conference Ended"']] });
    core.endDialog(d1);
  }
  for (const d3 of core.dialogs.of(conference.id, 'chat')) {
    void core.send(d3, 'BYE', { mcu: true });
    core.endDialog(d3);
  }
  core.conferences.delete(conference.id);
  core.logger.info({ event: 'conference.deleted', conferenceId: conference.id }, 'conference deleted');
}
