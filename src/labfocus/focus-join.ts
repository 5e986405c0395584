/**
 * INVITE to the focus with a C3P addUser (brief §4.4, §8 item 2): admission, role, D1 and the
 * 200 OK with the addUser response (MS-CONFBAS 2.2.3.4).
 */
import { buildC3pResponse, C3pParseError, parseC3pRequest, type C3pRequest } from '../conference/index.js';
import { CCCP, envelopeFor } from './c3p-delivery.js';
import { createUasDialog } from './create-uas-dialog.js';
import type { LabFocusCore, LabRequest } from './lab-focus-core.js';
import { nameAddr } from './message-fields.js';
import { msDiagnostics } from './ms-diagnostics.js';
import { sameConferenceUri } from './same-conference-uri.js';
import { aorOf } from './conference-address.js';

export function handleFocusInvite(core: LabFocusCore, req: LabRequest, conferenceId: string): void {
  const source = core.settings.serverName;
  const conference = core.conferences.get(conferenceId);
  if (!conference) {
    core.respond(req, 404, { headers: [['ms-diagnostics', msDiagnostics('invalidConference', source)]] });
    return;
  }
  let c3p: C3pRequest;
  try {
    c3p = parseC3pRequest(req.request.body);
  } catch (error) {
    const name = error instanceof C3pParseError && error.fault === 'unknown-command' ? 'addUserInvalid' : 'parseFailed';
    core.respond(req, 400, { headers: [['ms-diagnostics', msDiagnostics(name, source)]] });
    return;
  }
  const command = c3p.command;
  if (command.name !== 'addUser') {
    core.respond(req, 400, { headers: [['ms-diagnostics', msDiagnostics('addUserInvalid', source)]] });
    return;
  }
  if (!sameConferenceUri(command.confEntity, conference.focusUri) || !sameConferenceUri(req.request.uri, conference.focusUri)) {
    core.respond(req, 400, { headers: [['ms-diagnostics', msDiagnostics('badConferenceEntity', source)]] });
    return;
  }
  if (aorOf(command.userEntity) !== req.aor) {
    core.respond(req, 403, { headers: [['ms-diagnostics', msDiagnostics('unauthorized', source)]] });
    return;
  }
  // Brief §6.10 step 4 (lab choice): a locked conference refuses a new joiner with 403, the
  // diagnostic and a C3P failure body naming the reason.
  if (!conference.admits(req.aor) && !core.policy.admitsToLockedConference()) {
    const body = buildC3pResponse({ ...envelopeFor(c3p), command: 'addUser', code: 'failure', reason: 'conferenceLocked' });
    core.respond(req, 403, {
      reason: 'Conference Locked',
      headers: [['ms-diagnostics', msDiagnostics('unauthorized', source).replace('Failed authorization', 'Conference is locked')]],
      contentType: CCCP,
      body,
    });
    return;
  }
  for (const old of core.dialogs.of(conference.id, 'focus', req.aor)) core.endDialog(old);
  const dialog = createUasDialog('focus', req, conference.id, conference.focusUri);
  core.dialogs.add(dialog);
  const registration = core.registrar.lookup(req.aor, core.clock.now());
  const displayName = nameAddr(req.request, 'from')?.displayName;
  const change = conference.joinFocus({
    aor: req.aor,
    ...(displayName ? { displayName } : {}),
    ...(command.endpointEntity ? { endpointEntity: command.endpointEntity } : {}),
    ...(registration ? { gruu: registration.gruu } : {}),
  });
  const participant = conference.participant(req.aor);
  const body = buildC3pResponse({
    ...envelopeFor(c3p),
    command: 'addUser',
    code: 'success',
    payload: {
      confEntity: command.confEntity,
      userEntity: command.userEntity,
      grantedRoles: core.policy.joinGrantedRoles(participant?.role ?? 'attendee'),
      ...(participant?.focusEndpoint
        ? { endpoint: { entity: participant.focusEndpoint.entity, sessionType: 'focus', status: 'connected', joiningMethod: 'dialed-in' } }
        : {}),
    },
  });
  core.respond(req, 200, {
    toTag: dialog.localTag,
    headers: [['Contact', `<${conference.focusUri}>`], ['Supported', 'ms-sender']],
    contentType: CCCP,
    body,
  });
  core.logger.info(
    { event: 'focus.joined', conferenceId: conference.id, aor: req.aor, role: participant?.role },
    'user joined the focus',
  );
  core.publish(conference, change);
}
