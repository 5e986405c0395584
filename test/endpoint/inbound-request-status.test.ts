import { describe, expect, it } from 'vitest';
import { createDialogUsage, type DialogUsage } from '../../src/endpoint/dialog-usage.js';
import { inboundRequestStatus } from '../../src/endpoint/inbound-request-status.js';

function usage(name: 'D1' | 'D2' | 'D3', state: DialogUsage['state'], closing = false): DialogUsage {
  return { ...createDialogUsage(name), callId: 'x', state, closing };
}
const inOrder = () => true;

describe('inboundRequestStatus (how a Lync client answers the server)', () => {
  it('never answers BENOTIFY or ACK', () => {
    expect(inboundRequestStatus('BENOTIFY', usage('D2', 'active'), inOrder)).toBeUndefined();
    expect(inboundRequestStatus('BENOTIFY', undefined, inOrder)).toBeUndefined();
    expect(inboundRequestStatus('ACK', usage('D1', 'active'), inOrder)).toBeUndefined();
  });

  it('answers NOTIFY on the subscription, even before its 2xx, and 481 elsewhere', () => {
    expect(inboundRequestStatus('NOTIFY', usage('D2', 'none'), inOrder)).toBe(200);
    expect(inboundRequestStatus('NOTIFY', usage('D2', 'terminated', true), inOrder)).toBe(200);
    expect(inboundRequestStatus('NOTIFY', usage('D2', 'terminated'), inOrder)).toBe(481);
    expect(inboundRequestStatus('NOTIFY', usage('D1', 'active'), inOrder)).toBe(481);
  });

  it('answers INFO and BYE in live or closing dialogs, 500 out of order, 481 otherwise', () => {
    expect(inboundRequestStatus('INFO', usage('D1', 'active'), inOrder)).toBe(200);
    expect(inboundRequestStatus('BYE', usage('D1', 'terminated', true), inOrder)).toBe(200);
    expect(inboundRequestStatus('BYE', usage('D3', 'terminated'), inOrder)).toBe(481);
    expect(inboundRequestStatus('INFO', usage('D1', 'active'), () => false)).toBe(500);
    expect(inboundRequestStatus('BYE', undefined, inOrder)).toBe(481);
  });

  it('answers MESSAGE only in D3, OPTIONS always, and declines INVITEs', () => {
    expect(inboundRequestStatus('MESSAGE', usage('D3', 'active'), inOrder)).toBe(200);
    expect(inboundRequestStatus('MESSAGE', usage('D1', 'active'), inOrder)).toBe(481);
    expect(inboundRequestStatus('OPTIONS', undefined, inOrder)).toBe(200);
    expect(inboundRequestStatus('INVITE', undefined, inOrder)).toBe(603);
    expect(inboundRequestStatus('INVITE', usage('D1', 'active'), inOrder)).toBe(488);
    expect(inboundRequestStatus('REFER', undefined, inOrder)).toBe(501);
  });
});
