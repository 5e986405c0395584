import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplHistory, loadHistory } from '../../src/repl/index.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fh-repl-history-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('REPL history file', () => {
  it('is empty when the file does not exist yet, and created on the first line', () => {
    const path = join(tempDir(), 'sub', 'history');
    expect(loadHistory(path)).toEqual([]);
    const history = new ReplHistory(path);
    history.add('await alice.register()');
    expect(readFileSync(path, 'utf8')).toBe('await alice.register()\n');
  });

  it('skips blank lines and immediate repeats, flattens multi-line input', () => {
    const path = join(tempDir(), 'history');
    const history = new ReplHistory(path);
    for (const line of ['a', 'a', '  ', 'b', 'a', 'x\ny']) history.add(line);
    expect(loadHistory(path)).toEqual(['a', 'b', 'a', 'x y']);
  });

  it('continues after the last entry of an earlier session without repeating it', () => {
    const path = join(tempDir(), 'history');
    writeFileSync(path, 'one\ntwo\n');
    const past = loadHistory(path);
    const history = new ReplHistory(path, past.at(-1));
    history.add('two');
    history.add('three');
    expect(loadHistory(path)).toEqual(['one', 'two', 'three']);
  });

  it('keeps only the newest entries when the file grew past the limit', () => {
    const path = join(tempDir(), 'history');
    writeFileSync(path, Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(loadHistory(path, 5)).toEqual(['line 7', 'line 8', 'line 9', 'line 10', 'line 11']);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(5);
  });
});
