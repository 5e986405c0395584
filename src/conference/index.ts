/**
 * The conference layer: C3P codec, conference-info documents and the roster model.
 *
 * Pure code (no I/O); depends only on fast-xml-parser and src/errors.ts.
 *
 * Functions (being implemented; signatures are final):
 * - `buildC3pRequest(init: C3pRequestInit): string`
 * - `parseC3pRequest(xml: string | Buffer): C3pRequest` — throws `FocusHarnessError('FH_C3P')`,
 *   as `C3pParseError` with `reason` and, for an unknown command, `unknownCommand` (answer 3004).
 * - `buildC3pResponse(init: C3pResponseInit): string`
 * - `parseC3pResponse(xml: string | Buffer): C3pResponse`
 * - `renderConferenceInfo(document: ConferenceInfoDocument): string`
 * - `parseConferenceInfo(xml: string | Buffer): ParsedConferenceInfo` ({ tree, entity, state, version,
 *   document(): ConferenceInfoDocument }) — throws `FocusHarnessError('FH_XML')`.
 * - `class Roster` — `apply(xmlOrParsed): RosterUpdate`, `reset()`, `users()`, `has(aor)`, `user(aor)`,
 *   `roles(aor)`, `inChat(aor)`, `chatUri`, `locked`, `version`, `focusUri`, `history`, `document()`.
 */
export * from './namespaces.js';
export type { XmlAttribute, XmlElement } from './xml-element.js';
export { attributeValue, childElement, childElements, childText, cloneElement, isElement, qualifiedName } from './xml-element.js';
export * from './c3p-command.js';
export type * from './c3p-request.js';
export type * from './c3p-response.js';
export type * from './conference-info-document.js';
export type * from './roster-update.js';
