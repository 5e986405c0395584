import { readC3pEnvelope } from './c3p-envelope.js';
import { C3pParseError } from './c3p-parse-error.js';
import type { C3pResponse } from './c3p-response.js';
import { CONFERENCE_NS } from './namespaces.js';
import { readConferenceInfo, readConfUriEntry } from './read-conference-info.js';
import { attributeValue, childElement, childElements, type XmlElement } from './xml-element.js';

const CI = CONFERENCE_NS.ci;
const CCCP = CONFERENCE_NS.cccp;

/**
 * Parses a C3P response body into its envelope plus the fields each command carries.
 *
 * @remarks MS-CONFPRO 2.2.3; the command child is read generically (any command name is accepted, so a
 * failure for an unknown command still parses). `reason` is read from the command element, or from
 * the root for producers that put it there.
 * @throws C3pParseError (`FH_C3P`) for malformed XML, a root other than `response`, missing
 * `requestId` / `from` / `to` / `code`, a `code` other than success | failure, or not exactly one child.
 */
export function parseC3pResponse(xml: string | Buffer): C3pResponse {
  const { root, command, hint } = readC3pEnvelope(xml, 'response', ['requestId', 'from', 'to', 'code']);
  const code = attributeValue(root, 'code');
  if (code !== 'success' && code !== 'failure') {
    throw new C3pParseError('invalid-attribute', `response@code is "${code ?? ''}", expected success or failure`, { envelope: hint });
  }
  const response: C3pResponse = {
    requestId: attributeValue(root, 'requestId') ?? '',
    from: attributeValue(root, 'from') ?? '',
    to: attributeValue(root, 'to') ?? '',
    code,
    command: command.local,
    raw: root,
  };
  const reason = attributeValue(command, 'reason') ?? attributeValue(root, 'reason');
  if (reason !== undefined) response.reason = reason;
  const version = attributeValue(root, 'C3PVersion');
  if (version !== undefined) response.c3pVersion = version;
  readPayload(command, response);
  return response;
}

function readPayload(command: XmlElement, response: C3pResponse): void {
  const keys = childElement(command, 'conferenceKeys', CCCP) ?? childElement(command, 'userKeys', CCCP);
  const confEntity = keys && attributeValue(keys, 'confEntity');
  if (confEntity !== undefined) response.confEntity = confEntity;
  const keyUser = keys && attributeValue(keys, 'userEntity');
  if (keyUser !== undefined) response.userEntity = keyUser;

  const user = childElement(command, 'user', CI);
  if (user) {
    const entity = attributeValue(user, 'entity');
    if (entity !== undefined) response.userEntity = entity;
    const roles = childElement(user, 'roles', CI);
    if (roles) response.grantedRoles = childElements(roles, 'entry', CI).map((entry) => entry.text);
    const endpoint = childElement(user, 'endpoint', CI);
    const endpointEntity = endpoint && attributeValue(endpoint, 'entity');
    if (endpointEntity !== undefined) response.endpointEntity = endpointEntity;
  }

  const info = childElement(command, 'conference-info', CI);
  if (info) {
    const entity = attributeValue(info, 'entity');
    if (entity !== undefined && entity !== '') response.focusUri = entity;
    const confUris = childElement(info, 'conference-description', CI);
    const uris = confUris && childElement(confUris, 'conf-uris', CI);
    if (uris) response.confUris = childElements(uris, 'entry', CI).map(readConfUriEntry);
    if (command.local === 'getConference') response.conference = readConferenceInfo(info);
  }

  const mcuTypes = childElement(command, 'mcu-types', CCCP);
  if (mcuTypes) response.mcuTypes = childElements(mcuTypes, 'mcuType', CCCP).map((type) => type.text);
}
