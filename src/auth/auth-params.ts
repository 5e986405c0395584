/**
 * The `auth-param` lists of WWW-Authenticate / Authorization (RFC 7235 §2.1, RFC 3261 §25.1
 * `digest-cln`): `Digest realm="x", nonce="y", algorithm=MD5`.
 */
import { FocusHarnessError } from '../errors.js';

/** One parsed credentials or challenge line: the scheme and its lower-cased parameter names. */
export interface AuthParams {
  /** As written (`Digest`); compare case-insensitively. */
  readonly scheme: string;
  /** Values are unquoted; names are lower-cased. */
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Parses `scheme name=value, name="quoted", …`; throws `FH_AUTH` on text that is not an
 * auth-param list (an unterminated quote, a missing `=`).
 */
export function parseAuthParams(value: string): AuthParams {
  const text = value.trim();
  let i = 0;
  while (i < text.length && TOKEN.test(text.charAt(i))) i++;
  const scheme = text.slice(0, i);
  if (scheme.length === 0) throw badParams(value, 'no auth scheme');
  const params = new Map<string, string>();
  while (i < text.length) {
    i = skip(text, i, /[\s,]/);
    if (i >= text.length) break;
    const nameStart = i;
    while (i < text.length && TOKEN.test(text.charAt(i))) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    i = skip(text, i, /\s/);
    if (name.length === 0 || text.charAt(i) !== '=') throw badParams(value, `expected name=value at offset ${nameStart}`);
    i = skip(text, i + 1, /\s/);
    if (text.charAt(i) === '"') {
      let out = '';
      i++;
      for (;;) {
        if (i >= text.length) throw badParams(value, `unterminated quoted value of ${name}`);
        const c = text.charAt(i);
        if (c === '"') break;
        // RFC 7230 §3.2.6 quoted-pair.
        if (c === '\\' && i + 1 < text.length) i++;
        out += text.charAt(i);
        i++;
      }
      params.set(name, out);
      i++;
    } else {
      const start = i;
      while (i < text.length && text.charAt(i) !== ',' && !/\s/.test(text.charAt(i))) i++;
      params.set(name, text.slice(start, i));
    }
    i = skip(text, i, /\s/);
    if (i < text.length && text.charAt(i) !== ',') throw badParams(value, `junk after ${name} at offset ${i}`);
  }
  return { scheme, params };
}

/** A quoted-string with `"` and `\` escaped (RFC 7230 §3.2.6). */
export function quoteAuthValue(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function skip(text: string, from: number, what: RegExp): number {
  let i = from;
  while (i < text.length && what.test(text.charAt(i))) i++;
  return i;
}

function badParams(value: string, why: string): FocusHarnessError {
  return new FocusHarnessError('FH_AUTH', `Malformed authentication header (${why}): ${value}`);
}
