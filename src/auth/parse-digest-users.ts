/**
 * The users file of a lab server that requires Digest (`focus-harness lab --auth digest --users FILE`):
 * one `username:password` per line (both trimmed; the password may contain colons); blank lines and
 * `#` comments are ignored.
 */
import { FocusHarnessError } from '../errors.js';

/** username → password; `FH_USAGE` naming `where:line` for a line without a colon or a repeated user. */
export function parseDigestUsers(text: string, where = 'users file'): Map<string, string> {
  const users = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const username = colon < 0 ? '' : line.slice(0, colon).trim();
    if (username === '' || colon === line.length - 1) {
      throw new FocusHarnessError('FH_USAGE', `${where}:${index + 1}: expected username:password`, { where: `${where}:${index + 1}` });
    }
    if (users.has(username)) {
      throw new FocusHarnessError('FH_USAGE', `${where}:${index + 1}: user "${username}" is listed twice`, { where: `${where}:${index + 1}` });
    }
    users.set(username, line.slice(colon + 1).trim());
  });
  return users;
}
