import type { ConferenceInfoDocument } from './conference-info-document.js';
import { conferenceInfoToTree } from './conference-info-tree.js';
import { CONFERENCE_NS } from './namespaces.js';
import { namespaceDeclarations } from './xml-builder.js';
import { serializeXml, type SerializeXmlOptions } from './serialize-xml.js';

/**
 * Writes a conference-info document (`application/conference-info+xml`) as a roster BENOTIFY body.
 *
 * @remarks Same shape as the seed's msgs 12 and 16: core elements in the default namespace, the MS
 * extension prefixes declared on the root. Full, partial and deleted documents come from the states in
 * the model (RFC 4575 §4.6; brief §5.3).
 */
export function renderConferenceInfo(document: ConferenceInfoDocument, options: SerializeXmlOptions = {}): string {
  const root = conferenceInfoToTree(document, '');
  const declarations = namespaceDeclarations(['msacp', 'msav', 'msci', 'msdata', 'msim', 'ci', 'cis']);
  const head = [
    { ns: CONFERENCE_NS.xmlns, prefix: '', local: 'xmlns', value: CONFERENCE_NS.ci },
    ...Object.entries(declarations).map(([name, value]) => ({
      ns: CONFERENCE_NS.xmlns,
      prefix: 'xmlns',
      local: name.slice('xmlns:'.length),
      value: value ?? '',
    })),
  ];
  return serializeXml({ ...root, attributes: [...head, ...root.attributes] }, options);
}
