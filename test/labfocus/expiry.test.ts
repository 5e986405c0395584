/**
 * Expiry on the lab focus's clock: a registration that lapses stops vouching for its connection,
 * and a conference subscription that is not refreshed ends with reason=timeout (RFC 6665 §4.2.2)
 * unless the subscriber offered com.microsoft.autoextend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/index.js';
import { createConference, joinFocus, openClients } from './conference-setup.js';
import { isTerminated } from './eject-driver.js';
import type { RawClient } from './raw-client.js';
import { startTestLab, type TestLab } from './test-lab.js';

describe('expiry', () => {
  const clock = new ManualClock(Date.now());
  let lab: TestLab;
  beforeAll(async () => {
    lab = await startTestLab({ clock });
  });
  afterAll(async () => {
    await lab.lab.stop();
  });

  it('ends an unrefreshed subscription with reason=timeout, but not an autoextended one', async () => {
    const [alice, bob] = (await openClients(lab.address, ['alice', 'bob'])) as [RawClient, RawClient];
    const created = await createConference(alice);
    await joinFocus(alice, created.focusUri);
    await joinFocus(bob, created.focusUri);
    const sub = (client: RawClient, extra: [string, string][]) =>
      client.establish(client.outOfDialog('SUBSCRIBE', created.focusUri, { headers: [['Event', 'conference'], ['Supported', 'ms-benotify'], ['Expires', '60'], ...extra] }));
    expect((await sub(alice, [])).response.headers.get('expires')).toBe('60');
    expect((await sub(bob, [['Supported', 'com.microsoft.autoextend']])).response.status).toBe(200);
    const marks = [alice.inbox.length, bob.inbox.length];
    clock.advance(61_000);
    const ended = await alice.waitFor('timeout', isTerminated, marks[0]);
    expect(ended.headers.get('subscription-state')).toBe('terminated;expires=0;reason=timeout');
    await bob.settle();
    expect(bob.received(marks[1]).some(isTerminated)).toBe(false);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('stops accepting requests from a connection whose registration lapsed', async () => {
    const [carol] = (await openClients(lab.address, ['carol'])) as [RawClient];
    await carol.register(30);
    clock.advance(31_000);
    const factory = `${carol.aor};gruu;opaque=app:conf:focusfactory`;
    const response = await carol.send(carol.outOfDialog('SERVICE', factory, { contentType: 'application/cccp+xml', body: carol.c3p(factory, { name: 'getConferencingCapabilities' }) }));
    expect(response.status).toBe(403);
    await carol.close();
  });
});
