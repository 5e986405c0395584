/**
 * C3P commands carried by INFO in a participant's focus dialog (brief §4.11, §8 item 6):
 * deleteUser, modifyUserRoles, modifyConferenceLock, modifyConference, getConference, deleteConference.
 *
 * Authorisation (brief §4.11 "who may do what"): only presenters may eject, change roles, lock or
 * modify the conference; anyone else gets `code="failure"` with reason `unauthorized` and nothing
 * changes.
 */
import { C3pParseError, parseC3pRequest, type C3pModifyConference, type C3pRequest, type C3pResponseInit } from '../conference/index.js';
import { acceptC3p, deliverC3p, envelopeFor } from './c3p-delivery.js';
import { aorOf } from './conference-address.js';
import { deleteConference } from './conference-teardown.js';
import { runEject } from './eject-flow.js';
import type { LabConference } from './lab-conference.js';
import type { LabDialog } from './lab-dialog.js';
import type { LabFocusCore, LabRequest } from './lab-focus-core.js';
import { contentTypeOf } from './message-fields.js';
import { msDiagnostics, msDiagnosticsPublic } from './ms-diagnostics.js';
import { fullRosterDocument } from './roster-documents.js';
import { sameConferenceUri } from './same-conference-uri.js';

export function handleFocusInfo(core: LabFocusCore, req: LabRequest, dialog: LabDialog): void {
  const conference = core.conferences.get(dialog.conferenceId);
  if (!conference) {
    core.respond(req, 481);
    return;
  }
  if (contentTypeOf(req.request) !== 'application/cccp+xml') {
    core.respond(req, 415, { headers: [['Accept', 'application/cccp+xml']] });
    return;
  }
  let c3p: C3pRequest;
  try {
    c3p = parseC3pRequest(req.request.body);
  } catch (error) {
    answerParseFailure(core, req, dialog, error);
    return;
  }
  runCommand(core, req, dialog, conference, c3p);
}

/** 3006 for a body that is not C3P; 3004 and a failure response for a command we do not implement. */
function answerParseFailure(core: LabFocusCore, req: LabRequest, dialog: LabDialog, error: unknown): void {
  const source = core.settings.serverName;
  if (error instanceof C3pParseError && error.unknownCommand && error.envelope.requestId !== undefined) {
    const header: [string, string][] = [['ms-diagnostics-public', msDiagnosticsPublic('notImplemented')]];
    acceptC3p(core, req, header);
    const envelope = envelopeFor({ requestId: error.envelope.requestId, from: error.envelope.from ?? req.aor, to: error.envelope.to ?? dialog.localUri });
    const code = core.policy.refusalCode(error.unknownCommand, 'notImplemented');
    deliverC3p(core, req, dialog, { ...envelope, command: error.unknownCommand, code, ...(code === 'failure' ? { reason: 'notImplemented' } : {}) }, header);
    return;
  }
  const status = core.policy.malformedC3pStatus();
  core.respond(req, status, { ...(status >= 300 ? { reason: 'Bad C3P Request' } : {}), headers: [['ms-diagnostics', msDiagnostics('parseFailed', source)]] });
}

/** Sends the C3P response to the command (acceptance, then the response in the dialog). */
type Answer = (init: Omit<C3pResponseInit, 'requestId' | 'from' | 'to'>, headers?: [string, string][]) => void;
/** Answers with the policy's code for a refusal with `reason`. */
type Refuse = (reason: string, headers?: [string, string][]) => void;

