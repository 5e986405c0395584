import type { C3pClientInfo, C3pCommand, C3pModifyConference } from './c3p-command.js';
import { isC3pCommandName } from './c3p-command.js';
import { C3pParseError, type C3pEnvelopeHint } from './c3p-parse-error.js';
import { CONFERENCE_NS } from './namespaces.js';
import { attributeValue, childElement, childElements, childText, type XmlElement } from './xml-element.js';

const CI = CONFERENCE_NS.ci;
const MSCI = CONFERENCE_NS.msci;
const CCCP = CONFERENCE_NS.cccp;

/**
 * Reads the typed command out of a request's command element.
 *
 * @throws C3pParseError `unknown-command` (with `unknownCommand`) or `invalid-command` naming what is missing.
 */
export function readCommand(element: XmlElement, hint: C3pEnvelopeHint): C3pCommand {
  const name = element.local;
  if (!isC3pCommandName(name)) {
    throw new C3pParseError('unknown-command', `<${name}> is not a command this focus implements`, { unknownCommand: name, envelope: hint });
  }
  const need = (owner: XmlElement | undefined, ownerName: string, attribute: string, ns?: string): string => {
    const value = owner && attributeValue(owner, attribute, ns);
    if (value === undefined || value === '') {
      throw new C3pParseError('invalid-command', `${name}: missing ${ownerName}@${attribute}`, { envelope: hint });
    }
    return value;
  };
  switch (name) {
    case 'addConference': {
      const info = childElement(element, 'conference-info', CI);
      const description = info && childElement(info, 'conference-description', CI);
      const conferenceId = description && childText(description, 'conference-id', MSCI);
      if (info === undefined || description === undefined) {
        throw new C3pParseError('invalid-command', 'addConference: missing conference-info/conference-description', { envelope: hint });
      }
      if (conferenceId === undefined || conferenceId === '') {
        throw new C3pParseError('invalid-command', 'addConference: missing msci:conference-id', { envelope: hint });
      }
      const view = childElement(info, 'conference-view', MSCI);
      const command: C3pCommand = {
        name,
        conferenceId,
        entityViews: view ? childElements(view, 'entity-view', MSCI).map((entityView) => attributeValue(entityView, 'entity') ?? '') : [],
      };
      const entity = attributeValue(info, 'entity');
      if (entity !== undefined && entity !== '') command.entity = entity;
      const subject = childText(description, 'subject', CI);
      if (subject !== undefined && subject !== '') command.subject = subject;
      const expiryTime = childText(description, 'expiry-time', MSCI);
      if (expiryTime !== undefined) command.expiryTime = expiryTime;
      const admissionPolicy = childText(description, 'admission-policy', MSCI);
      if (admissionPolicy !== undefined) command.admissionPolicy = admissionPolicy;
      return command;
    }
    case 'addUser': {
      const keys = childElement(element, 'conferenceKeys', CCCP);
      const user = childElement(element, 'user', CI);
      const command: C3pCommand = { name, confEntity: need(keys, 'conferenceKeys', 'confEntity'), userEntity: need(user, 'user', 'entity') };
      const role = user && childElement(user, 'roles', CI);
      const entry = role && childText(role, 'entry', CI);
      if (entry !== undefined) command.role = entry;
      const endpoint = user && childElement(user, 'endpoint', CI);
      if (endpoint) {
        command.endpointEntity = need(endpoint, 'endpoint', 'entity');
        const joiningMethod = childText(endpoint, 'joining-method', CI);
        if (joiningMethod !== undefined) command.joiningMethod = joiningMethod;
        const clientInfo = childElement(endpoint, 'clientInfo', MSCI);
        if (clientInfo) {
          const info: C3pClientInfo = {};
          const lobby = childText(clientInfo, 'lobby-capable', CONFERENCE_NS.msci2);
          if (lobby !== undefined) info.lobbyCapable = lobby === 'true';
          command.clientInfo = info;
        }
      }
      return command;
    }
    case 'deleteUser': {
      const keys = childElement(element, 'userKeys', CCCP);
      return { name, confEntity: need(keys, 'userKeys', 'confEntity'), userEntity: need(keys, 'userKeys', 'userEntity') };
    }
    case 'modifyUserRoles': {
      const keys = childElement(element, 'userKeys', CCCP);
      const roles = childElement(element, 'user-roles', CI);
      if (roles === undefined) throw new C3pParseError('invalid-command', 'modifyUserRoles: missing user-roles', { envelope: hint });
      return {
        name,
        confEntity: need(keys, 'userKeys', 'confEntity'),
        userEntity: need(keys, 'userKeys', 'userEntity'),
        roles: childElements(roles, 'entry', CI).map((entry) => entry.text),
      };
    }
    case 'modifyConferenceLock': {
      const keys = childElement(element, 'conferenceKeys', CCCP);
      const locked = childText(element, 'locked', CCCP);
      if (locked !== 'true' && locked !== 'false') {
        throw new C3pParseError('invalid-command', `modifyConferenceLock: <locked> must be true or false, got ${locked === undefined ? 'nothing' : `"${locked}"`}`, { envelope: hint });
      }
      return { name, confEntity: need(keys, 'conferenceKeys', 'confEntity'), locked: locked === 'true' };
    }
    case 'getConference': {
      const keys = childElement(element, 'conferenceKeys', CCCP);
      const command: C3pCommand = { name };
      const confEntity = keys && attributeValue(keys, 'confEntity');
      const conferenceId = keys && attributeValue(keys, 'conference-id', MSCI);
      if (confEntity) command.confEntity = confEntity;
      if (conferenceId) command.conferenceId = conferenceId;
      if (command.confEntity === undefined && command.conferenceId === undefined) {
        throw new C3pParseError('invalid-command', 'getConference: conferenceKeys needs @confEntity or @msci:conference-id', { envelope: hint });
      }
      return command;
    }
    case 'deleteConference': {
      const keys = childElement(element, 'conferenceKeys', CCCP);
      return { name, confEntity: need(keys, 'conferenceKeys', 'confEntity') };
    }
    case 'getConferencingCapabilities':
    case 'getAvailableMcuTypes':
      return { name };
    case 'modifyConference':
      return readModifyConference(element, hint);
  }
}

/** MS-CONFBAS 4.4.10: `mscp:mcuUri`, then a partial conference-info naming what changes. */
function readModifyConference(element: XmlElement, hint: C3pEnvelopeHint): C3pModifyConference {
  const info = childElement(element, 'conference-info', CI);
  const entity = info && attributeValue(info, 'entity');
  if (info === undefined || entity === undefined || entity === '') {
    throw new C3pParseError('invalid-command', 'modifyConference: missing conference-info@entity', { envelope: hint });
  }
  const command: C3pModifyConference = { name: 'modifyConference', confEntity: entity };
  const mcuUri = attributeValue(element, 'mcuUri', CONFERENCE_NS.mscp);
  if (mcuUri !== undefined && mcuUri !== '') command.mcuUri = mcuUri;
  const description = childElement(info, 'conference-description', CI);
  if (description) {
    const subject = childText(description, 'subject', CI);
    if (subject !== undefined) command.subject = subject;
    const displayText = childText(description, 'display-text', CI);
    if (displayText !== undefined) command.displayText = displayText;
  }
  const extensions = info.children.filter((child) => child !== description);
  if (extensions.length > 0) command.extensions = extensions;
  if (command.subject === undefined && command.displayText === undefined && extensions.length === 0) {
    throw new C3pParseError('invalid-command', 'modifyConference: the partial conference-info changes nothing', { envelope: hint });
  }
  return command;
}
