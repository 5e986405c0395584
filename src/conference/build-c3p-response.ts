import { FocusHarnessError } from '../errors.js';
import { c3pDocument, cccp, plainAttributes } from './c3p-envelope.js';
import type { C3pResponseInit, C3pResponsePayloads } from './c3p-response.js';
import { conferenceInfoToTree, confUriEntryTree, coreElementFactory } from './conference-info-tree.js';
import { optionalText } from './xml-builder.js';
import type { XmlElement } from './xml-element.js';

const ci = coreElementFactory('ci');

/**
 * Writes a C3P response body (`application/cccp+xml`).
 *
 * @remarks MS-CONFPRO 2.2.3: root `response` echoing `requestId`, `from` = the request's `to`,
 * `to` = the request's `from`, `code` success | failure; one child named like the command carrying
 * the failure `reason`. Payload shapes: brief §4.11 table, MS-CONFBAS 2.2.3.4 (addUser),
 * 2.2.3.14 (deleteConference), seed msg 14 (deleteUser), MS-CONFPRO 2.2.3.8 (capabilities) and 4.7
 * (getAvailableMcuTypes); modifyConference (MS-CONFBAS 4.4.10) carries nothing.
 * @throws FocusHarnessError `FH_C3P` when a success response lacks its payload.
 */
export function buildC3pResponse(init: C3pResponseInit): string {
  const children = init.payload === undefined ? [] : payloadChildren(init as PayloadInit);
  if (init.code === 'success' && init.payload === undefined && needsPayload(init.command)) {
    throw new FocusHarnessError('FH_C3P', `a success response to ${init.command} needs its payload`);
  }
  const command = cccp(init.command, plainAttributes({ reason: init.reason }), children);
  return c3pDocument(
    'response',
    { requestId: String(init.requestId), C3PVersion: init.c3pVersion ?? '1', from: init.from, to: init.to, code: init.code },
    command,
  );
}

type PayloadInit = { [N in keyof C3pResponsePayloads]: { command: N; payload: C3pResponsePayloads[N] } }[keyof C3pResponsePayloads];

function needsPayload(command: string): boolean {
  return ['addConference', 'addUser', 'getConference', 'getConferencingCapabilities', 'getAvailableMcuTypes'].includes(command);
}

function payloadChildren(init: PayloadInit): XmlElement[] {
  switch (init.command) {
    case 'addConference': {
      const { focusUri, conferenceId, confUris } = init.payload;
      const description =
        conferenceId === undefined && confUris === undefined
          ? undefined
          : ci('conference-description', {}, [
              confUris && ci('conf-uris', {}, confUris.map((entry) => confUriEntryTree(entry, ci))),
              optionalText('msci', 'conference-id', conferenceId),
            ]);
      return [ci('conference-info', { entity: focusUri }, [description])];
    }
    case 'addUser': {
      const { confEntity, userEntity, grantedRoles, endpoint } = init.payload;
      return [
        cccp('conferenceKeys', plainAttributes({ confEntity })),
        ci('user', { entity: userEntity }, [
          ci('roles', {}, grantedRoles.map((role) => ci('entry', {}, role))),
          endpoint &&
            ci('endpoint', { entity: endpoint.entity, 'msci:session-type': endpoint.sessionType }, [
              endpoint.status === undefined ? undefined : ci('status', {}, endpoint.status),
              endpoint.joiningMethod === undefined ? undefined : ci('joining-method', {}, endpoint.joiningMethod),
            ]),
        ]),
      ];
    }
    case 'deleteUser':
      return [cccp('conferenceKeys', plainAttributes({ confEntity: init.payload.confEntity })), ci('user', { entity: init.payload.userEntity })];
    case 'modifyUserRoles':
      return [cccp('userKeys', plainAttributes({ confEntity: init.payload.confEntity, userEntity: init.payload.userEntity }))];
    case 'modifyConferenceLock':
      return [cccp('conferenceKeys', plainAttributes({ confEntity: init.payload.confEntity }))];
    case 'getConference': {
      // The definition is a full document without the notification-only root attributes.
      const tree = conferenceInfoToTree(init.payload.conference, 'ci');
      return [{ ...tree, attributes: tree.attributes.filter((attribute) => attribute.local === 'entity') }];
    }
    case 'deleteConference':
      return [ci('conference-info', { entity: init.payload.focusUri })];
    case 'getConferencingCapabilities':
    case 'getAvailableMcuTypes':
      return [cccp('mcu-types', [], init.payload.mcuTypes.map((type) => cccp('mcuType', [], type)))];
    case 'modifyConference':
      return [];
  }
}

