import { describe, expect, it } from 'vitest';
import { parseSessionExpires, sessionRefreshDelay } from '../../src/endpoint/session-timer.js';
import { createResponseMessage } from '../../src/sip/index.js';

const ok = (value?: string) => createResponseMessage({ status: 200, reason: 'OK', headers: value === undefined ? [] : [['x', value]] });

describe('session timers (RFC 4028)', () => {
  it('parses Session-Expires, compact form included', () => {
    expect(parseSessionExpires(ok('1800;refresher=uac'))).toEqual({ seconds: 1800, refresher: 'uac' });
    expect(parseSessionExpires(ok('90'))).toEqual({ seconds: 90, refresher: undefined });
    expect(parseSessionExpires(ok('soon'))).toBeUndefined();
    expect(parseSessionExpires(ok())).toBeUndefined();
  });

  it('refreshes at half the interval unless the UAS refreshes', () => {
    expect(sessionRefreshDelay(ok('1800;refresher=uac'))).toBe(900_000);
    expect(sessionRefreshDelay(ok('90'))).toBe(45_000);
    expect(sessionRefreshDelay(ok('1800;refresher=uas'))).toBeUndefined();
    expect(sessionRefreshDelay(ok())).toBeUndefined();
  });
});
