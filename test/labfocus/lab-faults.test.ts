import { describe, expect, it } from 'vitest';
import { composeLabPolicy, LAB_FAULTS } from '../../src/labfocus/lab-faults.js';
import { LAB_FAULT_NAMES } from '../../src/labfocus/lab-fault-name.js';
import { defaultLabPolicy } from '../../src/labfocus/lab-policy.js';

describe('LAB_FAULTS', () => {
  it('lists every fault name once, each with a description and the assertion it breaks', () => {
    expect(LAB_FAULTS.map((f) => f.name)).toEqual([...LAB_FAULT_NAMES]);
    for (const fault of LAB_FAULTS) {
      expect(fault.description.length).toBeGreaterThan(10);
      expect(fault.breaks.length).toBeGreaterThan(5);
    }
  });

  it('changes exactly one decision per fault', () => {
    const decisions = Object.keys(defaultLabPolicy) as (keyof typeof defaultLabPolicy)[];
    for (const fault of LAB_FAULTS) {
      const policy = composeLabPolicy([fault.name]);
      const changed = decisions.filter((d) => policy[d] !== defaultLabPolicy[d]);
      expect(changed, fault.name).toHaveLength(1);
    }
  });

  it('rejects an unknown name, naming the valid ones', () => {
    expect(() => composeLabPolicy(['no-such-fault'])).toThrow(/valid faults: omit-focus-bye/);
  });
});

describe('composeLabPolicy', () => {
  it('is the correct behaviour with no faults', () => {
    const p = composeLabPolicy([]);
    expect(p.nextRosterVersion(4, 'user-deleted')).toBe(5);
    expect(p.imRecipients('sip:a@x', ['sip:a@x', 'sip:b@x'])).toEqual(['sip:b@x']);
    expect(p.mayRunPresenterCommand('attendee', 'deleteUser')).toBe(false);
    expect(p.msSender('sip:a@x')).toBe('<sip:a@x>');
  });

  it('skips or repeats only the deletion version', () => {
    expect(composeLabPolicy(['skip-roster-version']).nextRosterVersion(4, 'user-deleted')).toBe(6);
    expect(composeLabPolicy(['skip-roster-version']).nextRosterVersion(4, 'user')).toBe(5);
    expect(composeLabPolicy(['repeat-roster-version']).nextRosterVersion(4, 'user-deleted')).toBe(4);
  });

  it('composes several faults', () => {
    const p = composeLabPolicy(['echo-im-to-author', 'omit-ms-sender', 'omit-deleted-update']);
    expect(p.imRecipients('sip:a@x', ['sip:a@x', 'sip:b@x'])).toEqual(['sip:a@x', 'sip:b@x']);
    expect(p.msSender('sip:a@x')).toBeUndefined();
    expect(p.deliversRosterChange('user-deleted', 1, 2)).toBe(false);
    expect(p.deliversRosterChange('user-deleted', 0, 2)).toBe(true);
    expect(p.deliversRosterChange('user', 1, 2)).toBe(true);
  });

  it('breaks the deletion document and its framing', () => {
    const xml = '<conference-info version="2"></conference-info>';
    expect(composeLabPolicy(['malformed-benotify-xml']).rosterBody(xml, 'user-deleted')).not.toBe(xml);
    expect(composeLabPolicy(['malformed-benotify-xml']).rosterBody(xml, 'user')).toBe(xml);
    expect(composeLabPolicy(['wrong-content-length']).rosterFraming('user-deleted').contentLengthDelta).not.toBe(0);
  });

  it('answers requests on an ended dialog 481, or 200 with ended-dialog-still-answered', () => {
    expect(composeLabPolicy([]).endedDialogStatus('INFO')).toBe(481);
    expect(composeLabPolicy(['ended-dialog-still-answered']).endedDialogStatus('INFO')).toBe(200);
    expect(composeLabPolicy(['ended-dialog-still-answered']).endedDialogStatus('MESSAGE')).toBe(200);
  });

  it('drops the ejector mid-flow', () => {
    let dropped = 0;
    composeLabPolicy(['drop-connection-mid-eject']).midEject({ dropEjectorConnection: () => dropped++ });
    defaultLabPolicy.midEject({ dropEjectorConnection: () => dropped++ });
    expect(dropped).toBe(1);
  });
});
