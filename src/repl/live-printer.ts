/**
 * Prints lines (incoming messages, late errors) while a person may be typing at the prompt: on a
 * terminal the half-typed line is wiped, the text written above it, and the prompt redrawn with the
 * cursor where it was; while a command is running (no prompt shown) the line is simply written.
 */
import { clearScreenDown, cursorTo, moveCursor } from 'node:readline';
import type { REPLServer } from 'node:repl';

export class LivePrinter {
  readonly #server: REPLServer;
  readonly #output: NodeJS.WritableStream;
  readonly #terminal: boolean;
  #busy = false;
  #closed = false;

  constructor(server: REPLServer, output: NodeJS.WritableStream, terminal: boolean) {
    this.#server = server;
    this.#output = output;
    this.#terminal = terminal;
  }

  /** A command is being evaluated: no prompt is on screen. */
  set busy(value: boolean) {
    this.#busy = value;
  }

  get busy(): boolean {
    return this.#busy;
  }

  close(): void {
    this.#closed = true;
  }

  print(text: string): void {
    if (this.#closed) return;
    const body = text.endsWith('\n') ? text : `${text}\n`;
    if (this.#busy) {
      this.#output.write(body);
      return;
    }
    if (this.#terminal) {
      // Back to the first row of the prompt (a long line wraps), then clear what was drawn.
      const rows = this.#server.getCursorPos().rows;
      if (rows > 0) moveCursor(this.#output, 0, -rows);
      cursorTo(this.#output, 0);
      clearScreenDown(this.#output);
      this.#output.write(body);
    } else {
      this.#output.write(`\n${body}`);
    }
    // Redraws the prompt and the half-typed line, cursor kept (node:repl `displayPrompt(true)`).
    this.#server.displayPrompt(true);
  }
}
