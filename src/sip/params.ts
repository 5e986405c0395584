/**
 * Generic parameters: `;name=value;flag` (RFC 3261 §25.1 `generic-param`, `uri-parameter`).
 */
import { headerValueError } from './sip-parse-error.js';

/** Parameter names are case-insensitive (RFC 3261 §7.3.1); they are stored lower-cased. */
export type Params = Map<string, string | null>;

/**
 * Parses `;a=b;c;d="x;y"` (a leading `;` is optional) into a map of lower-cased names.
 *
 * @remarks Quoted values keep their quotes so `formatParams` writes them back unchanged.
 */
export function parseParams(text: string): Params {
  const params: Params = new Map();
  readParams(text, 0, params);
  return params;
}

/**
 * `*( SEMI name [ EQUAL value ] )` up to the end of the text, with the same character rules as
 * the loop in `readParams` (a pattern source).
 */
export const PARAMS_TO_END = String.raw`(?:[ \t\r\n]*;[ \t\r\n]*[^;=\s]+(?:[ \t\r\n]*=[ \t\r\n]*(?:"(?:[^"\\]|\\.)*"|[^;\s"][^;\s]*))?)*[ \t\r\n]*$`;

const PARAMS = new RegExp(PARAMS_TO_END, 'y');

/**
 * A subset of `PARAMS_TO_END` for the common-shape checks: names and values of printable ASCII
 * with SP/HT around the separators. Narrow character ranges match much faster than the negated
 * `\s` classes; whatever this matches `PARAMS_TO_END` matches too.
 */
export const ASCII_PARAMS_TO_END = String.raw`(?:[ \t]*;[ \t]*[\x21-\x3a\x3c\x3e-\x7e]+(?:[ \t]*=[ \t]*(?:"(?:[^"\\]|\\.)*"|[\x21\x23-\x3a\x3c-\x7e][\x21-\x3a\x3c-\x7e]*))?)*[ \t]*$`;

/**
 * Reads parameters from `text[from…]` into `into`; with `into` undefined only checks the syntax
 * (no allocation: the strict parser validates every message this way).
 * @throws SipParseError (fault `bad-params`).
 */
export function readParams(text: string, from: number, into: Params | undefined): void {
  if (into === undefined) {
    // Syntax only: one native regex pass is faster than the loop below (same grammar).
    PARAMS.lastIndex = from;
    if (!PARAMS.test(text)) throw headerValueError('bad-params', 'bad parameters', text);
    return;
  }
  const n = text.length;
  let i = skipWsp(text, from);
  if (i < n && text.charCodeAt(i) !== 0x3b /* ; */) {
    throw headerValueError('bad-params', 'parameters must start with ;', text);
  }
  while (i < n) {
    // Each round stands on a ';' (RFC 3261 §25.1: SEMI = SWS ";" SWS).
    i = skipWsp(text, i + 1);
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x3d /* = */ || c === 0x3b || c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
      j++;
    }
    if (j === i) throw headerValueError('bad-params', 'empty parameter', text);
    const nameStart = i;
    const nameEnd = j;
    j = skipWsp(text, j);
    if (j < n && text.charCodeAt(j) === 0x3d) {
      j = skipWsp(text, j + 1);
      const start = j;
      if (j < n && text.charCodeAt(j) === 0x22 /* " */) {
        j = endOfQuoted(text, j);
        if (j < 0) throw headerValueError('bad-params', 'unterminated quoted parameter value', text);
      } else {
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 0x3b || c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
          j++;
        }
      }
      if (j === start) throw headerValueError('bad-params', 'empty parameter value', text);
      into?.set(text.slice(nameStart, nameEnd).toLowerCase(), text.slice(start, j));
      j = skipWsp(text, j);
    } else {
      into?.set(text.slice(nameStart, nameEnd).toLowerCase(), null);
    }
    if (j < n && text.charCodeAt(j) !== 0x3b) throw headerValueError('bad-params', 'junk between parameters', text);
    i = j;
  }
}

function skipWsp(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWsp(text.charCodeAt(i))) i++;
  return i;
}

/** Writes parameters back as `;a=b;c` (empty string for none). */
export function formatParams(params: ReadonlyMap<string, string | null>): string {
  let out = '';
  for (const [name, value] of params) out += value === null ? `;${name}` : `;${name}=${value}`;
  return out;
}

/** Removes surrounding quotes and `\` escapes from a quoted-string (RFC 3261 §25.1). */
export function unquote(value: string): string {
  if (value.length < 2 || value.charCodeAt(0) !== 0x22 || value.charCodeAt(value.length - 1) !== 0x22) {
    return value;
  }
  return value.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** Quotes a string, escaping `"` and `\`. */
export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Returns the index just past the closing quote of the quoted-string at `start`, or -1. */
export function endOfQuoted(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i + 1;
  }
  return -1;
}

export function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}
