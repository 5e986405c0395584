import { describe, expect, it } from 'vitest';
import {
  INVITE_CLIENT_TRANSITIONS,
  inviteClientStart,
  inviteClientStep,
  isAllowedTransition,
  transactionTimers,
  type InviteClientEvent,
  type InviteClientState,
} from '../../src/transaction/index.js';

const timers = transactionTimers(100);
const STATES: InviteClientState[] = ['calling', 'proceeding', 'accepted', 'completed', 'terminated'];
const EVENTS: Record<string, InviteClientEvent> = {
  '180': { type: 'response', status: 180 },
  '200': { type: 'response', status: 200 },
  '486': { type: 'response', status: 486 },
  '700': { type: 'response', status: 700 },
  B: { type: 'timer', timer: 'B' },
  D: { type: 'timer', timer: 'D' },
  M: { type: 'timer', timer: 'M' },
  err: { type: 'transport-error' },
};

// state -> event -> [next state, effect types] | 'rejected'
type Row = Record<string, [InviteClientState, string[]] | 'rejected'>;
const EXPECTED: Record<InviteClientState, Row> = {
  calling: {
    '180': ['proceeding', ['cancel-timer', 'deliver-provisional']],
    '200': ['accepted', ['cancel-timer', 'deliver-final', 'start-timer']],
    '486': ['completed', ['cancel-timer', 'send-ack', 'deliver-final', 'start-timer']],
    '700': 'rejected',
    B: ['terminated', ['timeout']],
    D: 'rejected',
    M: 'rejected',
    err: ['terminated', ['transport-error']],
  },
  proceeding: {
    '180': ['proceeding', ['deliver-provisional']],
    '200': ['accepted', ['deliver-final', 'start-timer']],
    '486': ['completed', ['send-ack', 'deliver-final', 'start-timer']],
    '700': 'rejected',
    B: 'rejected',
    D: 'rejected',
    M: 'rejected',
    err: ['terminated', ['transport-error']],
  },
  accepted: {
    '180': 'rejected',
    '200': ['accepted', ['deliver-2xx-retransmission']],
    '486': 'rejected',
    '700': 'rejected',
    B: 'rejected',
    D: 'rejected',
    M: ['terminated', []],
    err: ['terminated', []],
  },
  completed: {
    '180': 'rejected',
    '200': 'rejected',
    '486': ['completed', ['send-ack']],
    '700': 'rejected',
    B: 'rejected',
    D: ['terminated', []],
    M: 'rejected',
    err: ['terminated', []],
  },
  terminated: Object.fromEntries(Object.keys(EVENTS).map((k) => [k, 'rejected'])) as Row,
};

describe('INVITE client transaction (RFC 3261 §17.1.1, RFC 6026 §7.2)', () => {
  it('starts in calling, sends the INVITE and arms Timer B = 64·T1', () => {
    const start = inviteClientStart(timers);
    expect(start.state).toBe('calling');
    expect(start.effects).toEqual([{ type: 'send-request' }, { type: 'start-timer', timer: 'B', ms: 6400 }]);
  });

  for (const state of STATES) {
    for (const [name, event] of Object.entries(EVENTS)) {
      const expected = EXPECTED[state][name];
      it(`${state} + ${name} → ${expected === 'rejected' ? 'rejected' : expected?.[0]}`, () => {
        const result = inviteClientStep(state, event, timers);
        if (expected === 'rejected' || expected === undefined) {
          expect(result.rejected).toBeTypeOf('string');
          expect(result.state).toBe(state);
          expect(result.effects).toEqual([]);
          return;
        }
        expect(result.rejected).toBeUndefined();
        expect(result.state).toBe(expected[0]);
        expect(result.effects.map((e) => e.type)).toEqual(expected[1]);
        expect(isAllowedTransition(INVITE_CLIENT_TRANSITIONS, state, result.state)).toBe(true);
      });
    }
  }

  it('uses Timer D = 0 and Timer M = 64·T1 on reliable transports', () => {
    const completed = inviteClientStep('proceeding', { type: 'response', status: 603 }, timers);
    expect(completed.effects).toContainEqual({ type: 'start-timer', timer: 'D', ms: 0 });
    const accepted = inviteClientStep('calling', { type: 'response', status: 200 }, timers);
    expect(accepted.effects).toContainEqual({ type: 'start-timer', timer: 'M', ms: 6400 });
  });

  it('never declares an edge back out of terminated', () => {
    expect(INVITE_CLIENT_TRANSITIONS.terminated).toEqual([]);
    expect(isAllowedTransition(INVITE_CLIENT_TRANSITIONS, 'completed', 'proceeding')).toBe(false);
  });
});
