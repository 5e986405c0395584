import { describe, expect, it } from 'vitest';
import { buildC3pResponse, parseC3pResponse } from '../../src/conference/index.js';
import { C3pWaiters } from '../../src/endpoint/index.js';
import { c3pOutcomeOf, c3pResponseOf } from '../../src/endpoint/c3p-outcome-of.js';
import { createResponseMessage } from '../../src/sip/index.js';
import { ManualClock } from '../../src/util/index.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';

function c3pBody(requestId: string, code: 'success' | 'failure' = 'success'): string {
  return buildC3pResponse({
    requestId,
    from: FOCUS,
    to: 'sip:alice@contoso.com',
    code,
    command: 'deleteUser',
    payload: { confEntity: FOCUS, userEntity: 'sip:carol@contoso.com' },
    ...(code === 'failure' ? { reason: 'unauthorized' } : {}),
  });
}

function response(status: number, reason: string, body?: string) {
  return createResponseMessage({ status, reason, headers: body ? [['Content-Type', 'application/cccp+xml']] : [], ...(body ? { body } : {}) });
}

describe('c3pOutcomeOf (brief §4.11, §7.2 E1/E2)', () => {
  it("takes a response carried by the 200 ('200')", async () => {
    const waiters = new C3pWaiters(new ManualClock());
    waiters.expect('11');
    const outcome = await c3pOutcomeOf('11', response(200, 'OK', c3pBody('11')), waiters, 5000);
    expect(outcome).toMatchObject({ sipStatus: 200, carriedBy: '200', requestId: '11', response: { code: 'success', requestId: '11' } });
    expect(waiters.size).toBe(0);
  });

  it("waits after a 202 for the INFO with the same requestId ('info')", async () => {
    const clock = new ManualClock();
    const waiters = new C3pWaiters(clock);
    waiters.expect('63022864');
    const pending = c3pOutcomeOf('63022864', response(202, 'Accepted'), waiters, 5000);
    waiters.deliver(parseC3pResponse(c3pBody('99')));
    clock.advance(1000);
    waiters.deliver(parseC3pResponse(c3pBody('63022864', 'failure')));
    const outcome = await pending;
    expect(outcome.carriedBy).toBe('info');
    expect(outcome.sipStatus).toBe(202);
    expect(outcome.response?.code).toBe('failure');
    expect(outcome.response?.reason).toBe('unauthorized');
  });

  it("gives 'none' after the timeout, and for SIP failures", async () => {
    const clock = new ManualClock();
    const waiters = new C3pWaiters(clock);
    waiters.expect('5');
    const pending = c3pOutcomeOf('5', response(202, 'Accepted'), waiters, 5000);
    clock.advance(5000);
    expect(await pending).toMatchObject({ carriedBy: 'none', sipStatus: 202 });
    expect((await pending).response).toBeUndefined();
    waiters.expect('6');
    const refused = await c3pOutcomeOf('6', response(603, 'Decline'), waiters, 5000);
    expect(refused).toMatchObject({ carriedBy: 'none', sipStatus: 603 });
    expect(waiters.size).toBe(0);
  });

  it('ignores bodies that are not C3P or do not parse', () => {
    expect(c3pResponseOf(response(200, 'OK'))).toBeUndefined();
    expect(c3pResponseOf(createResponseMessage({ status: 200, reason: 'OK', headers: [['Content-Type', 'application/cccp+xml']], body: '<oops' }))).toBeUndefined();
    expect(c3pResponseOf(createResponseMessage({ status: 200, reason: 'OK', headers: [['Content-Type', 'application/sdp']], body: c3pBody('1') }))).toBeUndefined();
  });
});
