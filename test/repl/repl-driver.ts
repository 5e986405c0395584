/**
 * Drives `startRepl` through PassThrough streams: type a line, wait until the output shows what
 * the line should produce. Output is kept whole so tests can assert on order.
 */
import { PassThrough } from 'node:stream';
import { startRepl, type ReplHandle, type StartReplOptions } from '../../src/repl/index.js';

export interface ReplDriver {
  readonly handle: ReplHandle;
  readonly input: PassThrough;
  /** Everything printed so far, ANSI sequences removed. */
  text(): string;
  /** Output printed since `mark`. */
  since(mark: number): string;
  /** Types `line` + Enter and waits until the new output matches `until`; returns that output. */
  run(line: string, until: RegExp, timeoutMs?: number): Promise<string>;
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export async function driveRepl(options: Omit<StartReplOptions, 'input' | 'output'> & { tty?: boolean } = {}): Promise<ReplDriver> {
  const input = new PassThrough();
  const output = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  if (options.tty) {
    output.isTTY = true;
    output.columns = 160;
  }
  let raw = '';
  output.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });
  const handle = await startRepl({ historyPath: null, terminal: options.tty === true, color: false, ...options, input, output });
  const text = (): string => raw.replace(ANSI, '');
  const waitFor = async (pattern: RegExp, from = 0, timeoutMs = 10_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = text().slice(from);
      if (pattern.test(seen)) return seen;
      if (Date.now() > deadline) throw new Error(`REPL output did not match ${pattern} within ${timeoutMs} ms; output since the line:\n${seen}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    handle,
    input,
    text,
    since: (mark) => text().slice(mark),
    run: (line, until, timeoutMs) => {
      const mark = text().length;
      input.write(`${line}\n`);
      return waitFor(until, mark, timeoutMs);
    },
    waitFor,
    close: async () => {
      input.end();
      await handle.closed;
    },
  };
}
