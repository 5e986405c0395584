import { describe, expect, it } from 'vitest';
import type { C3pResponse } from '../../src/conference/index.js';
import { C3pWaiters } from '../../src/endpoint/index.js';
import { ManualClock } from '../../src/util/index.js';

function response(requestId: string): C3pResponse {
  return { requestId, from: 'sip:focus', to: 'sip:alice@contoso.com', code: 'success', command: 'deleteUser', raw: { name: 'response', attributes: [], children: [] } as unknown as C3pResponse['raw'] };
}

describe('C3pWaiters (202 then INFO, brief §4.11)', () => {
  it('matches the INFO-carried response by requestId', async () => {
    const clock = new ManualClock();
    const waiters = new C3pWaiters(clock);
    waiters.expect('63022864');
    const pending = waiters.wait('63022864', 5000);
    expect(waiters.deliver(response('1'))).toBe(false);
    expect(waiters.deliver(response('63022864'))).toBe(true);
    expect((await pending)?.requestId).toBe('63022864');
    expect(waiters.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps a response that arrives before the caller waits', async () => {
    const waiters = new C3pWaiters(new ManualClock());
    waiters.expect('7');
    expect(waiters.deliver(response('7'))).toBe(true);
    expect(waiters.deliver(response('7'))).toBe(false);
    expect((await waiters.wait('7', 10))?.requestId).toBe('7');
  });

  it('resolves undefined on timeout, on the injected clock', async () => {
    const clock = new ManualClock();
    const waiters = new C3pWaiters(clock);
    waiters.expect('9');
    let settled: C3pResponse | undefined | 'pending' = 'pending';
    void waiters.wait('9', 5000).then((r) => (settled = r));
    clock.advance(4999);
    await Promise.resolve();
    expect(settled).toBe('pending');
    clock.advance(1);
    await Promise.resolve();
    expect(settled).toBeUndefined();
    expect(waiters.deliver(response('9'))).toBe(false);
  });

  it('cancelAll ends every wait', async () => {
    const waiters = new C3pWaiters(new ManualClock());
    waiters.expect('1');
    const a = waiters.wait('1', 1000);
    const b = waiters.wait('2', 1000);
    waiters.cancelAll();
    expect(await a).toBeUndefined();
    expect(await b).toBeUndefined();
  });
});
