import { FocusHarnessError } from '../errors.js';
import type { ConferenceInfoDocument, ElementState } from './conference-info-document.js';
import { elementState } from './element-state.js';
import { CONFERENCE_NS } from './namespaces.js';
import { parseXml } from './parse-xml.js';
import { readConferenceInfo } from './read-conference-info.js';
import { attributeValue, isElement, type XmlElement } from './xml-element.js';

/** A parsed conference-info document: the generic tree (unknown elements kept) plus typed accessors. */
export interface ParsedConferenceInfo {
  /** The `conference-info` element. */
  readonly tree: XmlElement;
  /** Root `entity` (the focus URI). */
  readonly entity: string;
  /** Root `state`; `full` when omitted (RFC 4575 §5.1). */
  readonly state: ElementState;
  /** Root `version`; `undefined` when absent or not an unsigned integer. */
  readonly version: number | undefined;
  /** The typed model of the document (computed on each call). */
  document(): ConferenceInfoDocument;
}

/**
 * Parses an `application/conference-info+xml` body.
 *
 * @throws FocusHarnessError `FH_XML` for text that is not well-formed, a root other than
 * `conference-info`, or an invalid root `state`.
 */
export function parseConferenceInfo(xml: string | Buffer): ParsedConferenceInfo {
  return conferenceInfoFromTree(parseXml(xml));
}

/** Wraps an already parsed `conference-info` element. */
export function conferenceInfoFromTree(tree: XmlElement): ParsedConferenceInfo {
  if (!isElement(tree, 'conference-info', CONFERENCE_NS.ci)) {
    throw new FocusHarnessError('FH_XML', `root element is <${tree.local}>, expected <conference-info>`);
  }
  const versionText = attributeValue(tree, 'version');
  const version = versionText !== undefined && /^\d+$/.test(versionText) ? Number(versionText) : undefined;
  const state = elementState(tree) ?? 'full';
  return {
    tree,
    entity: attributeValue(tree, 'entity') ?? '',
    state,
    version,
    document: () => readConferenceInfo(tree),
  };
}
