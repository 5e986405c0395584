import { describe, expect, it } from 'vitest';
import {
  NON_INVITE_SERVER_TRANSITIONS,
  isAllowedTransition,
  nonInviteServerStart,
  nonInviteServerStep,
  transactionTimers,
  type NonInviteServerEvent,
  type NonInviteServerState,
} from '../../src/transaction/index.js';

const timers = transactionTimers(10);
const STATES: NonInviteServerState[] = ['trying', 'proceeding', 'completed', 'terminated'];
const EVENTS: Record<string, NonInviteServerEvent> = {
  tu100: { type: 'tu-response', status: 100 },
  tu200: { type: 'tu-response', status: 200 },
  tu500: { type: 'tu-response', status: 500 },
  tu0: { type: 'tu-response', status: 0 },
  retransmit: { type: 'request-retransmission' },
  J: { type: 'timer', timer: 'J' },
  err: { type: 'transport-error' },
};
type Row = Record<string, [NonInviteServerState, string[]] | 'rejected'>;
const EXPECTED: Record<NonInviteServerState, Row> = {
  trying: {
    tu100: ['proceeding', ['send-response']],
    tu200: ['completed', ['send-response', 'start-timer']],
    tu500: ['completed', ['send-response', 'start-timer']],
    tu0: 'rejected',
    retransmit: ['trying', []],
    J: 'rejected',
    err: ['terminated', ['transport-error']],
  },
  proceeding: {
    tu100: ['proceeding', ['send-response']],
    tu200: ['completed', ['send-response', 'start-timer']],
    tu500: ['completed', ['send-response', 'start-timer']],
    tu0: 'rejected',
    retransmit: ['proceeding', ['resend-provisional']],
    J: 'rejected',
    err: ['terminated', ['transport-error']],
  },
  completed: {
    tu100: 'rejected',
    tu200: 'rejected',
    tu500: 'rejected',
    tu0: 'rejected',
    retransmit: ['completed', ['resend-final']],
    J: ['terminated', []],
    err: ['terminated', []],
  },
  terminated: Object.fromEntries(Object.keys(EVENTS).map((k) => [k, 'rejected'])) as Row,
};

describe('non-INVITE server transaction (RFC 3261 §17.2.2)', () => {
  it('starts in trying with no automatic response', () => {
    expect(nonInviteServerStart()).toEqual({ state: 'trying', effects: [] });
  });

  for (const state of STATES) {
    for (const [name, event] of Object.entries(EVENTS)) {
      const expected = EXPECTED[state][name];
      it(`${state} + ${name} → ${expected === 'rejected' ? 'rejected' : expected?.[0]}`, () => {
        const result = nonInviteServerStep(state, event, timers);
        if (expected === 'rejected' || expected === undefined) {
          expect(result.rejected).toBeTypeOf('string');
          expect(result.state).toBe(state);
          expect(result.effects).toEqual([]);
          return;
        }
        expect(result.rejected).toBeUndefined();
        expect(result.state).toBe(expected[0]);
        expect(result.effects.map((e) => e.type)).toEqual(expected[1]);
        expect(isAllowedTransition(NON_INVITE_SERVER_TRANSITIONS, state, result.state)).toBe(true);
      });
    }
  }

  it('arms Timer J = 0 on reliable transports', () => {
    expect(nonInviteServerStep('trying', { type: 'tu-response', status: 200 }, timers).effects).toContainEqual({
      type: 'start-timer',
      timer: 'J',
      ms: 0,
    });
  });
});
