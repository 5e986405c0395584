/**
 * SERVICE to the focus factory (brief §4.1–4.2, §8 item 1; MS-CONFPRO 2.2.3): addConference,
 * getConferencingCapabilities, getAvailableMcuTypes, getConference, deleteConference — answered in
 * the 200 OK.
 *
 * Lab choice: the client's `msci:conference-id` is kept when it is 8–32 alphanumerics and free;
 * otherwise a new 32-hex id is minted. Only the organizer may delete a conference.
 */
import { buildC3pResponse, C3pParseError, parseC3pRequest, type C3pRequest, type C3pResponseInit } from '../conference/index.js';
import { CCCP, envelopeFor } from './c3p-delivery.js';
import { newConferenceId } from './conference-address.js';
import { deleteConference } from './conference-teardown.js';
import { LabConference } from './lab-conference.js';
import type { LabFocusCore, LabRequest } from './lab-focus-core.js';
import { msDiagnostics, msDiagnosticsPublic } from './ms-diagnostics.js';
import { fullRosterDocument } from './roster-documents.js';
import { classifyAddress } from './conference-address.js';

/** The MCU types the lab focus hosts: the IM MCU only (brief §1.1). */
const LAB_MCU_TYPES: readonly string[] = ['chat'];

export function handleFactoryService(core: LabFocusCore, req: LabRequest): void {
  let c3p: C3pRequest;
  try {
    c3p = parseC3pRequest(req.request.body);
  } catch (error) {
    if (error instanceof C3pParseError && error.unknownCommand && error.envelope.requestId !== undefined) {
      const body = buildC3pResponse({
        ...envelopeFor({ requestId: error.envelope.requestId, from: error.envelope.from ?? req.aor, to: error.envelope.to ?? req.request.uri }),
        command: error.unknownCommand,
        code: 'failure',
        reason: 'notImplemented',
      });
      core.respond(req, 200, { headers: [['ms-diagnostics-public', msDiagnosticsPublic('notImplemented')]], contentType: CCCP, body });
      return;
    }
    core.respond(req, 400, { headers: [['ms-diagnostics', msDiagnostics('parseFailed', core.settings.serverName)]] });
    return;
  }
  const reply = (init: Omit<C3pResponseInit, 'requestId' | 'from' | 'to'>): void =>
    core.respond(req, 200, { contentType: CCCP, body: buildC3pResponse({ ...envelopeFor(c3p), ...init } as C3pResponseInit) });
  const command = c3p.command;
  switch (command.name) {
    case 'getConferencingCapabilities':
      return reply({ command: command.name, code: 'success', payload: { mcuTypes: [...LAB_MCU_TYPES] } });
    case 'getAvailableMcuTypes':
      // MS-CONFPRO 4.7: one mcuType per MCU the server can host; the lab hosts the IM MCU only.
      return reply({ command: command.name, code: 'success', payload: { mcuTypes: core.policy.availableMcuTypes(LAB_MCU_TYPES) } });
    case 'addConference': {
      const asked = command.conferenceId?.toUpperCase();
      const id = asked && /^[A-Z0-9]{8,32}$/.test(asked) && !core.conferences.has(asked) ? asked : newConferenceId();
      const conference = new LabConference({
        id,
        organizer: req.aor,
        ...(command.subject !== undefined ? { subject: command.subject } : {}),
        ...(command.expiryTime !== undefined ? { expiryTime: command.expiryTime } : {}),
        ...(command.admissionPolicy !== undefined ? { admissionPolicy: command.admissionPolicy } : {}),
      });
      core.conferences.set(id, conference);
      core.logger.info({ event: 'conference.created', conferenceId: id, organizer: req.aor, focusUri: conference.focusUri }, 'conference created');
      const code = core.policy.c3pResultCode('addConference');
      return reply({
        command: 'addConference',
        code,
        ...(code === 'failure' ? { reason: 'otherFailure' } : {}),
        payload: {
          focusUri: conference.focusUri,
          conferenceId: id,
          confUris: [{ uri: conference.chatUri, displayText: 'chat', purpose: 'chat' }],
        },
      });
    }
    case 'getConference': {
      const conference = findConference(core, command.conferenceId, command.confEntity);
      if (!conference) return reply({ command: command.name, code: 'failure', reason: 'conferenceDoesNotExist' });
      return reply({ command: 'getConference', code: core.policy.c3pResultCode('getConference'), payload: { conference: fullRosterDocument(conference, conference.version) } });
    }
    case 'deleteConference': {
      const conference = findConference(core, undefined, command.confEntity);
      if (!conference) return reply({ command: command.name, code: 'failure', reason: 'conferenceDoesNotExist' });
      if (conference.organizer !== req.aor) return reply({ command: command.name, code: 'failure', reason: 'unauthorized' });
      reply({ command: 'deleteConference', code: 'success', payload: { focusUri: conference.focusUri } });
      if (core.policy.appliesCommand(command.name)) deleteConference(core, conference);
      return;
    }
    default:
      return reply({ command: command.name, code: 'failure', reason: 'otherFailure' });
  }
}

function findConference(core: LabFocusCore, id: string | undefined, entity: string | undefined): LabConference | undefined {
  if (id) return core.conferences.get(id.toUpperCase());
  if (!entity) return undefined;
  const address = classifyAddress(entity);
  return address.kind === 'focus' ? core.conferences.get(address.conferenceId) : undefined;
}
