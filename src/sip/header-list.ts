/**
 * An ordered, case-insensitive SIP header list (RFC 3261 §7.3).
 */

/** Compact header forms, RFC 3261 §7.3.3 and the registrations after it. */
const COMPACT_FORMS: Readonly<Record<string, string>> = {
  i: 'call-id',
  f: 'from',
  t: 'to',
  v: 'via',
  l: 'content-length',
  c: 'content-type',
  m: 'contact',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  u: 'allow-events',
  x: 'session-expires',
  y: 'identity',
  a: 'accept-contact',
  j: 'reject-contact',
  d: 'request-disposition',
  n: 'identity-info',
};

/** Lower-cases a header name and expands a compact form to its full name. */
export function canonicalHeaderName(name: string): string {
  const lower = name.toLowerCase();
  return lower.length === 1 ? (COMPACT_FORMS[lower] ?? lower) : lower;
}

export interface HeaderField {
  /** The name as written on the wire (or by the builder). */
  readonly name: string;
  /** Lower-case, compact forms expanded. */
  readonly key: string;
  value: string;
}

export class HeaderList implements Iterable<HeaderField> {
  readonly #fields: HeaderField[] = [];

  constructor(init: Iterable<readonly [string, string]> = []) {
    for (const [name, value] of init) this.append(name, value);
  }

  get size(): number {
    return this.#fields.length;
  }

  [Symbol.iterator](): Iterator<HeaderField> {
    return this.#fields[Symbol.iterator]();
  }

  /** The first value of a header, or `undefined`. */
  get(name: string): string | undefined {
    const key = canonicalHeaderName(name);
    return this.#fields.find((f) => f.key === key)?.value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Every line of a header, in order (not split at commas). */
  getAll(name: string): string[] {
    const key = canonicalHeaderName(name);
    return this.#fields.filter((f) => f.key === key).map((f) => f.value);
  }

  /**
   * Every value of a header, with comma-separated lines split (RFC 3261 §7.3.1),
   * honouring quoted strings and angle brackets.
   */
  getValues(name: string): string[] {
    return this.getAll(name).flatMap(splitHeaderValues);
  }

  append(name: string, value: string): this {
    this.#fields.push({ name, key: canonicalHeaderName(name), value });
    return this;
  }

  /**
   * Appends and returns the new field (the parser extends its value for folded lines).
   * @param key `canonicalHeaderName(name)` when the caller already has it.
   */
  appendField(name: string, value: string, key: string = canonicalHeaderName(name)): HeaderField {
    const field = { name, key, value };
    this.#fields.push(field);
    return field;
  }

  /** Adds a header before every other (a proxy's Via or Record-Route). */
  prepend(name: string, value: string): this {
    this.#fields.unshift({ name, key: canonicalHeaderName(name), value });
    return this;
  }

  /** Replaces the first occurrence's value (keeping its place) and removes the others; appends when absent. */
  set(name: string, value: string): this {
    const key = canonicalHeaderName(name);
    const index = this.#fields.findIndex((f) => f.key === key);
    if (index < 0) return this.append(name, value);
    const first = this.#fields[index] as HeaderField;
    first.value = value;
    for (let i = this.#fields.length - 1; i > index; i--) {
      if (this.#fields[i]?.key === key) this.#fields.splice(i, 1);
    }
    return this;
  }

  delete(name: string): this {
    const key = canonicalHeaderName(name);
    for (let i = this.#fields.length - 1; i >= 0; i--) {
      if (this.#fields[i]?.key === key) this.#fields.splice(i, 1);
    }
    return this;
  }

  clone(): HeaderList {
    return new HeaderList(this.#fields.map((f) => [f.name, f.value] as const));
  }

  toJSON(): [string, string][] {
    return this.#fields.map((f) => [f.name, f.value]);
  }
}

/** Splits a header line at top-level commas (outside quotes and `<…>`). */
export function splitHeaderValues(line: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (quoted) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) quoted = false;
    } else if (ch === 0x22) quoted = true;
    else if (ch === 0x3c /* < */) depth++;
    else if (ch === 0x3e /* > */) depth = Math.max(0, depth - 1);
    else if (ch === 0x2c /* , */ && depth === 0) {
      values.push(line.slice(start, i).trim());
      start = i + 1;
    }
  }
  values.push(line.slice(start).trim());
  return values.filter((v) => v.length > 0);
}
