/**
 * name-addr / addr-spec values: From, To, Contact, Route, Record-Route, Refer-To (RFC 3261 §20.10, §25.1).
 */
import { ASCII_PARAMS_TO_END, endOfQuoted, formatParams, quote, readParams, unquote, type Params } from './params.js';
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
  return readNameAddr(text, true) as NameAddr;
}

/** RFC 3261 §25.1: LAQUOT = SWS "<" and RAQUOT = ">" SWS, so no whitespace inside the brackets. */
const URI_IN_BRACKETS_BAD = /[\s<"]/;

/**
 * The usual name-addr, `["name"] <uri>;params` or `name <uri>;params`, as one pattern: whatever it
 * matches `readNameAddr` accepts (the strict parser checks every From, To and Contact, and one
 * native pass is faster than the scan); everything else takes the scan.
 */
const COMMON_NAME_ADDR = new RegExp(
  // The URI in printable ASCII: no space, `"`, `<` or `>`, and a colon after its first character.
  /^(?:"(?:[^"\\]|\\.)*"[ \t]*|[A-Za-z0-9.!%*_+`'~ \t\u0080-\uffff-]*)<[\x21\x23-\x39\x3b\x3d\x3f-\x7e]+:[\x21\x23-\x3b\x3d\x3f-\x7e]*>[ \t]*(?=;|$)/.source + ASCII_PARAMS_TO_END,
);

/** Checks a name-addr's syntax without building it; throws like `parseNameAddr`. */
export function checkNameAddr(text: string): void {
  if (!COMMON_NAME_ADDR.test(text)) readNameAddr(text, false);
}

function paramsOf(text: string, from: number, build: boolean): Params {
  if (!build) {
    readParams(text, from, undefined);
    return NO_PARAMS;
  }
  const params: Params = new Map();
  readParams(text, from, params);
  return params;
}

const NO_PARAMS: Params = new Map();

function readNameAddr(text: string, build: boolean): NameAddr | undefined {
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
    const uri = value.slice(lt + 1, gt);
    if (uri.indexOf(':') <= 0 || URI_IN_BRACKETS_BAD.test(uri)) throw headerValueError('bad-name-addr', 'bad URI in <>', text);
    let r = gt + 1;
    while (r < value.length && (value.charCodeAt(r) === 0x20 || value.charCodeAt(r) === 0x09)) r++;
    if (r < value.length && value.charCodeAt(r) !== 0x3b) throw headerValueError('bad-name-addr', 'junk after >', text);
    const params = paramsOf(value, r, build);
    if (!build) return undefined;
    const result: NameAddr = { uri, params };
    if (displayName !== undefined) result.displayName = displayName;
    return result;
  }
  // addr-spec without <>: parameters after the first ';' belong to the header (RFC 3261 §20.10).
  const semi = value.indexOf(';');
  const uri = (semi >= 0 ? value.slice(0, semi) : value).trim();
  if (uri.indexOf(':') <= 0 || /[\s<>"]/.test(uri)) throw headerValueError('bad-name-addr', 'bad addr-spec', text);
  // RFC 3261 §20.10: a URI holding a comma, question mark or semicolon MUST be in <>.
  if (uri.indexOf('?') >= 0) throw headerValueError('bad-name-addr', 'addr-spec with ? must be enclosed in <>', text);
  const params = semi >= 0 ? paramsOf(value, semi, build) : build ? new Map<string, string | null>() : NO_PARAMS;
  return build ? { uri, params } : undefined;
}

/** Writes a name-addr, always with `<…>`; the display name is quoted. */
export function formatNameAddr(value: NameAddr): string {
  const name = value.displayName !== undefined && value.displayName.length > 0 ? `${quote(value.displayName)} ` : '';
  return `${name}<${value.uri}>${formatParams(value.params)}`;
}
