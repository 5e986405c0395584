/**
 * A copy of a string that does not keep the message it was cut from alive.
 *
 * @remarks V8 may represent a substring as a slice that retains its parent string; conference
 * state outlives the requests it was read from, so long-lived fields are stored detached.
 */
export function detached(value: string): string;
export function detached(value: string | undefined): string | undefined;
export function detached(value: string | undefined): string | undefined {
  return value === undefined ? undefined : Buffer.from(value, 'utf8').toString('utf8');
}
