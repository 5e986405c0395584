import { describe, expect, it } from 'vitest';
import {
  NON_INVITE_CLIENT_TRANSITIONS,
  isAllowedTransition,
  nonInviteClientStart,
  nonInviteClientStep,
  transactionTimers,
  type NonInviteClientEvent,
  type NonInviteClientState,
} from '../../src/transaction/index.js';

const timers = transactionTimers(10);
const STATES: NonInviteClientState[] = ['trying', 'proceeding', 'completed', 'terminated'];
const EVENTS: Record<string, NonInviteClientEvent> = {
  '100': { type: 'response', status: 100 },
  '200': { type: 'response', status: 200 },
  '481': { type: 'response', status: 481 },
  '99': { type: 'response', status: 99 },
  F: { type: 'timer', timer: 'F' },
  K: { type: 'timer', timer: 'K' },
  err: { type: 'transport-error' },
};
type Row = Record<string, [NonInviteClientState, string[]] | 'rejected'>;
const final: [NonInviteClientState, string[]] = ['completed', ['cancel-timer', 'deliver-final', 'start-timer']];
const EXPECTED: Record<NonInviteClientState, Row> = {
  trying: {
    '100': ['proceeding', ['deliver-provisional']],
    '200': final,
    '481': final,
    '99': 'rejected',
    F: ['terminated', ['timeout']],
    K: 'rejected',
    err: ['terminated', ['transport-error']],
  },
  proceeding: {
    '100': ['proceeding', ['deliver-provisional']],
    '200': final,
    '481': final,
    '99': 'rejected',
    F: ['terminated', ['timeout']],
    K: 'rejected',
    err: ['terminated', ['transport-error']],
  },
  completed: {
    '100': 'rejected',
    '200': ['completed', []],
    '481': ['completed', []],
    '99': 'rejected',
    F: 'rejected',
    K: ['terminated', []],
    err: ['terminated', []],
  },
  terminated: Object.fromEntries(Object.keys(EVENTS).map((k) => [k, 'rejected'])) as Row,
};

describe('non-INVITE client transaction (RFC 3261 §17.1.2)', () => {
  it('starts in trying, sends the request and arms Timer F = 64·T1', () => {
    expect(nonInviteClientStart(timers)).toEqual({
      state: 'trying',
      effects: [{ type: 'send-request' }, { type: 'start-timer', timer: 'F', ms: 640 }],
    });
  });

  for (const state of STATES) {
    for (const [name, event] of Object.entries(EVENTS)) {
      const expected = EXPECTED[state][name];
      it(`${state} + ${name} → ${expected === 'rejected' ? 'rejected' : expected?.[0]}`, () => {
        const result = nonInviteClientStep(state, event, timers);
        if (expected === 'rejected' || expected === undefined) {
          expect(result.rejected).toBeTypeOf('string');
          expect(result.state).toBe(state);
          expect(result.effects).toEqual([]);
          return;
        }
        expect(result.rejected).toBeUndefined();
        expect(result.state).toBe(expected[0]);
        expect(result.effects.map((e) => e.type)).toEqual(expected[1]);
        expect(isAllowedTransition(NON_INVITE_CLIENT_TRANSITIONS, state, result.state)).toBe(true);
      });
    }
  }

  it('arms Timer K = 0 on reliable transports', () => {
    expect(nonInviteClientStep('trying', { type: 'response', status: 202 }, timers).effects).toContainEqual({
      type: 'start-timer',
      timer: 'K',
      ms: 0,
    });
  });
});
