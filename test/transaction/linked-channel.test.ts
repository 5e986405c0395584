import { describe, expect, it } from 'vitest';
import { FocusHarnessError } from '../../src/errors.js';
import type { SipMessage } from '../../src/sip/index.js';
import { createLinkedChannels } from '../../src/transaction/index.js';
import { flush, testRequest } from './requests.js';

describe('createLinkedChannels', () => {
  it('delivers asynchronously, as a copy, in order', async () => {
    const [a, b] = createLinkedChannels();
    const got: SipMessage[] = [];
    b.onMessage((m) => got.push(m));
    const first = testRequest({ method: 'INFO', cseq: 1 });
    a.send(first);
    a.send(testRequest({ method: 'INFO', cseq: 2 }));
    expect(got).toHaveLength(0);
    await flush();
    expect(got.map((m) => m.headers.get('cseq'))).toEqual(['1 INFO', '2 INFO']);
    first.headers.set('CSeq', '9 INFO');
    expect(got[0]?.headers.get('cseq')).toBe('1 INFO');
    expect(b.received).toHaveLength(2);
  });

  it('drops on request and reports what was sent', async () => {
    const [a, b] = createLinkedChannels();
    const got: SipMessage[] = [];
    b.onMessage((m) => got.push(m));
    const sent = a.nextSent();
    a.dropNext();
    a.send(testRequest({ method: 'INFO', cseq: 1 }));
    a.send(testRequest({ method: 'INFO', cseq: 2 }));
    expect((await sent).headers.get('cseq')).toBe('1 INFO');
    await flush();
    expect(got.map((m) => m.headers.get('cseq'))).toEqual(['2 INFO']);
    expect(a.sent).toHaveLength(2);
  });

  it('closes both ends: close handlers run once and sends throw FH_TRANSPORT_CLOSED', () => {
    const [a, b] = createLinkedChannels();
    let closes = 0;
    a.onClose(() => closes++);
    b.onClose(() => closes++);
    b.close();
    a.close();
    expect(closes).toBe(2);
    expect(a.closed && b.closed).toBe(true);
    expect(() => a.send(testRequest({ method: 'INFO' }))).toThrow(FocusHarnessError);
  });
});
