/**
 * One shared copy of each XML name and namespace URI kept in local state.
 *
 * @remarks Every element of a roster carries its namespace URI, local name and prefix; as parsed they
 * are views into the document text. The known namespaces and the first names seen are shared by
 * every roster in the process; past {@link MAX_SHARED_NAMES} (a peer inventing names) each one is
 * only copied (`ownString`), so the table cannot grow without bound.
 */
import { ownString } from '../util/index.js';
import { CONFERENCE_NS } from './namespaces.js';

const MAX_SHARED_NAMES = 1024;

const shared = new Map<string, string>(Object.values(CONFERENCE_NS).map((uri) => [uri, uri]));

export function ownName(name: string): string {
  const known = shared.get(name);
  if (known !== undefined) return known;
  const copy = ownString(name);
  if (shared.size < MAX_SHARED_NAMES) shared.set(copy, copy);
  return copy;
}
