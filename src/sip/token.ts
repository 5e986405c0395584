/**
 * Character classes of RFC 3261 §25.1, as lookup tables.
 */
const TOKEN = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`\'~') TOKEN[ch.charCodeAt(0)] = 1;

const HOST = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%') HOST[ch.charCodeAt(0)] = 1;

/** One or more `token` characters, as a regular-expression pattern source. */
export const TOKEN_PATTERN = "[A-Za-z0-9.!%*_+`'~-]+";

/** One or more host-name characters (the `HOST` table), as a regular-expression pattern source. */
export const HOST_NAME_PATTERN = '[A-Za-z0-9._~%-]+';

/** `token` characters: alphanumerics and `-.!%*_+`'~`. */
export function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN[c] === 1;
}

/** True when `text` is a non-empty token. */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return true;
}

/** Characters of a host name or IPv4 address (plus `%`/`~`/`_` seen in the wild). */
export function isHostChar(c: number): boolean {
  return c < 128 && HOST[c] === 1;
}

/** The value of `text[from, to)` when it is 1 to 10 decimal digits (`/^\d{1,10}$/`), else -1. */
export function decimalValue(text: string, from = 0, to = text.length): number {
  const n = to - from;
  if (n <= 0 || n > 10) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + (c - 0x30);
  }
  return value;
}
