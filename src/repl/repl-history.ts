/**
 * History kept between sessions: one command per line in a plain file (newest last), loaded into
 * the REPL's readline history at start and appended as each line is entered.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Lines kept in the file and in memory. */
export const HISTORY_SIZE = 1000;

export function defaultHistoryPath(): string {
  return join(homedir(), '.focus-harness_history');
}

/** Oldest first; a missing file is an empty history. Trims the file when it grew past the limit. */
export function loadHistory(path: string, size = HISTORY_SIZE): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > size) {
    const kept = lines.slice(-size);
    writeFileSync(path, `${kept.join('\n')}\n`);
    return kept;
  }
  return lines;
}

export class ReplHistory {
  readonly path: string;
  #last: string | undefined;

  constructor(path: string, last?: string) {
    this.path = path;
    this.#last = last;
  }

  /** Appends `line` unless it is blank or repeats the previous entry. */
  add(line: string): void {
    const entry = line.replace(/[\r\n]+/g, ' ').trim();
    if (entry === '' || entry === this.#last) return;
    this.#last = entry;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${entry}\n`, { mode: 0o600 });
  }
}
