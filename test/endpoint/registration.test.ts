import { afterEach, describe, expect, it } from 'vitest';
import { instanceIdFromEpid } from '../../src/endpoint/index.js';
import { keepAliveTimeout, Registration } from '../../src/endpoint/registration.js';
import { createResponseMessage, parseMessage, serializeMessage } from '../../src/sip/index.js';
import { ManualClock } from '../../src/util/index.js';
import { connectionPair, type ConnectionPair } from '../helpers/connection-pair.js';

const EPID = 'dceed2edfb';
const INSTANCE = instanceIdFromEpid(EPID);

let pair: ConnectionPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

function ok(contactInstance: string, extra: [string, string][] = []) {
  return createResponseMessage({
    status: 200,
    reason: 'OK',
    headers: [
      ['Contact', `<sip:127.0.0.1:1;transport=tcp;ms-opaque=abc>;expires=900;+sip.instance="<urn:uuid:${contactInstance}>";gruu="sip:carol@contoso.com;opaque=user:epid:XYZ;gruu"`],
      ['ms-keep-alive', 'UAS; tcp=no; hop-hop=yes; end-end=no; timeout=300'],
      ...extra,
    ],
  });
}

describe('Registration (MS-SIPREGE 3.1.1.1)', () => {
  it('builds REGISTERs on one Call-ID with rising CSeq and the MS Contact', async () => {
    pair = await connectionPair('tcp');
    const registration = new Registration({
      aor: 'sip:carol@contoso.com', epid: EPID, instanceId: INSTANCE, fromNameAddr: '"Carol" <sip:carol@contoso.com>',
      userAgent: 'ua', transport: 'tcp', clock: new ManualClock(),
    });
    const first = parseMessage(serializeMessage(registration.buildRequest(pair.client, 900)));
    const second = registration.buildRequest(pair.client, 0);
    expect(first.kind === 'request' && first.uri).toBe('sip:contoso.com');
    expect(first.headers.get('from')).toMatch(/^"Carol" <sip:carol@contoso\.com>;tag=\w+;epid=dceed2edfb$/);
    expect(first.headers.get('contact')).toContain(`ms-opaque=${registration.msOpaque}>`);
    expect(first.headers.get('contact')).toContain(`+sip.instance="<urn:uuid:${INSTANCE}>"`);
    expect(first.headers.get('call-id')).toBe(second.headers.get('call-id'));
    expect([first.headers.get('cseq'), second.headers.get('cseq')]).toEqual(['1 REGISTER', '2 REGISTER']);
    expect(second.headers.get('expires')).toBe('0');
  });

  it('keeps the GRUU, pings every keep-alive timeout and refreshes at half the expiry', async () => {
    pair = await connectionPair('tcp');
    const clock = new ManualClock();
    const registration = new Registration({
      aor: 'sip:carol@contoso.com', epid: EPID, instanceId: INSTANCE, fromNameAddr: '<sip:carol@contoso.com>',
      userAgent: 'ua', transport: 'tcp', clock,
    });
    const pings: string[] = [];
    pair.server.onKeepAlive((kind) => pings.push(kind));
    pair.server.onMessage(() => undefined);
    let refreshes = 0;
    registration.accept(ok(INSTANCE), 3600, pair.client, () => refreshes++);
    expect(registration.gruu).toBe('sip:carol@contoso.com;opaque=user:epid:XYZ;gruu');
    expect(registration.contact(pair.client)).toBe('<sip:carol@contoso.com;opaque=user:epid:XYZ;gruu>');
    clock.advance(300_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pings).toEqual(['ping']);
    expect(refreshes).toBe(0);
    clock.advance(150_000);
    expect(refreshes).toBe(1);
    registration.cancelTimers();
    expect(clock.pendingTimers).toBe(0);
  });

  it('ignores failures and forgets the GRUU on unregister', async () => {
    pair = await connectionPair('tcp');
    const clock = new ManualClock();
    const registration = new Registration({
      aor: 'sip:carol@contoso.com', epid: EPID, instanceId: INSTANCE, fromNameAddr: '<sip:carol@contoso.com>',
      userAgent: 'ua', transport: 'tcp', clock,
    });
    registration.accept(createResponseMessage({ status: 403, reason: 'Forbidden' }), 900, pair.client, () => undefined);
    expect(registration.gruu).toBeUndefined();
    expect(registration.contact(pair.client)).toMatch(/^<sip:127\.0\.0\.1:\d+;transport=tcp;ms-opaque=[0-9a-f]{10}>$/);
    registration.accept(ok(INSTANCE), 900, pair.client, () => undefined);
    expect(registration.gruu).toBeDefined();
    registration.accept(ok(INSTANCE), 0, pair.client, () => undefined);
    expect(registration.gruu).toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
  });

  it('reads the keep-alive timeout', () => {
    expect(keepAliveTimeout(ok(INSTANCE))).toBe(300);
    expect(keepAliveTimeout(createResponseMessage({ status: 200, reason: 'OK' }))).toBeUndefined();
  });
});
