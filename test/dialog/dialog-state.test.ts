import { describe, expect, it } from 'vitest';
import { DIALOG_TRANSITIONS, dialogStep, type DialogEvent, type DialogState } from '../../src/dialog/index.js';

const confirm: DialogEvent = { type: 'confirm' };
const terminate: DialogEvent = { type: 'terminate', reason: 'BYE' };

describe('dialog state machine (RFC 3261 §12)', () => {
  const cases: [DialogState, DialogEvent, DialogState | 'rejected'][] = [
    ['early', confirm, 'confirmed'],
    ['early', terminate, 'terminated'],
    ['confirmed', confirm, 'confirmed'],
    ['confirmed', terminate, 'terminated'],
    ['terminated', confirm, 'rejected'],
    ['terminated', terminate, 'rejected'],
  ];
  for (const [state, event, expected] of cases) {
    it(`${state} + ${event.type} → ${expected}`, () => {
      const result = dialogStep(state, event);
      if (expected === 'rejected') {
        expect(result.rejected).toBeTypeOf('string');
        expect(result.state).toBe(state);
      } else {
        expect(result.rejected).toBeUndefined();
        expect(result.state).toBe(expected);
      }
    });
  }

  it('declares no way back to early', () => {
    expect(DIALOG_TRANSITIONS.confirmed).not.toContain('early');
    expect(DIALOG_TRANSITIONS.terminated).toEqual([]);
  });
});
