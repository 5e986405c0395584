import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INVITE_CLIENT_TRANSITIONS,
  INVITE_SERVER_TRANSITIONS,
  NON_INVITE_CLIENT_TRANSITIONS,
  NON_INVITE_SERVER_TRANSITIONS,
  inviteClientStart,
  inviteClientStep,
  inviteServerStart,
  inviteServerStep,
  isAllowedTransition,
  nonInviteClientStart,
  nonInviteClientStep,
  nonInviteServerStart,
  nonInviteServerStep,
  transactionTimers,
  type StepResult,
  type TransitionTable,
} from '../../src/transaction/index.js';

const timers = transactionTimers(500);
const status = fc.integer({ min: -5, max: 800 });

interface Machine<S extends string, E> {
  name: string;
  table: TransitionTable<S>;
  start: StepResult<S, { type: string }>;
  step: (state: S, event: E) => StepResult<S, { type: string }>;
  events: fc.Arbitrary<E>;
  /** Effects that settle the TU's outcome: at most one of them in a transaction's life. */
  outcomes: readonly string[];
}

function machines() {
  return [
    {
      name: 'INVITE client',
      table: INVITE_CLIENT_TRANSITIONS,
      start: inviteClientStart(timers),
      step: (s, e) => inviteClientStep(s, e, timers),
      events: fc.oneof(
        status.map((n) => ({ type: 'response' as const, status: n })),
        fc.constantFrom('B' as const, 'D' as const, 'M' as const).map((timer) => ({ type: 'timer' as const, timer })),
        fc.constant({ type: 'transport-error' as const }),
      ),
      outcomes: ['deliver-final', 'timeout', 'transport-error'],
    } satisfies Machine<Parameters<typeof inviteClientStep>[0], Parameters<typeof inviteClientStep>[1]>,
    {
      name: 'non-INVITE client',
      table: NON_INVITE_CLIENT_TRANSITIONS,
      start: nonInviteClientStart(timers),
      step: (s, e) => nonInviteClientStep(s, e, timers),
      events: fc.oneof(
        status.map((n) => ({ type: 'response' as const, status: n })),
        fc.constantFrom('F' as const, 'K' as const).map((timer) => ({ type: 'timer' as const, timer })),
        fc.constant({ type: 'transport-error' as const }),
      ),
      outcomes: ['deliver-final', 'timeout', 'transport-error'],
    } satisfies Machine<Parameters<typeof nonInviteClientStep>[0], Parameters<typeof nonInviteClientStep>[1]>,
    {
      name: 'INVITE server',
      table: INVITE_SERVER_TRANSITIONS,
      start: inviteServerStart(),
      step: (s, e) => inviteServerStep(s, e, timers),
      events: fc.oneof(
        status.map((n) => ({ type: 'tu-response' as const, status: n })),
        fc.constant({ type: 'request-retransmission' as const }),
        fc.constant({ type: 'ack' as const }),
        fc.constantFrom('H' as const, 'I' as const, 'L' as const).map((timer) => ({ type: 'timer' as const, timer })),
        fc.constant({ type: 'transport-error' as const }),
      ),
      outcomes: ['timeout'],
    } satisfies Machine<Parameters<typeof inviteServerStep>[0], Parameters<typeof inviteServerStep>[1]>,
    {
      name: 'non-INVITE server',
      table: NON_INVITE_SERVER_TRANSITIONS,
      start: nonInviteServerStart(),
      step: (s, e) => nonInviteServerStep(s, e, timers),
      events: fc.oneof(
        status.map((n) => ({ type: 'tu-response' as const, status: n })),
        fc.constant({ type: 'request-retransmission' as const }),
        fc.constant({ type: 'timer' as const, timer: 'J' as const }),
        fc.constant({ type: 'transport-error' as const }),
      ),
      outcomes: [],
    } satisfies Machine<Parameters<typeof nonInviteServerStep>[0], Parameters<typeof nonInviteServerStep>[1]>,
  ];
}

describe('transaction machines under random event sequences', () => {
  for (const machine of machines()) {
    it(`${machine.name}: never throws, only takes declared edges, settles the TU once, terminated absorbs`, () => {
      const m = machine as unknown as Machine<string, unknown>;
      fc.assert(
        fc.property(fc.array(m.events, { maxLength: 40 }), (events) => {
          let state = m.start.state;
          let outcomes = 0;
          let finalsSent = 0;
          for (const event of events) {
            const result = m.step(state, event);
            if (result.rejected !== undefined) {
              expect(result.state).toBe(state);
              expect(result.effects).toEqual([]);
              continue;
            }
            expect(isAllowedTransition(m.table, state, result.state)).toBe(true);
            if (state === 'terminated') throw new Error('an event was accepted after termination');
            outcomes += result.effects.filter((e) => m.outcomes.includes(e.type)).length;
            const tu = event as { type: string; status?: number };
            if (tu.type === 'tu-response' && (tu.status ?? 0) >= 300 && result.effects.some((e) => e.type === 'send-response')) {
              finalsSent++;
            }
            state = result.state;
          }
          expect(outcomes).toBeLessThanOrEqual(1);
          // A server transaction never sends two different non-2xx finals.
          expect(finalsSent).toBeLessThanOrEqual(1);
        }),
        { numRuns: 300 },
      );
    });
  }
});
