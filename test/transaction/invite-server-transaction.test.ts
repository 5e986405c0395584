import { describe, expect, it } from 'vitest';
import {
  INVITE_SERVER_TRANSITIONS,
  inviteServerStart,
  inviteServerStep,
  isAllowedTransition,
  transactionTimers,
  type InviteServerEvent,
  type InviteServerState,
} from '../../src/transaction/index.js';

const timers = transactionTimers(10);
const STATES: InviteServerState[] = ['proceeding', 'accepted', 'completed', 'confirmed', 'terminated'];
const EVENTS: Record<string, InviteServerEvent> = {
  tu180: { type: 'tu-response', status: 180 },
  tu200: { type: 'tu-response', status: 200 },
  tu486: { type: 'tu-response', status: 486 },
  tu800: { type: 'tu-response', status: 800 },
  retransmit: { type: 'request-retransmission' },
  ack: { type: 'ack' },
  H: { type: 'timer', timer: 'H' },
  I: { type: 'timer', timer: 'I' },
  L: { type: 'timer', timer: 'L' },
  err: { type: 'transport-error' },
};
type Row = Record<string, [InviteServerState, string[]] | 'rejected'>;
const EXPECTED: Record<InviteServerState, Row> = {
  proceeding: {
    tu180: ['proceeding', ['send-response']],
    tu200: ['accepted', ['send-response', 'start-timer']],
    tu486: ['completed', ['send-response', 'start-timer']],
    tu800: 'rejected',
    retransmit: ['proceeding', ['resend-provisional']],
    ack: 'rejected',
    H: 'rejected',
    I: 'rejected',
    L: 'rejected',
    err: ['terminated', ['transport-error']],
  },
  accepted: {
    tu180: 'rejected',
    tu200: ['accepted', ['send-response']],
    tu486: 'rejected',
    tu800: 'rejected',
    retransmit: ['accepted', []],
    ack: ['accepted', ['deliver-ack']],
    H: 'rejected',
    I: 'rejected',
    L: ['terminated', []],
    err: ['terminated', ['transport-error']],
  },
  completed: {
    tu180: 'rejected',
    tu200: 'rejected',
    tu486: 'rejected',
    tu800: 'rejected',
    retransmit: ['completed', ['resend-final']],
    ack: ['confirmed', ['cancel-timer', 'start-timer']],
    H: ['terminated', ['timeout']],
    I: 'rejected',
    L: 'rejected',
    err: ['terminated', ['transport-error']],
  },
  confirmed: {
    tu180: 'rejected',
    tu200: 'rejected',
    tu486: 'rejected',
    tu800: 'rejected',
    retransmit: ['confirmed', []],
    ack: ['confirmed', []],
    H: 'rejected',
    I: ['terminated', []],
    L: 'rejected',
    err: ['terminated', []],
  },
  terminated: Object.fromEntries(Object.keys(EVENTS).map((k) => [k, 'rejected'])) as Row,
};

describe('INVITE server transaction (RFC 3261 §17.2.1, RFC 6026 §7.1)', () => {
  it('starts in proceeding with no automatic response', () => {
    expect(inviteServerStart()).toEqual({ state: 'proceeding', effects: [] });
  });

  for (const state of STATES) {
    for (const [name, event] of Object.entries(EVENTS)) {
      const expected = EXPECTED[state][name];
      it(`${state} + ${name} → ${expected === 'rejected' ? 'rejected' : expected?.[0]}`, () => {
        const result = inviteServerStep(state, event, timers);
        if (expected === 'rejected' || expected === undefined) {
          expect(result.rejected).toBeTypeOf('string');
          expect(result.state).toBe(state);
          expect(result.effects).toEqual([]);
          return;
        }
        expect(result.rejected).toBeUndefined();
        expect(result.state).toBe(expected[0]);
        expect(result.effects.map((e) => e.type)).toEqual(expected[1]);
        expect(isAllowedTransition(INVITE_SERVER_TRANSITIONS, state, result.state)).toBe(true);
      });
    }
  }

  it('arms Timer H = 64·T1 after a non-2xx and Timer I = 0 after the ACK', () => {
    expect(inviteServerStep('proceeding', { type: 'tu-response', status: 486 }, timers).effects).toContainEqual({
      type: 'start-timer',
      timer: 'H',
      ms: 640,
    });
    expect(inviteServerStep('completed', { type: 'ack' }, timers).effects).toContainEqual({
      type: 'start-timer',
      timer: 'I',
      ms: 0,
    });
  });
});
