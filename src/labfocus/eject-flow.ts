/**
 * deleteUser by a presenter: the MS-CONFIM 4.3.1 choreography (brief §4.10, §8 item 7).
 *
 * Order, as in the seed: (2) 202 to the ejector; (3) the victim's subscription terminated with
 * reason ParticipantRemoved; (6) focus BYE on the victim's D1 with a high CSeq and the Reason;
 * (7) MCU BYE on D3; (12–13) partial: the victim as a `full` user with only its chat endpoint;
 * (14) the C3P success INFO to the ejector; (16–17) partial: the victim `deleted`. The victim's
 * own BYEs may cross ours (glare): the dialogs stay findable, D1 answers 200, D3 481 + 6019.
 */
import type { C3pRequest } from '../conference/index.js';
import { acceptC3p, deliverC3p, envelopeFor } from './c3p-delivery.js';
import type { LabConference } from './lab-conference.js';
import type { LabDialog } from './lab-dialog.js';
import type { LabFocusCore, LabRequest } from './lab-focus-core.js';
import { msDiagnosticsPublic } from './ms-diagnostics.js';
import { terminateSubscription } from './roster-publisher.js';

/** Seed msg 6: the focus BYE's CSeq, 2^31 - 3. */
export const FOCUS_BYE_CSEQ = 2147483645;

export interface EjectInit {
  core: LabFocusCore;
  req: LabRequest;
  /** The ejector's D1. */
  dialog: LabDialog;
  conference: LabConference;
  c3p: C3pRequest;
  victim: string;
}

export function runEject({ core, req, dialog, conference, c3p, victim }: EjectInit): void {
  const removed = msDiagnosticsPublic('participantRemoved');
  acceptC3p(core, req);
  core.logger.info({ event: 'conference.eject', conferenceId: conference.id, by: req.aor, victim }, 'ejecting');

  // Seed msg 3: terminate the victim's roster subscription first.
  if (core.policy.terminatesEjectedSubscription()) {
    for (const sub of core.dialogs.of(conference.id, 'subscription', victim)) {
      terminateSubscription(core, sub, 'ParticipantRemoved', removed);
    }
  }
  // Seed msg 6: the focus BYE, with the Reason and the public diagnostic.
  if (core.policy.sendsFocusByeOnEject()) {
    for (const d1 of core.dialogs.of(conference.id, 'focus', victim)) {
      void core.send(d1, 'BYE', {
        cseq: FOCUS_BYE_CSEQ,
        headers: [
          ['Reason', 'SIP;cause=481;text="Participant Removed"'],
          ['ms-diagnostics-public', removed],
        ],
      });
      core.endDialog(d1);
    }
  }
  // Seed msg 7: the IM MCU drops the victim's D3.
  if (core.policy.sendsMcuByeOnEject()) {
    for (const d3 of core.dialogs.of(conference.id, 'chat', victim)) {
      void core.send(d3, 'BYE', { mcu: true });
      core.endDialog(d3);
    }
  }
  core.policy.midEject({ dropEjectorConnection: () => core.dropConnectionOf(req.aor) });

  // Seed msgs 12–13: the victim without its focus endpoint (still reported in chat).
  core.publish(conference, conference.leaveFocus(victim));
  // Seed msg 14: the C3P result to the ejector.
  deliverC3p(core, req, dialog, {
    ...envelopeFor(c3p),
    command: 'deleteUser',
    code: core.policy.c3pResultCode('deleteUser'),
    ...(core.policy.c3pResultCode('deleteUser') === 'failure' ? { reason: 'otherFailure' } : {}),
    payload: { confEntity: conference.focusUri, userEntity: victim },
  });
  // Seed msgs 16–17: the victim deleted.
  core.publish(conference, conference.remove(victim));
}
