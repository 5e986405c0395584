/**
 * XML text helpers for the JUnit and HTML renderers.
 *
 * @remarks XML 1.0 §2.2 allows only #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]; a raw SIP body can carry anything, so the rest is stripped before escaping
 * (vitest's JUnit reporter does the same).
 */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANSI = /\u001b\[[0-9;]*m/g;

/** Removes characters XML 1.0 cannot carry (and ANSI colour codes). */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(ANSI, '').replace(INVALID_XML_CHARS, '');
}

/** Escapes text for an element body or a double-quoted attribute, after stripping invalid chars. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Escapes an attribute value, keeping line breaks as character references. */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;');
}
