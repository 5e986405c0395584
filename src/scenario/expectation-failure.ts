/**
 * A MUST-level expectation that did not hold: the run fails (exit code 1) with this diagnostic.
 *
 * @remarks Protocol outcomes are values (style habit 7); this error exists only to unwind the
 * scenario's `run` from the failing step. It names the step, the role, what was expected, what
 * arrived instead on that connection (the nearest miss) and the trace seqs (where in the ladder).
 */
import { formatNearestMiss, type NearestMiss } from './nearest-miss.js';

export interface ExpectationFailureInit {
  readonly step: string;
  readonly id?: string;
  readonly role?: string;
  readonly expected: string;
  /** What was observed instead, in words (when there is no single nearest message). */
  readonly actual?: string;
  readonly nearestMiss?: NearestMiss;
  readonly seqs?: readonly number[];
}

export class ExpectationFailure extends Error {
  readonly step: string;
  readonly id: string | undefined;
  readonly role: string | undefined;
  readonly expected: string;
  readonly actual: string | undefined;
  readonly nearestMiss: NearestMiss | undefined;
  readonly seqs: readonly number[];

  constructor(init: ExpectationFailureInit) {
    super(describeFailure(init));
    this.name = 'ExpectationFailure';
    this.step = init.step;
    this.id = init.id;
    this.role = init.role;
    this.expected = init.expected;
    this.actual = init.actual;
    this.nearestMiss = init.nearestMiss;
    this.seqs = [...(init.seqs ?? []), ...(init.nearestMiss ? [init.nearestMiss.seq] : [])].filter(
      (seq, i, all) => all.indexOf(seq) === i,
    );
  }
}

export function isExpectationFailure(value: unknown): value is ExpectationFailure {
  return value instanceof ExpectationFailure;
}

function describeFailure(init: ExpectationFailureInit): string {
  const id = init.id ? `[${init.id}] ` : '';
  const who = init.role ? `${init.role}: ` : '';
  const lines = [`${id}step "${init.step}": ${who}expected ${init.expected}`];
  if (init.actual) lines.push(`  instead: ${init.actual}`);
  if (init.nearestMiss) lines.push(`  nearest miss on ${init.role ?? 'that'} connection: ${formatNearestMiss(init.nearestMiss)}`);
  const seqs = init.seqs?.length ? init.seqs : init.nearestMiss ? [init.nearestMiss.seq] : [];
  if (seqs.length) lines.push(`  ladder: seq ${seqs.join(', ')}`);
  return lines.join('\n');
}
