/**
 * A copy of a string that shares no memory with the text it was cut from.
 *
 * @remarks V8 keeps a long `slice` (13 characters or more) as a view into its parent string and a
 * concatenation as a rope of its parts, so one URI kept from a parsed message or XML document keeps
 * the whole message text alive. State that outlives the message it came from — a dialog, the
 * registration, the roster — keeps its own copy (issue 4: endpoints by the tens of thousands, each
 * under 80 KB). A JSON round trip is exact for every string, lone surrogates included, and yields a
 * flat string of its own.
 */
const MIN_SHARED_LENGTH = 13;

export function ownString(text: string): string {
  return text.length < MIN_SHARED_LENGTH ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** {@link ownString} for an optional value. */
export function ownOptionalString(text: string | undefined): string | undefined {
  return text === undefined ? undefined : ownString(text);
}
