/**
 * The outcome of a one-off REPL expectation: a value printed as `✓ …` or `✗ …`, never an
 * exception (style habit 7 — the person at the prompt decides what a failure means).
 */
import { inspect } from 'node:util';

export interface ReplVerdictInit {
  readonly passed: boolean;
  readonly role?: string;
  readonly expected: string;
  readonly actual?: string;
  /** Trace seqs the verdict points at (`.show N` prints them). */
  readonly seqs: readonly number[];
}

export class ReplVerdict {
  readonly passed: boolean;
  readonly role: string | undefined;
  readonly expected: string;
  readonly actual: string | undefined;
  readonly seqs: readonly number[];

  constructor(init: ReplVerdictInit) {
    this.passed = init.passed;
    this.role = init.role;
    this.expected = init.expected;
    this.actual = init.actual;
    this.seqs = init.seqs;
  }

  toString(): string {
    const who = this.role ? `${this.role}: ` : '';
    const head = `${this.passed ? '✓' : '✗'} ${who}expected ${this.expected}`;
    const lines = [head];
    if (this.actual) lines.push(`  ${this.passed ? 'got' : 'instead'}: ${this.actual}`);
    if (this.seqs.length) lines.push(`  see: ${this.seqs.map((s) => `.show ${s}`).join(', ')}`);
    return lines.join('\n');
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