function runCommand(core: LabFocusCore, req: LabRequest, dialog: LabDialog, conference: LabConference, c3p: C3pRequest): void {
  const command = c3p.command;
  const role = conference.participant(req.aor)?.role ?? 'attendee';
  const answer: Answer = (init, headers = []) => {
    acceptC3p(core, req, headers);
    deliverC3p(core, req, dialog, { ...envelopeFor(c3p), ...init } as C3pResponseInit, headers);
  };
  const refuse: Refuse = (reason, headers = []) => {
    const code = core.policy.refusalCode(command.name, reason);
    answer({ command: command.name, code, ...(code === 'failure' ? { reason } : {}) }, headers);
  };
  const unauthorized = (): void =>
    refuse('unauthorized', [['ms-diagnostics', msDiagnostics('unauthorized', core.settings.serverName)]]);

  if ('confEntity' in command && command.confEntity !== undefined && !sameConferenceUri(command.confEntity, conference.focusUri)) {
    refuse('conferenceDoesNotExist', [['ms-diagnostics', msDiagnostics('badConferenceEntity', core.settings.serverName)]]);
    return;
  }
  switch (command.name) {
    case 'deleteUser': {
      if (!core.policy.mayRunPresenterCommand(role, command.name)) return unauthorized();
      const victim = aorOf(command.userEntity);
      if (!conference.has(victim)) return refuse('userDoesNotExist');
      runEject({ core, req, dialog, conference, c3p, victim });
      return;
    }
    case 'modifyUserRoles': {
      if (!core.policy.mayRunPresenterCommand(role, command.name)) return unauthorized();
      const target = aorOf(command.userEntity);
      if (!conference.has(target)) return refuse('userDoesNotExist');
      const change = core.policy.appliesCommand(command.name) ? conference.setRole(target, command.roles) : undefined;
      answer({ command: 'modifyUserRoles', code: 'success', payload: { confEntity: conference.focusUri, userEntity: command.userEntity } });
      core.logger.info({ event: 'conference.roles', conferenceId: conference.id, by: req.aor, target, roles: command.roles }, 'roles changed');
      core.publish(conference, change);
      return;
    }
    case 'modifyConferenceLock': {
      if (!core.policy.mayRunPresenterCommand(role, command.name)) return unauthorized();
      const change = core.policy.appliesCommand(command.name) ? conference.setLocked(command.locked) : undefined;
      answer({ command: 'modifyConferenceLock', code: 'success', payload: { confEntity: conference.focusUri } });
      core.logger.info({ event: 'conference.lock', conferenceId: conference.id, by: req.aor, locked: command.locked }, 'lock changed');
      core.publish(conference, change);
      return;
    }
    case 'modifyConference':
      if (!core.policy.mayRunPresenterCommand(role, command.name)) return unauthorized();
      return modifyConference(core, req, conference, command, answer, refuse);
    case 'getConference':
      answer({ command: 'getConference', code: core.policy.c3pResultCode('getConference'), payload: { conference: fullRosterDocument(conference, conference.version) } });
      return;
    case 'deleteConference':
      if (!core.policy.mayRunPresenterCommand(role, command.name)) return unauthorized();
      answer({ command: 'deleteConference', code: 'success', payload: { focusUri: conference.focusUri } });
      if (core.policy.appliesCommand(command.name)) deleteConference(core, conference);
      return;
    default:
      refuse('otherFailure', [['ms-diagnostics-public', msDiagnosticsPublic('notImplemented')]]);
  }
}

/**
 * MS-CONFBAS 4.4.10 / brief §6.13: a presenter changes the conference description; every subscriber
 * gets one partial document with it (one version step).
 *
 * Lab choices: `mscp:mcuUri`, when given, must name this conference's focus or IM MCU (else 3013);
 * partial content other than the description (another MCU's entity-view) is refused whole, since an
 * IM-only focus has nothing to apply it to.
 */
function modifyConference(core: LabFocusCore, req: LabRequest, conference: LabConference, command: C3pModifyConference, answer: Answer, refuse: Refuse): void {
  const mcuUri = command.mcuUri;
  if (mcuUri !== undefined && !sameConferenceUri(mcuUri, conference.focusUri) && !sameConferenceUri(mcuUri, conference.chatUri)) {
    return refuse('otherFailure', [['ms-diagnostics', msDiagnostics('invalidMcu', core.settings.serverName)]]);
  }
  if (command.extensions !== undefined) return refuse('otherFailure', [['ms-diagnostics-public', msDiagnosticsPublic('notImplemented')]]);
  const change = core.policy.appliesCommand(command.name) ? conference.setDescription({ subject: command.subject, displayText: command.displayText }) : undefined;
  answer({ command: 'modifyConference', code: 'success' });
  core.logger.info({ event: 'conference.modified', conferenceId: conference.id, by: req.aor, subject: command.subject, displayText: command.displayText }, 'conference description changed');
  core.publish(conference, change);
}
