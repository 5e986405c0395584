/**
 * Appends TLS key-log lines to an SSLKEYLOGFILE (the NSS key log format Wireshark reads).
 */
import { appendFileSync } from 'node:fs';

/**
 * Returns a `keyLog` callback for `connect()`/`listen()` that appends each line to `path`
 * (created with mode 0600: the file decrypts every captured session).
 */
export function keyLogFileWriter(path: string): (line: string) => void {
  return (line) => appendFileSync(path, `${line}\n`, { mode: 0o600 });
}
