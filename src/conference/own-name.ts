/**
 * One shared copy of the XML names and common text values kept in local roster state.
 *
 * @remarks Every element of a merged roster carries its namespace URI, local name and prefix, and
 * many carry the same few texts (`connected`, `dialed-in`, `attendee`, the IM formats list…); as
 * parsed they are views into the document text. The known namespaces and the first names and short
 * texts seen are shared by every roster in the process; past the table's size (a peer inventing
 * names, or one-off values such as conference ids) a value is only copied (`ownString`), so the
 * tables cannot grow without bound.
 */
import { ownString } from '../util/index.js';
import { CONFERENCE_NS } from './namespaces.js';

const MAX_SHARED = 1024;
/** Longer texts are rarely repeated word for word. */
const MAX_SHARED_TEXT_LENGTH = 256;

const names = new Map<string, string>(Object.values(CONFERENCE_NS).map((uri) => [uri, uri]));
const texts = new Map<string, string>();

function shared(table: Map<string, string>, value: string): string {
  const known = table.get(value);
  if (known !== undefined) return known;
  const copy = ownString(value);
  if (table.size < MAX_SHARED) table.set(copy, copy);
  return copy;
}

/** A namespace URI, local name or prefix. */
export function ownName(name: string): string {
  return shared(names, name);
}

/** An element text or attribute value. */
export function ownText(text: string): string {
  return text.length > MAX_SHARED_TEXT_LENGTH ? ownString(text) : shared(texts, text);
}
