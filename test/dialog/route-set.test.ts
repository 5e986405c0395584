import { describe, expect, it } from 'vitest';
import { isLooseRouter, requestTarget } from '../../src/dialog/index.js';

const target = 'sip:bob@192.0.2.4;transport=tls';

describe('requestTarget (RFC 3261 §12.2.1.1)', () => {
  it('uses the remote target and no Route for an empty route set', () => {
    expect(requestTarget(target, [])).toEqual({ uri: target, routes: [] });
  });

  it('keeps the remote target and the whole route set when the first route is loose', () => {
    const routes = ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>'];
    expect(requestTarget(target, routes)).toEqual({ uri: target, routes });
  });

  it('puts a strict router in the Request-URI and the remote target last in Route', () => {
    const routes = ['<sip:p1.example.com;transport=tls;method=INVITE?X-Foo=1>', '<sip:p2.example.com;lr>'];
    expect(requestTarget(target, routes)).toEqual({
      uri: 'sip:p1.example.com;transport=tls',
      routes: ['<sip:p2.example.com;lr>', `<${target}>`],
    });
  });

  it('can treat every route as loose (Office Communicator towards the IM MCU)', () => {
    const routes = ['<sip:poola.topa.contoso.com:5062;transport=tls;ms-fe=M18-OCG.topa.contoso.com>'];
    expect(requestTarget(target, routes, true)).toEqual({ uri: target, routes });
  });

  it('recognises lr only as a URI parameter', () => {
    expect(isLooseRouter('sip:p.example.com;lr')).toBe(true);
    expect(isLooseRouter('sip:p.example.com;lr=on;transport=tls')).toBe(true);
    expect(isLooseRouter('sip:lr.example.com;transport=tls')).toBe(false);
    expect(isLooseRouter('sip:p.example.com;lrx')).toBe(false);
  });
});
