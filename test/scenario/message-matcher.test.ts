import { describe, expect, it } from 'vitest';
import {
  bodyContains,
  c3pResponseFor,
  closeness,
  describeMatcher,
  findNearestMiss,
  header,
  mismatch,
  observe,
  rosterVersionOf,
  subscriptionTerminated,
  type ObservedMessage,
} from '../../src/scenario/index.js';
import { createRequest } from '../../src/sip/index.js';
import { benotify, bye, response } from './fake-endpoint.js';

function at(seq: number, message: ObservedMessage['message'], dialog?: 'D1' | 'D2' | 'D3', peer: 'focus' | 'mcu' = 'focus'): ObservedMessage {
  return observe('carol', { message, raw: Buffer.alloc(0), seq, time: 0, peer, ...(dialog ? { dialog } : {}) });
}

describe('message matchers', () => {
  const terminated = at(3, benotify(3, 'terminated;expires=0;reason=ParticipantRemoved'), 'D2');
  const active = at(4, benotify(4, 'active;expires=3600'), 'D2');
  const focusBye = at(6, bye(2147483645, 'd1', [['Reason', 'SIP;cause=481;text="Participant Removed"']]), 'D1');
  const ok = at(8, response(200, 'OK', '2 BYE', 'd1'), 'D1');

  it('matches on method, dialog, peer and predicates', () => {
    const matcher = { method: ['BENOTIFY', 'NOTIFY'], dialog: 'D2' as const, where: subscriptionTerminated('ParticipantRemoved') };
    expect(mismatch(matcher, terminated)).toBeUndefined();
    expect(mismatch(matcher, active)).toBe('subscription-state is "active;expires=3600"');
    expect(mismatch(matcher, focusBye)).toBe('is BYE, not BENOTIFY/NOTIFY');
    expect(mismatch({ method: 'BYE', dialog: 'D3' }, focusBye)).toBe('is in D1, not D3');
    expect(mismatch({ method: 'BYE', peer: 'mcu' }, focusBye)).toBe('comes from the focus, not the mcu');
  });

  it('matches responses by status, class and CSeq method', () => {
    expect(mismatch({ status: [200, 481], cseqMethod: 'BYE' }, ok)).toBeUndefined();
    expect(mismatch({ status: '2xx' }, ok)).toBeUndefined();
    expect(mismatch({ status: 481 }, ok)).toBe('status is 200, not 481');
    expect(mismatch({ status: 200, cseqMethod: 'INFO' }, ok)).toBe('answers BYE, not INFO');
    expect(mismatch({ status: 200 }, focusBye)).toBe('is a BYE request, not a 200 response');
  });

  it('describes a matcher in words', () => {
    expect(describeMatcher({ method: 'BENOTIFY', dialog: 'D2', where: subscriptionTerminated() })).toBe(
      'BENOTIFY in D2 where subscription-state is terminated',
    );
    expect(describeMatcher({ status: [200, 481], cseqMethod: 'BYE', peer: 'mcu' })).toBe('a 200 or 481 response to BYE from the mcu');
  });

  it('scores closeness by method first, then dialog and peer', () => {
    const want = { method: 'BYE', dialog: 'D1' as const, peer: 'focus' as const };
    expect(closeness(want, focusBye)).toBe(7);
    expect(closeness(want, ok)).toBe(3);
    expect(closeness(want, active)).toBe(1);
  });

  it('finds the nearest miss with the reason, preferring what arrived during the wait', () => {
    const want = { method: 'BENOTIFY', dialog: 'D2' as const, where: subscriptionTerminated() };
    expect(findNearestMiss(want, [focusBye, active, ok])).toEqual({
      seq: 4,
      firstLine: 'BENOTIFY sip:127.0.0.1:5555;transport=tls',
      label: 'BENOTIFY',
      dialog: 'D2',
      reason: 'subscription-state is "active;expires=3600"',
    });
    expect(findNearestMiss(want, [], [active])?.seq).toBe(4);
    expect(findNearestMiss({ method: 'MESSAGE', dialog: 'D3' }, [ok])).toBeUndefined();
  });

  it('checks headers, bodies, C3P request ids and roster versions', () => {
    expect(header('Reason', /cause=481/).test(focusBye)).toBeUndefined();
    expect(header('ms-diagnostics-public').test(focusBye)).toBe('has no ms-diagnostics-public header');
    const info = at(14, createRequest({ method: 'INFO', uri: 'sip:a', headers: [['CSeq', '1 INFO']], body: '<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="63022864" code="success"><deleteUser/></response>' }), 'D1');
    expect(c3pResponseFor('63022864').test(info)).toBeUndefined();
    expect(c3pResponseFor('1').test(info)).toBe('carries the C3P response to requestId 63022864');
    expect(bodyContains('deleteUser').test(info)).toBeUndefined();
    expect(rosterVersionOf('<?xml version="1.0"?><conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="x" state="partial" version="11"><users/></conference-info>')).toBe(11);
    expect(rosterVersionOf('<conference-info state="full">')).toBeUndefined();
  });
});
