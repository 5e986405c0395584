import { cccp, plainAttributes } from './c3p-envelope.js';
import type { C3pAddConference, C3pAddUser, C3pCommand, C3pModifyConference } from './c3p-command.js';
import { coreElementFactory } from './conference-info-tree.js';
import { build, optionalText } from './xml-builder.js';
import type { XmlElement } from './xml-element.js';

const ci = coreElementFactory('ci');
/** RFC 4575 core elements in the conference-info default namespace (modifyConference's partial document). */
const core = coreElementFactory('');

/**
 * The command element of a C3P request (the single child of `request`).
 *
 * @remarks Shapes per brief §4.2 (addConference), §4.4 (addUser, MS-CONFBAS 2.2.3.3), §4.11 table and
 * seed msg 1 (deleteUser). Envelope-namespace elements are unprefixed, conference-info ones `ci:`.
 */
export function commandElement(command: C3pCommand): XmlElement {
  switch (command.name) {
    case 'addConference':
      return cccp('addConference', [], [addConferenceInfo(command)]);
    case 'addUser':
      return cccp('addUser', [], [cccp('conferenceKeys', plainAttributes({ confEntity: command.confEntity })), addUserElement(command)]);
    case 'deleteUser':
      return cccp('deleteUser', [], [cccp('userKeys', plainAttributes({ confEntity: command.confEntity, userEntity: command.userEntity }))]);
    case 'modifyUserRoles': {
      // brief §4.11: user-roles is written in the conference-info default namespace, entries unprefixed.
      const entries = command.roles.map((role) => core('entry', {}, role));
      return cccp('modifyUserRoles', [], [
        cccp('userKeys', plainAttributes({ confEntity: command.confEntity, userEntity: command.userEntity })),
        core('user-roles', {}, entries),
      ]);
    }
    case 'modifyConferenceLock':
      return cccp('modifyConferenceLock', [], [
        cccp('conferenceKeys', plainAttributes({ confEntity: command.confEntity })),
        cccp('locked', [], String(command.locked)),
      ]);
    case 'getConference':
      return cccp('getConference', [], [
        cccp('conferenceKeys', plainAttributes({ confEntity: command.confEntity, 'msci:conference-id': command.conferenceId })),
      ]);
    case 'deleteConference':
      return cccp('deleteConference', [], [cccp('conferenceKeys', plainAttributes({ confEntity: command.confEntity }))]);
    case 'getConferencingCapabilities':
      return cccp('getConferencingCapabilities');
    case 'modifyConference':
      return cccp('modifyConference', plainAttributes({ 'mscp:mcuUri': command.mcuUri }), [modifyConferenceInfo(command)]);
    case 'getAvailableMcuTypes':
      // MS-CONFPRO 2.2.2.7: the element has no children (and no server-mode attribute).
      return cccp('getAvailableMcuTypes');
  }
}

/**
 * MS-CONFBAS 4.4.10: the partial conference-info of modifyConference, written as the example does —
 * in the conference-info default namespace, `state="partial"` on the root and on the changed container.
 */
function modifyConferenceInfo(command: C3pModifyConference): XmlElement {
  const changesDescription = command.subject !== undefined || command.displayText !== undefined;
  return core('conference-info', { entity: command.confEntity, state: 'partial' }, [
    changesDescription
      ? core('conference-description', { state: 'partial' }, [
          command.displayText === undefined ? undefined : core('display-text', {}, command.displayText),
          command.subject === undefined ? undefined : core('subject', {}, command.subject),
        ])
      : undefined,
    ...(command.extensions ?? []),
  ]);
}

function addConferenceInfo(command: C3pAddConference): XmlElement {
  // brief §4.2: entity empty so the factory assigns the focus URI; one entity-view per MCU type.
  return ci('conference-info', { entity: command.entity ?? '' }, [
    ci('conference-description', {}, [
      ci('subject', {}, command.subject ?? ''),
      optionalText('msci', 'conference-id', command.conferenceId),
      optionalText('msci', 'expiry-time', command.expiryTime),
      optionalText('msci', 'admission-policy', command.admissionPolicy),
    ]),
    build('msci', 'conference-view', {}, command.entityViews.map((entity) => build('msci', 'entity-view', { entity }))),
  ]);
}

function addUserElement(command: C3pAddUser): XmlElement {
  const clientInfo = command.clientInfo;
  const endpoint =
    command.endpointEntity === undefined
      ? undefined
      : ci('endpoint', { entity: command.endpointEntity }, [
          command.joiningMethod === undefined ? undefined : ci('joining-method', {}, command.joiningMethod),
          clientInfo &&
            build('msci', 'clientInfo', {}, [
              build('cis', 'separator'),
              clientInfo.lobbyCapable === undefined ? undefined : build('msci2', 'lobby-capable', {}, String(clientInfo.lobbyCapable)),
            ]),
        ]);
  return ci('user', { entity: command.userEntity }, [
    command.role === undefined ? undefined : ci('roles', {}, [ci('entry', {}, command.role)]),
    endpoint,
  ]);
}
