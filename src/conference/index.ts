/**
 * The conference layer: C3P codec, conference-info documents and the roster model.
 *
 * Pure code (no I/O); depends only on fast-xml-parser and src/errors.ts.
 */
export * from './namespaces.js';
export type { XmlAttribute, XmlElement } from './xml-element.js';
export { attributeValue, childElement, childElements, childText, cloneElement, isElement, qualifiedName } from './xml-element.js';
export { parseXml } from './parse-xml.js';
export { serializeXml, escapeXmlAttribute, escapeXmlText, type SerializeXmlOptions } from './serialize-xml.js';
export * from './c3p-command.js';
export type * from './c3p-request.js';
export type * from './c3p-response.js';
export { C3pParseError, type C3pFault, type C3pEnvelopeHint } from './c3p-parse-error.js';
export { buildC3pRequest } from './build-c3p-request.js';
export { parseC3pRequest } from './parse-c3p-request.js';
export { buildC3pResponse } from './build-c3p-response.js';
export { parseC3pResponse } from './parse-c3p-response.js';
export type * from './conference-info-document.js';
export { renderConferenceInfo } from './render-conference-info.js';
export { parseConferenceInfo, conferenceInfoFromTree, type ParsedConferenceInfo } from './parse-conference-info.js';
export { readConferenceInfo } from './read-conference-info.js';
export type * from './roster-update.js';
export { Roster, ROSTER_UPDATED_CHANNEL, type RosterOptions, type RosterInput, type RosterUpdatedMessage } from './roster.js';
