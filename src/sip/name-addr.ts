/**
 * name-addr / addr-spec values: From, To, Contact, Route, Record-Route, Refer-To (RFC 3261 §20.10, §25.1).
 */
import { endOfQuoted, formatParams, parseParams, quote, unquote, type Params } from './params.js';
import { headerValueError } from './sip-parse-error.js';

/**
 * A parsed name-addr.
 *
 * @remarks `uri` is the URI text exactly as written (parse it with `parseUri` when needed);
 * `params` are the header parameters after the URI (`tag`, `epid`, `expires`, `+sip.instance`…).
 */
export interface NameAddr {
  /** The display name without quotes or escapes. */
  displayName?: string;
  uri: string;
  params: Params;
}

/** Parses one name-addr or bare addr-spec (not a comma-separated list: split with `getValues`). */
export function parseNameAddr(text: string): NameAddr {
  const value = text.trim();
  if (value.length === 0) throw headerValueError('bad-name-addr', 'empty name-addr', text);
  let i = 0;
  let displayName: string | undefined;
  if (value.charCodeAt(0) === 0x22 /* " */) {
    const end = endOfQuoted(value, 0);
    if (end < 0) throw headerValueError('bad-name-addr', 'unterminated display name', text);
    displayName = unquote(value.slice(0, end));
    i = end;
    while (i < value.length && (value[i] === ' ' || value[i] === '\t')) i++;
    if (value[i] !== '<') throw headerValueError('bad-name-addr', 'display name not followed by <URI>', text);
  }
  const lt = value.indexOf('<', i);
  if (lt >= 0) {
    if (displayName === undefined) {
      const name = value.slice(0, lt).trim();
      if (name.length > 0) {
        // RFC 3261 §25.1: an unquoted display name is *(token LWS); commas and the like need quotes.
        if (/[^A-Za-z0-9.!%*_+`'~\- \t\u0080-\uffff]/.test(name)) throw headerValueError('bad-name-addr', 'unquoted display name with non-token characters', text);
        displayName = name;
      }
    }
    const gt = value.indexOf('>', lt + 1);
    if (gt < 0) throw headerValueError('bad-name-addr', 'missing >', text);
    // RFC 3261 §25.1: LAQUOT = SWS "<" and RAQUOT = ">" SWS, so no whitespace inside the brackets.
    const uri = value.slice(lt + 1, gt);
    if (uri.indexOf(':') <= 0 || /[\s<"]/.test(uri)) throw headerValueError('bad-name-addr', 'bad URI in <>', text);
    const rest = value.slice(gt + 1).trim();
    if (rest.length > 0 && rest.charCodeAt(0) !== 0x3b) throw headerValueError('bad-name-addr', 'junk after >', text);
    const result: NameAddr = { uri, params: parseParams(rest) };
    if (displayName !== undefined) result.displayName = displayName;
    return result;
  }
  // addr-spec without <>: parameters after the first ';' belong to the header (RFC 3261 §20.10).
  const semi = value.indexOf(';');
  const uri = (semi >= 0 ? value.slice(0, semi) : value).trim();
  if (uri.indexOf(':') <= 0 || /[\s<>"]/.test(uri)) throw headerValueError('bad-name-addr', 'bad addr-spec', text);
  // RFC 3261 §20.10: a URI holding a comma, question mark or semicolon MUST be in <>.
  if (uri.indexOf('?') >= 0) throw headerValueError('bad-name-addr', 'addr-spec with ? must be enclosed in <>', text);
  return { uri, params: semi >= 0 ? parseParams(value.slice(semi)) : new Map() };
}

/** Writes a name-addr, always with `<…>`; the display name is quoted. */
export function formatNameAddr(value: NameAddr): string {
  const name = value.displayName !== undefined && value.displayName.length > 0 ? `${quote(value.displayName)} ` : '';
  return `${name}<${value.uri}>${formatParams(value.params)}`;
}
